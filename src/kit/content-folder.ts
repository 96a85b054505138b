/**
 * Finding the files of a content folder: the folder itself (said one way, whichever command asks),
 * kit.yaml, and the files of each sub-folder, with anything that is not read reported.
 */
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { diagnostic, startOfFile, type Diagnostic } from './diagnostics.ts';
import { compareText } from './text.ts';

// strings: move to the catalog
const folderSentences = {
  notFound: 'content folder not found (pass --content <folder>)',
  ignored: (extensions: readonly string[], folder: string) => `ignored: only ${extensions.join(' and ')} files are read in ${folder}/`,
};

/** The one finding for a content folder that is not there (or is a file): every command says it the same way. */
export function missingContentFolder(contentDir: string): Diagnostic | undefined {
  if (existsSync(contentDir) && statSync(contentDir).isDirectory()) return undefined;
  return diagnostic(contentDir, startOfFile, 'error', folderSentences.notFound);
}

/** `kit.yaml`, or `kit.yml` when only that exists: where the kit file is, or goes. */
export function kitFilePath(contentDir: string): string {
  return [join(contentDir, 'kit.yaml'), join(contentDir, 'kit.yml')].find((f) => existsSync(f)) ?? join(contentDir, 'kit.yaml');
}

interface FolderFile {
  file: string;
  /** The file name without its extension: a partner's slug, a script's or testimonial's id. */
  name: string;
}

/** Files of one content sub-folder with the given extensions; anything else is reported, not silently dropped. */
export async function listFolder(dir: string, extensions: readonly string[], diagnostics: Diagnostic[]): Promise<FolderFile[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  const files: FolderFile[] = [];
  for (const entry of entries.sort((a, b) => compareText(a.name, b.name))) {
    // Not content: hidden files (.gitkeep, .DS_Store, an editor's swap file) and whatever the owner
    // sets aside with a leading underscore (_drafts/, _old-partner.yaml).
    if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
    const file = join(dir, entry.name);
    const extension = extname(entry.name).toLowerCase();
    if (entry.isFile() && extensions.includes(extension)) {
      files.push({ file, name: basename(entry.name, extname(entry.name)) });
    } else {
      diagnostics.push(diagnostic(file, startOfFile, 'warning', folderSentences.ignored(extensions, basename(dir))));
    }
  }
  return files;
}
