/**
 * What reading each partner file gave, kept from one command to the next. Parsing 1,000 partner
 * files took a quarter of a second of every `check` and build (the `yaml` parser keeps every
 * position, for messages that point at a line); a file whose text has not changed needs none of
 * that unless a message is to point into it, and then it is parsed on the spot
 * (src/kit/yaml-source.ts).
 *
 * An entry is the value of a file that parsed without a single finding, keyed by the sha-256 of
 * its text: a file with a warning is parsed every time, so its warning is said every time. The
 * whole cache is keyed by the code that reads YAML (the `yaml` package's version and our two
 * files that turn its results into findings), so a change to either starts it again. One file
 * per content folder (by its real path), holding partners' private fields: the owner's only,
 * like the other caches beside it. A cache that cannot be read or written is no cache, never an
 * error.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { projectRoot } from '../build/project-root.ts';
import { realPathOfSync } from './real-path.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The code an entry's value depends on, read once per process. */
let codeVersion: string | undefined;
function currentCodeVersion(): string {
  codeVersion ??= sha256(
    [
      readFileSync(join(projectRoot, 'node_modules', 'yaml', 'package.json'), 'utf8'),
      readFileSync(new URL('./yaml-source.ts', import.meta.url), 'utf8'),
      readFileSync(new URL('./yaml-mistakes.ts', import.meta.url), 'utf8'),
    ].join('\0'),
  );
  return codeVersion;
}

interface StoredCache {
  version: string;
  values: Map<string, unknown>;
}

export interface YamlCache {
  /** The value this text parsed to last time, if it parsed with no findings: `found` says whether there was one. */
  lookup(text: string, lineOffset: number): { found: boolean; value?: unknown };
  /** Remembers the value of a text that parsed with no findings. */
  remember(text: string, lineOffset: number, value: unknown): void;
  /** Writes what this run read, and only that (files since removed drop out), when it differs from what was there; removes the cache files of folders unread for 30 days. */
  save(): void;
}

/** The cache file of one content folder. */
export function yamlCacheFile(contentDir: string): string {
  const id = createHash('sha256').update(realPathOfSync(contentDir)).digest('hex').slice(0, 16);
  return join(projectRoot, 'node_modules', '.cache', 'referral-kit', 'yaml', `${id}.bin`);
}

/** Content folders read by nothing for this long (moved, deleted, test copies) lose their cache files. */
const unusedFor = 30 * 24 * 3600 * 1000;

function removeUnused(dir: string): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (now - statSync(path).mtimeMs > unusedFor) rmSync(path, { force: true });
  }
}

export function openYamlCache(contentDir: string): YamlCache {
  const file = yamlCacheFile(contentDir);
  const version = currentCodeVersion();
  let stored = new Map<string, unknown>();
  try {
    const read = deserialize(readFileSync(file)) as StoredCache;
    if (read.version === version && read.values instanceof Map) stored = read.values;
  } catch {}
  const used = new Map<string, unknown>();
  let added = false;
  const keyOf = (text: string, lineOffset: number) => `${lineOffset}:${sha256(text)}`;
  return {
    lookup(text, lineOffset) {
      const key = keyOf(text, lineOffset);
      if (!stored.has(key)) return { found: false };
      const value = stored.get(key);
      used.set(key, value);
      return { found: true, value };
    },
    remember(text, lineOffset, value) {
      used.set(keyOf(text, lineOffset), value);
      added = true;
    },
    save() {
      if (!added && used.size === stored.size) {
        // Still in use: its time keeps it from being taken for a folder no longer read.
        try {
          utimesSync(file, new Date(), new Date());
        } catch {}
        return;
      }
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
        // Also when it was made before, by hand or by an older version.
        chmodSync(dirname(file), 0o700);
        writeFileSync(temporary, serialize({ version, values: used } satisfies StoredCache), { mode: 0o600 });
        renameSync(temporary, file);
        removeUnused(dirname(file));
      } catch {
        rmSync(temporary, { force: true });
      }
    },
  };
}
