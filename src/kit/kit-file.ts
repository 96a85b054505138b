/** `kit.yaml` (or `kit.yml`): validated on its own, with the checks that need nothing else. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { kitSchema, type KitData } from '../schemas/kit.ts';
import { readContentFile } from './content-file.ts';
import { kitFilePath, missingContentFolder } from './content-folder.ts';
import { checkCopy } from './copy-check.ts';
import { diagnostic, startOfFile, type Diagnostic } from './diagnostics.ts';
import { checkPhoto } from './photos.ts';
import { parseYaml, positionAt, validateYaml, type YamlSource } from './yaml-source.ts';

export interface KitFile {
  kitFile: string;
  /** Present when kit.yaml passes its schema (a missing photo is still reported, and leaves it here). */
  kit?: KitData | undefined;
  /** kit.yaml as read, for positions of later findings. */
  source?: YamlSource | undefined;
  diagnostics: Diagnostic[];
}

/** `kit.yaml` (or `kit.yml`) alone: enough for commands that only need the site's address. */
export async function loadKitFile(contentDirectory: string): Promise<KitFile> {
  const contentDir = resolve(contentDirectory);
  const diagnostics: Diagnostic[] = [];
  const missingFolder = missingContentFolder(contentDir);
  if (missingFolder) return { kitFile: join(contentDir, 'kit.yaml'), diagnostics: [missingFolder] };
  const kitFile = kitFilePath(contentDir);
  if (!existsSync(kitFile)) {
    diagnostics.push(diagnostic(kitFile, startOfFile, 'error', 'missing kit.yaml: it says who you are, what you offer and where the site lives'));
    return { kitFile, diagnostics };
  }
  const read = await readContentFile(kitFile, 'kit');
  if (read.diagnostic) return { kitFile, diagnostics: [read.diagnostic] };
  const parsed = parseYaml(kitFile, read.text);
  const validated = validateYaml(parsed, kitSchema);
  diagnostics.push(...validated.diagnostics);
  const kit = validated.data;
  if (kit) checkPhoto(contentDir, parsed.source, ['owner', 'photo'], kit.owner.photo, diagnostics);
  if (kit && new URL(kit.site.url).protocol === 'http:') {
    diagnostics.push(
      diagnostic(
        kitFile,
        positionAt(parsed.source, ['site', 'url']),
        'warning',
        'site.url: starts with http://, so kit links travel unencrypted and anyone on the network can read the secret part; use https:// if your host offers it (most do, free)',
      ),
    );
  }
  // On the raw value, so a misspelt value shows up even while another field is wrong.
  const rawCopy = (parsed.value as { copy?: unknown } | null | undefined)?.copy;
  if (rawCopy && typeof rawCopy === 'object') checkCopy(parsed.source, rawCopy as Record<string, unknown>, diagnostics);
  return { kitFile, kit, source: parsed.source, diagnostics };
}
