/**
 * Reads a whole kit folder, validates every file, and checks the files against each other.
 * The build and `referral-kit check` both start here, so they report the same problems.
 */
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { inspectPhotoFile } from '../images/photo.ts';
import { loadLedger } from '../ledger/load.ts';
import { slugPattern } from '../schemas/fields.ts';
import { kitSchema, type KitData } from '../schemas/kit.ts';
import { partnerSchema, type PartnerData } from '../schemas/partner.ts';
import { isPublished, testimonialSchema, type TestimonialData } from '../schemas/testimonial.ts';
import { localToday } from './dates.ts';
import { diagnostic, hasErrors, sortDiagnostics, startOfFile, type Diagnostic } from './diagnostics.ts';
import { readScript, type ScriptSource } from './script-source.ts';
import { optionalVariables } from './script-variables.ts';
import { scriptsFor } from './script-selection.ts';
import { followThroughChannels, isOwnerChannel } from '../schemas/script.ts';
import { mailSentences } from '../mail/default-messages.ts';
import { findMailSecrets } from './secrets.ts';
import { parseYaml, positionAt, validateYaml, type YamlSource } from './yaml-source.ts';

// strings: move to the catalog
const checkSentences = {
  consentDeclined: 'not published: the author declined to be quoted',
  consentPending: (id: string) => `not published yet: once the author agrees, run referral-kit testimonial consent ${id} --given`,
  disclosureMissing: (fields: string[]) =>
    `kit.yaml's testimonials.require asks for ${fields.join(' and ')}, and this published testimonial has no ${fields.join(' or ')}: add ${fields.map((f) => `${f}:`).join(' and ')}`,
  unknownFrom: (slug: string) => `from: there is no partner file partners/${slug}.yaml`,
};

export interface PartnerEntry {
  /** The file name without extension; the partner's public URL is /for/<slug>/. */
  slug: string;
  file: string;
  data: PartnerData;
}

export interface TestimonialEntry {
  id: string;
  file: string;
  data: TestimonialData;
}

export interface KitContent {
  contentDir: string;
  kitFile: string;
  kit: KitData;
  partners: PartnerEntry[];
  scripts: ScriptSource[];
  testimonials: TestimonialEntry[];
}

export interface LoadResult {
  /** Present when there are no errors (warnings allowed). */
  content?: KitContent;
  diagnostics: Diagnostic[];
}

export { slugPattern };

/** `Jane Smith` → `jane-smith`, `Zoë Ångström` → `zoe-angstrom`. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

interface FolderFile {
  file: string;
  name: string;
}

/** Files of one content sub-folder with the given extensions; anything else is reported, not silently dropped. */
async function listFolder(dir: string, extensions: readonly string[], diagnostics: Diagnostic[]): Promise<FolderFile[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  const files: FolderFile[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const file = join(dir, entry.name);
    const extension = extname(entry.name).toLowerCase();
    if (entry.isFile() && extensions.includes(extension)) {
      files.push({ file, name: basename(entry.name, extname(entry.name)) });
    } else {
      diagnostics.push(
        diagnostic(file, startOfFile, 'warning', `ignored: only ${extensions.join(' and ')} files are read in ${basename(dir)}/`),
      );
    }
  }
  return files;
}

function checkPhoto(
  contentDir: string,
  source: YamlSource,
  path: readonly string[],
  photo: string | undefined,
  diagnostics: Diagnostic[],
): void {
  if (!photo) return;
  const file = resolve(contentDir, photo);
  if (!file.startsWith(resolve(contentDir) + '/')) {
    diagnostics.push(diagnostic(source.file, positionAt(source, path), 'error', `${path.join('.')}: must be inside the content folder`));
  } else if (!existsSync(file) || !statSync(file).isFile()) {
    diagnostics.push(diagnostic(source.file, positionAt(source, path), 'error', `${path.join('.')}: file not found: ${photo}`));
  } else {
    // Checked here, so a bad photo is a message with a position rather than a failed image render.
    const { problem } = inspectPhotoFile(file);
    if (problem) diagnostics.push(diagnostic(source.file, positionAt(source, path), 'error', `${path.join('.')}: ${photo} ${problem}`));
  }
}

export interface KitFile {
  kitFile: string;
  /** Present when kit.yaml passes its schema (a missing photo is still reported, and leaves it here). */
  kit?: KitData | undefined;
  diagnostics: Diagnostic[];
}

/** `kit.yaml` (or `kit.yml`) alone: enough for commands that only need the site's address. */
export async function loadKitFile(contentDirectory: string): Promise<KitFile> {
  const contentDir = resolve(contentDirectory);
  const diagnostics: Diagnostic[] = [];
  const missingFolder = missingContentFolder(contentDir);
  if (missingFolder) return { kitFile: join(contentDir, 'kit.yaml'), diagnostics: [missingFolder] };
  const kitFile = [join(contentDir, 'kit.yaml'), join(contentDir, 'kit.yml')].find((f) => existsSync(f)) ?? join(contentDir, 'kit.yaml');
  if (!existsSync(kitFile)) {
    diagnostics.push(diagnostic(kitFile, startOfFile, 'error', 'missing kit.yaml: it says who you are, what you offer and where the site lives'));
    return { kitFile, diagnostics };
  }
  const parsed = parseYaml(kitFile, await readFile(kitFile, 'utf8'));
  const validated = validateYaml(parsed, kitSchema);
  diagnostics.push(...validated.diagnostics);
  const kit = validated.data;
  if (kit) checkPhoto(contentDir, parsed.source, ['owner', 'photo'], kit.owner.photo, diagnostics);
  return { kitFile, kit, diagnostics };
}

function missingContentFolder(contentDir: string): Diagnostic | undefined {
  if (existsSync(contentDir) && statSync(contentDir).isDirectory()) return undefined;
  return diagnostic(contentDir, startOfFile, 'error', 'content folder not found (pass --content <folder>)');
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
    const parsed = parseYaml(file, await readFile(file, 'utf8'));
    if (hasErrors(parsed.diagnostics)) unreadable.push(file);
    const previous = firstHolder.get(`slug:${name}`);
    if (previous) {
      diagnostics.push(diagnostic(file, startOfFile, 'error', `two files for the partner "${name}": ${basename(previous)} and ${basename(file)}; keep one`));
    } else firstHolder.set(`slug:${name}`, file);
    const raw = (parsed.value ?? {}) as Record<string, unknown>;
    for (const [field, consequence] of Object.entries(uniqueFields)) {
      const value = raw[field];
      if (typeof value !== 'string' || !value.trim()) continue;
      const key = `${field}:${field === 'email' ? value.trim().toLowerCase() : value.trim()}`;
      const holder = firstHolder.get(key);
      if (holder) {
        diagnostics.push(diagnostic(file, positionAt(parsed.source, [field]), 'error', `${field}: same as in ${basename(holder)}: ${consequence}`));
      } else firstHolder.set(key, file);
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
    diagnostics.push(
      diagnostic(join(contentDir, 'partners'), startOfFile, 'warning', 'no partners yet: add one with `npx referral-kit add partner "Name"`'),
    );
  }
  return { partners, files, emails, unreadable, sources, diagnostics };
}

export interface LoadOptions {
  /**
   * The date the ledger's dates are checked against (none may be in the future), as YYYY-MM-DD.
   * Defaults to today on this computer's clock; tests and `report --today` pass their own.
   */
  today?: string | undefined;
}

/** "a, b, c and 12 more": names enough to find the files, few enough to read. */
function someOf(names: readonly string[]): string {
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

export async function loadKit(contentDirectory: string, options: LoadOptions = {}): Promise<LoadResult> {
  const contentDir = resolve(contentDirectory);
  const missingFolder = missingContentFolder(contentDir);
  if (missingFolder) return { diagnostics: [missingFolder] };
  const { kitFile, kit, diagnostics } = await loadKitFile(contentDir);
  const partnerFolder = await loadPartners(contentDir);
  const { partners, sources } = partnerFolder;
  diagnostics.push(...partnerFolder.diagnostics);

  // scripts/<id>.mdx
  const scripts: ScriptSource[] = [];
  for (const { file, name } of await listFolder(join(contentDir, 'scripts'), ['.mdx'], diagnostics)) {
    const read = readScript(file, name, await readFile(file, 'utf8'));
    diagnostics.push(...read.diagnostics);
    if (read.script) scripts.push(read.script);
  }

  // Scripts against partners: who sees what, and what reads empty for whom. One finding per
  // category, at its first partner's file: a kit of thousands must not print thousands of lines.
  const byCategory = Map.groupBy(partners, (partner) => partner.data.category);
  for (const [category, members] of scripts.length ? byCategory : []) {
    const first = members[0]!;
    const at = positionAt(sources.get(first.slug)!, ['category']);
    const who = members.length === 1 ? 'this partner' : `these ${members.length} partners (${someOf(members.map((m) => m.slug))})`;
    const shown = scriptsFor(scripts, category).filter((script) => !isOwnerChannel(script.data.channel));
    if (!shown.length) {
      diagnostics.push(diagnostic(first.file, at, 'warning', `no script applies to category "${category}": ${members.length === 1 ? "this partner's kit" : `the kits of ${who}`} will have nothing to say`));
    } else if (!scripts.some((script) => script.data.categories?.includes(category))) {
      diagnostics.push(diagnostic(first.file, at, 'warning', `no script variant for category "${category}": ${who} see${members.length === 1 ? 's' : ''} the general scripts`));
    }
  }
  diagnostics.push(...(await findMailSecrets(contentDir)));
  for (const script of scripts) {
    for (const use of script.uses) {
      if (use.guarded || !optionalVariables.has(use.path)) continue;
      const [group, field] = use.path.split('.') as [string, string];
      const lacking =
        group === 'owner'
          ? kit && !kit.owner[field as 'phone'] ? ['you (kit.yaml)'] : []
          : partners
              .filter((partner) => scriptsFor([script], partner.data.category).length)
              .filter((partner) => !partner.data[field as 'company' | 'occupation'])
              .map((partner) => partner.slug);
      if (lacking.length) {
        const who = someOf(lacking);
        diagnostics.push(
          diagnostic(script.file, use.position, 'warning', `{${use.path}} is empty for ${who}: add a fallback, like {${use.path} ?? "your team"}`),
        );
      }
    }
  }

  // testimonials/<id>.yaml
  const testimonials: TestimonialEntry[] = [];
  for (const { file, name } of await listFolder(join(contentDir, 'testimonials'), ['.yaml', '.yml'], diagnostics)) {
    const parsed = parseYaml(file, await readFile(file, 'utf8'));
    const validated = validateYaml(parsed, testimonialSchema);
    diagnostics.push(...validated.diagnostics);
    if (!validated.data) continue;
    checkPhoto(contentDir, parsed.source, ['photo'], validated.data.photo, diagnostics);
    const data = validated.data;
    const consentAt = positionAt(parsed.source, ['consent'], 'key');
    if (data.consent === 'declined') {
      diagnostics.push(diagnostic(file, consentAt, 'warning', checkSentences.consentDeclined));
    } else if (!isPublished(data)) {
      // pending, or false: the older way of saying "not given yet".
      diagnostics.push(diagnostic(file, consentAt, 'warning', checkSentences.consentPending(name)));
    } else if (kit) {
      const missing = kit.testimonials.require.filter((field) => data[field] === undefined);
      if (missing.length) diagnostics.push(diagnostic(file, startOfFile, 'warning', checkSentences.disclosureMissing(missing)));
    }
    if (data.from && !partnerFolder.files.some((entry) => entry.slug === data.from)) {
      diagnostics.push(diagnostic(file, positionAt(parsed.source, ['from']), 'warning', checkSentences.unknownFrom(data.from)));
    }
    testimonials.push({ id: name, file, data: validated.data });
  }

  // referrals.yaml: checked like every other file, but its entries stay out of the content, so
  // nothing a page can reach holds a prospect's name.
  const ledger = await loadLedger(contentDir, { partners: partnerFolder.files.map((entry) => entry.slug), today: options.today ?? localToday() });
  diagnostics.push(...ledger.diagnostics);
  // With a ledger there are introductions to follow through on: a channel without a script gets
  // built-in words, which the owner should know about. Said once, not per partner.
  const withoutScript = followThroughChannels.filter((channel) => !scripts.some((script) => script.data.channel === channel));
  if (ledger.exists && partners.length && withoutScript.length) {
    diagnostics.push(diagnostic(join(contentDir, 'scripts'), startOfFile, 'warning', mailSentences.builtInFallback(withoutScript)));
  }

  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted) || !kit) return { diagnostics: sorted };
  return {
    content: {
      contentDir,
      kitFile,
      kit,
      partners,
      scripts,
      testimonials,
    },
    diagnostics: sorted,
  };
}
