/** `partners/<slug>.yaml`: each file validated, and the files checked against each other (one token, one email each). */
import { basename, extname, join, resolve } from 'node:path';
import { slugPattern } from '../schemas/fields.ts';
import { partnerSchema, type PartnerData } from '../schemas/partner.ts';
import { readContentFile } from './content-file.ts';
import { listFolder } from './content-folder.ts';
import { diagnostic, hasErrors, startOfFile, type Diagnostic } from './diagnostics.ts';
import type { ScriptTarget } from './script-selection.ts';
import { slugify } from './slug.ts';
import { openYamlCache } from './yaml-cache.ts';
import { parseYaml, positionAt, validateYaml, type YamlSource } from './yaml-source.ts';

export interface PartnerEntry {
  /** The file name without extension; the partner's public URL is /for/<slug>/. */
  slug: string;
  file: string;
  data: PartnerData;
}

/** Who a partner is, for choosing their scripts. */
export function partnerTarget(partner: PartnerEntry, defaultLanguage: string): ScriptTarget {
  return { slug: partner.slug, category: partner.data.category, tags: partner.data.tags, language: partner.data.language, defaultLanguage };
}

export interface PartnerFolder {
  /** The partners whose files are valid. */
  partners: PartnerEntry[];
  /** Every partner file with a usable name, valid or not. */
  files: { slug: string; file: string }[];
  /** Each email some partner file holds (trimmed, lowercase), read from the raw YAML so an invalid file still counts. */
  emails: Map<string, string>;
  /** Files whose fields could not be read at all (YAML syntax errors, names that are not slugs). */
  unreadable: string[];
  sources: Map<string, YamlSource>;
  diagnostics: Diagnostic[];
}

/** `partners/<slug>.yaml`: each file validated, and the files checked against each other. */
export async function loadPartners(contentDirectory: string): Promise<PartnerFolder> {
  const contentDir = resolve(contentDirectory);
  const diagnostics: Diagnostic[] = [];
  const partners: PartnerEntry[] = [];
  const files: PartnerFolder['files'] = [];
  const emails = new Map<string, string>();
  const unreadable: string[] = [];
  const sources = new Map<string, YamlSource>();
  const partnerFiles = await listFolder(join(contentDir, 'partners'), ['.yaml', '.yml'], diagnostics);
  const cache = openYamlCache(contentDir);
  /** Fields that must be unique across partners, checked on the raw values so one pass finds every clash. */
  const firstHolder = new Map<string, string>();
  const uniqueFields = { token: 'each partner needs their own secret link', email: 'one person, one partner file' } as const;
  for (const { file, name } of partnerFiles) {
    if (!slugPattern.test(name)) {
      const suggestion = slugify(name) || 'partner-name';
      diagnostics.push(
        diagnostic(file, startOfFile, 'error', `file name "${name}" is used in the share link: rename the file to ${suggestion}${extname(file)} (lowercase letters, digits and dashes)`),
      );
      unreadable.push(file);
      continue;
    }
    files.push({ slug: name, file });
    const read = await readContentFile(file, 'partner');
    if (read.diagnostic) {
      diagnostics.push(read.diagnostic);
      unreadable.push(file);
      continue;
    }
    const parsed = parseYaml(file, read.text, 0, cache);
    if (hasErrors(parsed.diagnostics)) unreadable.push(file);
    const previous = firstHolder.get(`slug:${name}`);
    if (previous) {
      diagnostics.push(diagnostic(file, startOfFile, 'error', `two files for the partner "${name}": ${basename(previous)} and ${basename(file)}; keep one`));
    } else firstHolder.set(`slug:${name}`, file);
    const raw = (parsed.value ?? {}) as Record<string, unknown>;
    for (const [field, consequence] of Object.entries(uniqueFields)) {
      const value = raw[field];
      if (typeof value !== 'string' || !value.trim()) continue;
      // Tokens differing only in case are two folders on a case-sensitive disk and one on a
      // case-insensitive one (macOS, Windows): one partner's kit would overwrite the other's.
      const key = `${field}:${value.trim().toLowerCase()}`;
      const holder = firstHolder.get(key);
      if (holder) {
        const caseOnly = field === 'token' && !firstHolder.has(`${field}-exact:${value.trim()}`);
        const message = caseOnly
          ? `token: differs only in capitals from the one in ${basename(holder)}; links that differ only in case collide on some disks and hosts: run referral-kit rotate ${name}`
          : `${field}: same as in ${basename(holder)}: ${consequence}`;
        diagnostics.push(diagnostic(file, positionAt(parsed.source, [field]), 'error', message));
      } else {
        firstHolder.set(key, file);
        firstHolder.set(`${field}-exact:${value.trim()}`, file);
      }
      if (field === 'email' && !holder) emails.set(value.trim().toLowerCase(), file);
    }
    const validated = validateYaml(parsed, partnerSchema);
    diagnostics.push(...validated.diagnostics);
    if (!validated.data) continue;
    partners.push({ slug: name, file, data: validated.data });
    sources.set(name, parsed.source);
    if (!validated.data.email) {
      diagnostics.push(diagnostic(file, positionAt(parsed.source, ['name']), 'warning', 'no email: `referral-kit invite` will skip this partner'));
    }
  }
  if (!partnerFiles.length) {
    diagnostics.push(diagnostic(join(contentDir, 'partners'), startOfFile, 'warning', 'no partners yet: add one with `npx referral-kit add partner "Name"`'));
  }
  cache.save();
  return { partners, files, emails, unreadable, sources, diagnostics };
}
