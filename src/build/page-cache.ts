/**
 * The page cache: what lets a rebuild copy the pages that did not change instead of rendering
 * them again. Astro's incremental build (`experimental.incrementalBuild`) does the work: it keeps
 * a manifest (`incremental-build.json`: per page, its cache key and the hash of its code) and a
 * copy of every keyed page under its cache folder, and restores a page when both still match.
 * This module gives each kit folder a cache folder of its own (agencies building several kits do
 * not evict each other's pages), and notices a damaged cache, which Astro would copy into the site
 * as it is: after each build it records every stored copy Astro's manifest names (its hash, size
 * and modification time), and before the next it checks them; a copy that is missing, changed or
 * not recorded empties the cache, and every page renders anew. A copy whose size and time are still those recorded is the
 * file that was hashed (a write, a truncation or a hand edit changes them), so only copies that
 * differ are read again: a warm rebuild of 1,000 partners reads a few pages, not 4,000. The
 * thousands of small file operations are synchronous: one after another on the thread pool, each
 * awaited, they took seconds.
 */
import { createHash } from 'node:crypto';
import { type Dirent, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { temporaryFileFor } from '../kit/temporary-file.ts';
import { cacheDirOf, kitFolderId } from './project-root.ts';

/** Astro's names, inside its cache folder (node_modules/astro/dist/core/build/incremental.js). */
const astroManifest = 'incremental-build.json';
const astroCopies = 'dist';
/** Ours, next to them. */
const recordFile = 'referral-kit-pages.json';
/**
 * 3: the copies are linked into the sites (src/build/placed-pages.ts), so a Referral Kit from
 * before that, which lets Astro write copies in place, must not reuse this cache: it finds the
 * version unknown and starts again. 2 had each copy's size and time; 1 its hash only.
 */
const recordVersion = 3;

interface PageRecord {
  version: number;
  /** Every stored copy, by its path under the copies folder: the sha-256 of its bytes, its size and modification time. */
  files: Record<string, StoredCopy>;
}

/** What the check found: nothing to reuse yet, a cache to reuse, or a damaged one (now emptied). */
export type PageCacheState = 'empty' | 'sound' | 'damaged';

interface StoredCopy {
  hash: string;
  size: number;
  mtimeMs: number;
}

/** The copies the check found sound, by path: their hash, and their size and time so a later look can tell they are the same file. */
export type CheckedCopies = Map<string, StoredCopy>;

/** The cache folder of one kit folder (by its real path), inside the project. */
export function pageCacheDir(projectRoot: string, realContentDir: string): string {
  return join(cacheDirOf(projectRoot), 'pages', kitFolderId(realContentDir));
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * A stored copy as it is now: `known`'s hash when its size and time are still the ones known
 * (the same file), else its bytes hashed anew; undefined when it cannot be read.
 */
function copyAsItIs(path: string, known: StoredCopy | undefined): StoredCopy | undefined {
  try {
    // Not followed: a link to some other file is not a copy Astro stored, and must not be published.
    const stats = lstatSync(path);
    if (!stats.isFile()) return undefined;
    const { size, mtimeMs } = stats;
    if (known && known.size === size && known.mtimeMs === mtimeMs) return { ...known };
    return { hash: sha256(readFileSync(path)), size, mtimeMs };
  } catch {
    return undefined;
  }
}

function storedCopies(dir: string): string[] {
  const copies = join(dir, astroCopies);
  let entries: Dirent[];
  try {
    entries = readdirSync(copies, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(copies, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** The output files Astro's manifest says it can restore. */
function manifestFiles(manifest: unknown): string[] | undefined {
  const routes = (manifest as { routes?: unknown } | null)?.routes;
  if (!routes || typeof routes !== 'object') return undefined;
  const files: string[] = [];
  for (const route of Object.values(routes as Record<string, { paths?: Record<string, { outputFile?: unknown }> }>)) {
    for (const path of Object.values(route?.paths ?? {})) {
      if (typeof path?.outputFile !== 'string') return undefined;
      files.push(path.outputFile);
    }
  }
  return files;
}

/**
 * Checks the cache before a build: every copy Astro may restore must be one this module recorded,
 * with the same bytes. When anything is off, the whole cache is removed (the build then renders
 * every page and stores a fresh one).
 */
export async function checkPageCache(dir: string, checked: CheckedCopies = new Map()): Promise<PageCacheState> {
  const manifestText = await readFile(join(dir, astroManifest), 'utf8').catch(() => undefined);
  const recordText = await readFile(join(dir, recordFile), 'utf8').catch(() => undefined);
  if (manifestText === undefined && recordText === undefined && !storedCopies(dir).length) return 'empty';
  const damaged = async (): Promise<PageCacheState> => {
    await rm(dir, { recursive: true, force: true });
    return 'damaged';
  };
  let manifest: unknown;
  let record: PageRecord;
  try {
    manifest = JSON.parse(manifestText ?? '');
    record = JSON.parse(recordText ?? '') as PageRecord;
  } catch {
    return damaged();
  }
  if (typeof record?.version === 'number' && record.version < recordVersion) {
    // Written by an older Referral Kit: not damage, just a cache to start again.
    await rm(dir, { recursive: true, force: true });
    return 'empty';
  }
  const expected = manifestFiles(manifest);
  if (!expected || record?.version !== recordVersion || typeof record.files !== 'object') return damaged();
  // Only what Astro may restore is looked at: a file its manifest does not name is never copied
  // into a site (by Astro or by src/build/placed-pages.ts), and listing 4,000 folders to look for
  // one cost a recursive listing of the cache on every build.
  for (const file of expected) {
    const recorded = record.files[file];
    const copy = recorded && copyAsItIs(join(dir, astroCopies, file), recorded);
    if (!copy || copy.hash !== recorded.hash) return damaged();
    checked.set(file, copy);
  }
  return 'sound';
}

/** The folder of Astro's stored copies, by the output paths they are stored under. */
export function pageCopiesDir(dir: string): string {
  return join(dir, astroCopies);
}

/** The output files Astro's manifest in `dir` lists as reusable (empty without a readable one). */
export function reusablePages(dir: string): string[] {
  try {
    return manifestFiles(JSON.parse(readFileSync(join(dir, astroManifest), 'utf8'))) ?? [];
  } catch {
    return [];
  }
}

/** Makes the cache folder before Astro writes to it: it holds every kit page, so for the owner only. */
export async function preparePageCache(dir: string): Promise<void> {
  await mkdir(join(dir, '..'), { recursive: true });
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

/**
 * Records the hash of every stored copy Astro's manifest names, after a build that succeeded. A copy the check read
 * before the build and Astro has not written since (same size and time) keeps the hash it had:
 * a warm rebuild of a large kit reads only the copies of the pages it rendered.
 */
export async function recordPageCache(dir: string, checked: CheckedCopies = new Map(), unreleased: ReadonlySet<string> = new Set()): Promise<void> {
  const files: Record<string, StoredCopy> = {};
  // The copies Astro's new manifest names: the ones the next build may restore.
  for (const file of reusablePages(dir)) {
    const known = checked.get(file);
    const copy = copyAsItIs(join(dir, astroCopies, file), known);
    // A page placed in the site and not rendered anew is the file that was checked: if its size or
    // time changed during the build, something edited it (through the published site, which
    // shares it). It is left unrecorded, so the next build finds the cache damaged and renders
    // every page anew rather than trusting the edit.
    if (unreleased.has(file) && (!copy || !known || copy.size !== known.size || copy.mtimeMs !== known.mtimeMs)) continue;
    // A copy gone between the listing and now is left out: the next check then finds the cache damaged.
    if (copy) files[file] = copy;
  }
  const record: PageRecord = { version: recordVersion, files };
  const temporary = temporaryFileFor(join(dir, recordFile));
  await writeFile(temporary, JSON.stringify(record), { mode: 0o600 });
  await rename(temporary, join(dir, recordFile));
}

/** Forgets the cache of a build that failed half-way: its copies and manifest may not agree. */
export async function dropPageCache(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
