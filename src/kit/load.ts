/**
 * Reads a whole kit folder, validates every file, and checks the files against each other.
 * The build and `referral-kit check` both start here, so they report the same problems.
 */
import { existsSync, statSync } from 'node:fs';
import anyAscii from 'any-ascii';
import { readdir } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { inspectPhotoFile } from '../images/photo.ts';
import { loadLedger } from '../ledger/load.ts';
import { slugPattern } from '../schemas/fields.ts';
import { kitSchema, type KitData } from '../schemas/kit.ts';
import { partnerSchema, type PartnerData } from '../schemas/partner.ts';
import { isPublished, testimonialSchema, type TestimonialData } from '../schemas/testimonial.ts';
import { checkCopy } from './copy-check.ts';
import { checkLanguages } from './language-check.ts';
import { localToday } from './dates.ts';
import { readContentFile } from './content-file.ts';
import { capPerFile, didYouMean, diagnostic, hasErrors, sortDiagnostics, startOfFile, type Diagnostic } from './diagnostics.ts';
import { isInside, realPathOfSync } from './real-path.ts';
import { compareText } from './text.ts';
import { readScript, type ScriptSource } from './script-source.ts';
import { optionalVariables } from './script-variables.ts';
import { scriptsFor, type ScriptTarget } from './script-selection.ts';
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

/** Who a partner is, for choosing their scripts. */
export function partnerTarget(partner: PartnerEntry, defaultLanguage: string): ScriptTarget {
  return { slug: partner.slug, category: partner.data.category, tags: partner.data.tags, language: partner.data.language, defaultLanguage };
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

/**
 * A name as a slug, in readable Latin whatever its script: `Zoë Ångström` → `zoe-angstrom`,
 * `Mehmet Yılmaz` → `mehmet-yilmaz`, `Дмитрий Иванов` → `dmitriy-ivanov`, Vietnamese without its
 * tones. any-ascii transliterates every script (see the README on why it is a dependency).
 */
export function slugify(name: string): string {
  return anyAscii(name.normalize('NFC'))
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
  for (const entry of entries.sort((a, b) => compareText(a.name, b.name))) {
    // Not content: hidden files (.gitkeep, .DS_Store, an editor's swap file) and whatever the owner
    // sets aside with a leading underscore (_drafts/, _old-partner.yaml).
    if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
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
  // By real path: a photo that is a symbolic link to a file elsewhere would publish that file.
  const realContent = realPathOfSync(contentDir);
  if (!file.startsWith(resolve(contentDir) + '/') || (existsSync(file) && !isInside(realPathOfSync(file), realContent)) || realPathOfSync(file) === realContent) {
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
  const kitFile = [join(contentDir, 'kit.yaml'), join(contentDir, 'kit.yml')].find((f) => existsSync(f)) ?? join(contentDir, 'kit.yaml');
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
      diagnostic(kitFile, positionAt(parsed.source, ['site', 'url']), 'warning', 'site.url: starts with http://, so kit links travel unencrypted and anyone on the network can read the secret part; use https:// if your host offers it (most do, free)'),
    );
  }
  // On the raw value, so a misspelt value shows up even while another field is wrong.
  const rawCopy = (parsed.value as { copy?: unknown } | null | undefined)?.copy;
  if (rawCopy && typeof rawCopy === 'object') checkCopy(parsed.source, rawCopy as Record<string, unknown>, diagnostics);
  return { kitFile, kit, source: parsed.source, diagnostics };
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
    const read = await readContentFile(file, 'partner');
    if (read.diagnostic) {
      diagnostics.push(read.diagnostic);
      unreadable.push(file);
      continue;
    }
    const parsed = parseYaml(file, read.text);
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
  const { kitFile, kit, source: kitSource, diagnostics } = await loadKitFile(contentDir);
  const partnerFolder = await loadPartners(contentDir);
  const { partners, sources } = partnerFolder;
  diagnostics.push(...partnerFolder.diagnostics);
  const defaultLanguage = kit?.site.language ?? 'en';

  // scripts/<id>.mdx
  const scripts: ScriptSource[] = [];
  for (const { file, name } of await listFolder(join(contentDir, 'scripts'), ['.mdx'], diagnostics)) {
    // The file name becomes a module id the bundler resolves: `#`, `?` and `%` break it there.
    const unsafe = /[#?%]/.exec(name);
    if (unsafe) {
      diagnostics.push(
        diagnostic(file, startOfFile, 'error', `file name: "${unsafe[0]}" cannot be in a script's file name (the build reads it as part of an address); rename the file to ${slugify(name) || 'script'}.mdx`),
      );
      continue;
    }
    const content = await readContentFile(file, 'script');
    if (content.diagnostic) {
      diagnostics.push(content.diagnostic);
      continue;
    }
    const read = readScript(file, name, content.text);
    diagnostics.push(...read.diagnostics);
    if (read.script) scripts.push(read.script);
  }

  // Scripts against partners: who would see nothing, and variants aimed at no one. A category
  // without a variant of its own is the normal case (its partners get the general scripts) and
  // says nothing. One finding for every partner left without words, at the first one's file: a
  // kit of thousands must not print thousands of lines.
  if (scripts.length) {
    const silent = partners.filter((partner) => !scriptsFor(scripts, partnerTarget(partner, defaultLanguage)).some((script) => !isOwnerChannel(script.data.channel)));
    const first = silent[0];
    if (first) {
      const who = silent.length === 1 ? "this partner's kit" : `the kits of these ${silent.length} partners (${someOf(silent.map((m) => m.slug))})`;
      diagnostics.push(
        diagnostic(first.file, positionAt(sources.get(first.slug)!, ['category']), 'warning', `no script applies to this partner: ${who} will have nothing to say; add a general script (no categories, tags or partners) or one for them`),
      );
    }
  }
  if (kit) checkLanguages({ kit, kitFile, kitSource, partners, partnerSources: sources, scripts }, diagnostics);
  const partnerTags = new Set(partners.flatMap((partner) => partner.data.tags));
  const tagList = [...partnerTags].sort();
  const partnerSlugs = partnerFolder.files.map((entry) => entry.slug);
  for (const script of scripts) {
    script.data.tags?.forEach((tag, index) => {
      if (partnerTags.has(tag)) return;
      const guess = didYouMean(tag, tagList);
      const hint = guess ? `did you mean "${guess}"?` : tagList.length ? `partners have: ${someOf(tagList)}` : 'no partner has tags yet: list theirs under `tags:` in their file';
      diagnostics.push(diagnostic(script.file, script.targetPositions.tags[index] ?? startOfFile, 'warning', `tags: no partner has the tag "${tag}", so no one sees this script: ${hint}`));
    });
    script.data.partners?.forEach((slug, index) => {
      if (partnerSlugs.includes(slug)) return;
      const guess = didYouMean(slug, partnerSlugs);
      const hint = guess ? `did you mean "${guess}"?` : 'partners are named by their file in partners/, like jane-smith';
      diagnostics.push(diagnostic(script.file, script.targetPositions.partners[index] ?? startOfFile, 'warning', `partners: no partner "${slug}" (no partners/${slug}.yaml), so no one sees this script for them: ${hint}`));
    });
  }
  diagnostics.push(...(await findMailSecrets(contentDir)));
  for (const script of scripts) {
    for (const use of script.uses) {
      if (use.guarded || !optionalVariables.has(use.path)) continue;
      const [group, field] = use.path.split('.') as [string, string];
      const lacking =
        group === 'booking_url'
          ? kit && !kit.booking_url ? ['you (kit.yaml has no booking_url)'] : []
          : group === 'owner'
          ? kit && !kit.owner[field as 'phone'] ? ['you (kit.yaml)'] : []
          : partners
              .filter((partner) => scriptsFor([script], partnerTarget(partner, defaultLanguage)).length)
              .filter((partner) => !partner.data[field as 'company' | 'occupation'])
              .map((partner) => partner.slug);
      if (lacking.length && group === 'booking_url') {
        diagnostics.push(diagnostic(script.file, use.position, 'warning', '{booking_url} is empty: kit.yaml has no booking_url, so the link goes nowhere; add one, or link to {share_url}'));
      } else if (lacking.length) {
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
    const read = await readContentFile(file, 'testimonial');
    if (read.diagnostic) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    const parsed = parseYaml(file, read.text);
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

  const sorted = sortDiagnostics(capPerFile(diagnostics));
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
