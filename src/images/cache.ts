/**
 * The image cache: a PNG is rendered once and reused until something it depends on changes.
 *
 * The key is computed without laying anything out, from everything an image depends on: the
 * code that draws images (its source files and the versions of satori, resvg, HarfBuzz…), the
 * versions of the font packages its text needs (npm packages never change within a version), the
 * job's every input field, the bytes of its photos, and its size. Entries live in
 * node_modules/.cache/referral-kit/images/<kit>/, one folder per kit folder, so agencies building
 * several kits do not evict each other's images.
 */
import { createHash } from 'node:crypto';
import { type Dirent, lstatSync, readdirSync, readFileSync, type Stats, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDirOf, kitFolderId } from '../build/project-root.ts';
import { inThread } from '../kit/in-thread.ts';
import { packageVersion, sourceFilesRunBy } from '../kit/source-files.ts';
import { temporaryFileFor } from '../kit/temporary-file.ts';
import type { ImageJob } from './catalog.ts';
import { packagesUsedBy } from './fonts.ts';

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest();

/** Packages whose version is part of every key: they decide how any image looks. */
const rendererPackages = ['satori', '@resvg/resvg-js', 'harfbuzzjs', 'bidi-js', 'qrcode', 'image-size', '@twemoji/svg'];

const codeVersions = new Map<string, string>();

/**
 * The version of the code that draws one kind of image: a hash of every source file its
 * template and the renderer (satori → resvg → PNG) run, found by following their imports, and
 * of the renderer packages. Changing a template re-renders its images, and only those; changing
 * anything they use (the text engine, a catalog) re-renders them too, without anyone keeping a
 * list of files.
 */
export function imageCodeVersion(kind: ImageJob['kind']): string {
  let version = codeVersions.get(kind);
  if (!version) {
    const src = fileURLToPath(new URL('..', import.meta.url));
    const sources = sourceFilesRunBy([fileURLToPath(new URL('render.ts', import.meta.url)), fileURLToPath(new URL(`templates/${kind}.ts`, import.meta.url))]);
    const hash = createHash('sha256');
    for (const file of sources) hash.update(file.slice(src.length)).update(readFileSync(file));
    for (const name of rendererPackages) hash.update(`${name}@${packageVersion(name)}`);
    version = hash.digest('hex');
    codeVersions.set(kind, version);
  }
  return version;
}

const photoHashes = new Map<string, string>();

function photoHash(file: string): string {
  const { size, mtimeMs } = statSync(file);
  const key = `${file}:${size}:${mtimeMs}`;
  let hash = photoHashes.get(key);
  if (!hash) {
    hash = sha256(readFileSync(file)).toString('hex');
    photoHashes.set(key, hash);
  }
  return hash;
}

/** Strings and photo paths in a job's input, found wherever they sit. */
function walk(value: unknown, strings: string[], photos: string[], key = ''): void {
  if (typeof value === 'string') (key === 'photo' ? photos : strings).push(value);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, strings, photos, k);
}

/** JSON with sorted keys: the same input always gives the same text. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface KeyOptions {
  /** For tests: pretend a package has another version (a changed font). */
  versionOf?: (name: string) => string;
  /** For tests: pretend the code drawing some kind of image changed. */
  codeVersion?: (kind: ImageJob['kind']) => string;
}

export function imageKey(job: ImageJob, options: KeyOptions = {}): string {
  const strings: string[] = [];
  const photos: string[] = [];
  walk(job.input, strings, photos);
  const versionOf = options.versionOf ?? packageVersion;
  const fonts = packagesUsedBy(strings.join('\n')).map((name) => `${name}@${versionOf(name)}`);
  const description = stableJson({
    code: (options.codeVersion ?? imageCodeVersion)(job.kind),
    kind: job.kind,
    format: job.format,
    input: job.input,
    fonts,
    photos: photos.map(photoHash),
  });
  return sha256(description).toString('hex');
}

/**
 * From this many images, their keys are made in a worker thread: 3,200 keys took 0.45 s of the
 * build's own thread at 1,000 partners, just when it loads Astro, while the other core waited.
 */
export const keysInWorkerFrom = 200;

/** The key of each job (`imageKey`), in order. */
export async function imageKeys(jobs: readonly ImageJob[]): Promise<string[]> {
  if (jobs.length < keysInWorkerFrom) return jobs.map((job) => imageKey(job));
  return inThread<string[]>(new URL('./keys-worker.ts', import.meta.url), jobs);
}

/** A temporary file this old belongs to no running build: rendering one image takes well under a second. */
const abandonedAfterMs = 60 * 60 * 1000;

/**
 * Entries are the PNG as it is, so the site can link to it, named `<key>.<checksum>.png`: the
 * checksum is a SHA-256 of the key and the PNG, so a damaged entry, or a sound one moved under
 * another key's name, is noticed and redone rather than published.
 */
const entryName = /^([0-9a-f]{64})\.([0-9a-f]{64})\.png$/;

const checksumOf = (key: string, png: Uint8Array) => createHash('sha256').update(`${key}\n`).update(png).digest('hex');

/**
 * Stores an entry through a temporary file, so a build running alongside never reads half of one,
 * and so an entry is never written in place (the site may link to the one there). `stem` is
 * `<cache folder>/<key>.png` (`ImageCache.entryFile`); returns the entry's file.
 * Whatever is in the way (a folder put there by hand, say) is replaced, not a build failure.
 */
export async function writeCacheEntry(stem: string, png: Uint8Array): Promise<string> {
  const key = basename(stem, '.png');
  const file = join(dirname(stem), `${key}.${checksumOf(key, png)}.png`);
  await mkdir(dirname(file), { recursive: true });
  const temporary = temporaryFileFor(file);
  await writeFile(temporary, png);
  try {
    await rename(temporary, file);
  } catch (error) {
    if (!['EISDIR', 'ENOTEMPTY', 'EEXIST', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) {
      await rm(temporary, { force: true });
      throw error;
    }
    await rm(file, { recursive: true, force: true });
    await rename(temporary, file);
  }
  return file;
}

/** A sound entry: its file. */
export interface CacheEntry {
  file: string;
}

/**
 * The entries checked sound (by their file name, which holds the key and the checksum), with
 * the size and modification time they had then: an entry that still has both is the file that
 * was read and hashed (a write, a truncation or an edit by hand changes them, through the site's
 * link to it too), so a rebuild looks at each with one `stat` instead of reading and hashing it
 * (3,200 images of a 1,000-partner kit: 140 MB). Written after each build that finished.
 */
const checkedFile = 'checked.json';
/** 1: the first. */
const checkedVersion = 1;

interface CheckedEntry {
  size: number;
  mtimeMs: number;
}

/**
 * Synchronous: thousands of `stat`s one after another through the thread pool took far longer
 * than the calls. Not followed: an entry that is a link to some other file is not one we wrote.
 */
function statOrNothing(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

export class ImageCache {
  readonly dir: string;
  private used = new Set<string>();
  /** The entry file of each key, from one listing of the folder (and the entries stored since). */
  private entries: Map<string, string> | undefined;
  /** The record of checked entries as the last build left it; read once. */
  private checked: Record<string, CheckedEntry> | undefined;
  /** Entries this build found sound (or wrote), by file name, with the size and time they had when it did. */
  private verified = new Map<string, CheckedEntry>();

  constructor(root: string, contentDir: string) {
    this.dir = join(cacheDirOf(root), 'images', kitFolderId(contentDir));
  }

  /** What `writeCacheEntry` is given for `key` (workers write entries there themselves). */
  entryFile(key: string): string {
    return join(this.dir, `${key}.png`);
  }

  /** One listing of the folder rather than a look per key: a large kit has thousands. */
  private listing(): Map<string, string> {
    if (!this.entries) {
      this.entries = new Map();
      let found: Dirent[] = [];
      try {
        found = readdirSync(this.dir, { withFileTypes: true });
      } catch {
        // No folder yet: no entries.
      }
      for (const entry of found) {
        const match = entryName.exec(entry.name);
        if (match && entry.isFile()) this.entries.set(match[1]!, join(this.dir, entry.name));
      }
    }
    return this.entries;
  }

  /** Whether there is an entry (not yet whether it is sound: `entry` checks that). */
  async has(key: string): Promise<boolean> {
    this.used.add(key);
    return this.listing().has(key);
  }

  /**
   * The sound entry for `key`, or undefined when there is none or it is damaged. `file` is the
   * entry a worker just wrote, when there is one.
   */
  async entry(key: string, file?: string): Promise<CacheEntry | undefined> {
    this.used.add(key);
    if (file) this.listing().set(key, file);
    const path = this.listing().get(key);
    const match = path && entryName.exec(basename(path));
    if (!path || !match || match[1] !== key) return undefined;
    const name = basename(path);
    // Taken before the entry is judged sound, and recorded: a change made after it (through the
    // site, which shares the file) then shows at the next build's look, which reads it again.
    const before = statOrNothing(path);
    if (!before?.isFile()) return undefined;
    const seen = { size: before.size, mtimeMs: before.mtimeMs };
    // One the worker wrote this build, from the PNG it had checksummed, is sound.
    const known = this.checkedEntries()[name];
    const sound = file !== undefined || (known !== undefined && known.size === seen.size && known.mtimeMs === seen.mtimeMs) || (await this.hashMatches(path, key, match[2]!));
    if (!sound) return undefined;
    this.verified.set(name, seen);
    return { file: path };
  }

  private async hashMatches(path: string, key: string, checksum: string): Promise<boolean> {
    const png = await readFile(path).catch(() => undefined);
    return png !== undefined && checksumOf(key, png) === checksum;
  }

  private checkedEntries(): Record<string, CheckedEntry> {
    if (!this.checked) {
      this.checked = {};
      try {
        const record = JSON.parse(readFileSync(join(this.dir, checkedFile), 'utf8')) as { version?: unknown; files?: unknown };
        if (record.version === checkedVersion && record.files && typeof record.files === 'object') this.checked = record.files as Record<string, CheckedEntry>;
      } catch {
        // None yet, or unreadable: every entry is read and hashed, as the first time.
      }
    }
    return this.checked;
  }

  /**
   * Records the entries this build found sound or wrote, with the size and time each had then,
   * after the build finished. The record is replaced whole, through a new file.
   */
  async recordChecked(): Promise<void> {
    const files = Object.fromEntries(this.verified);
    await mkdir(this.dir, { recursive: true });
    const temporary = temporaryFileFor(join(this.dir, checkedFile));
    await writeFile(temporary, JSON.stringify({ version: checkedVersion, files }), { mode: 0o600 });
    await rename(temporary, join(this.dir, checkedFile));
  }

  /** Stores the PNG for `key` (see writeCacheEntry); returns the entry's file. */
  async put(key: string, png: Uint8Array): Promise<string> {
    this.used.add(key);
    const file = await writeCacheEntry(this.entryFile(key), png);
    this.listing().set(key, file);
    return file;
  }

  /**
   * Removes the entries this build did not use (and any other file of a key than the one it
   * used, and entries in the format of older versions), and temporary files a stopped build left
   * (only old ones: a build running alongside may be writing the new ones); returns how many.
   */
  async prune(): Promise<number> {
    let removed = 0;
    const current = this.listing();
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      const file = join(this.dir, name);
      const match = entryName.exec(name);
      const unused = name.endsWith('.png') && !(match && this.used.has(match[1]!) && current.get(match[1]!) === file);
      const abandoned =
        name.endsWith('.tmp') &&
        Date.now() -
          (await stat(file).then(
            (s) => s.mtimeMs,
            () => Date.now(),
          )) >
          abandonedAfterMs;
      if (unused || abandoned) {
        await rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
