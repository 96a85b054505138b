/**
 * What reading each partner file gave, kept from one command to the next. Parsing 1,000 partner
 * files took a quarter of a second of every `check` and build (the `yaml` parser keeps every
 * position, for messages that point at a line); a file whose text has not changed needs none of
 * that unless a message is to point into it, and then it is parsed on the spot
 * (src/kit/yaml-source.ts).
 *
 * An entry is the value of a file that parsed without a single finding, keyed by the sha-256 of
 * its text: a file with a warning is parsed every time, so its warning is said every time. The
 * whole cache is keyed by the code that reads YAML (the `yaml` package's version and every file
 * of ours that src/kit/yaml-source.ts runs), so a change to either starts it again. One file per
 * content folder (by its real path), holding partners' private fields: the owner's only (so not
 * for a CI cache: the README names the folders to keep there). A cache that cannot be read or
 * written is no cache, never an error; `REFERRAL_KIT_CACHE=off` turns it off.
 */
import { createHash } from 'node:crypto';
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { kitFolderId, projectCacheDir } from '../build/project-root.ts';
import { cachesOff, removeUnusedFiles, writeOwnerFile } from './cache-files.ts';
import { realPathOfSync } from './real-path.ts';
import { packageVersion, sourceFilesRunBy } from './source-files.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The code an entry's value depends on, worked out once per process: the `yaml` package's
 * version and every source file src/kit/yaml-source.ts runs. Undefined when it cannot be worked
 * out (the package found nowhere, say): then there is no cache.
 */
let codeVersion: string | null | undefined;
function currentCodeVersion(): string | undefined {
  if (codeVersion === undefined) {
    try {
      const hash = createHash('sha256').update(`yaml@${packageVersion('yaml')}`);
      for (const file of sourceFilesRunBy([fileURLToPath(new URL('./yaml-source.ts', import.meta.url))])) hash.update(readFileSync(file));
      codeVersion = hash.digest('hex');
    } catch {
      codeVersion = null;
    }
  }
  return codeVersion ?? undefined;
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
  return join(projectCacheDir, 'yaml', `${kitFolderId(realPathOfSync(contentDir))}.bin`);
}

export function openYamlCache(contentDir: string): YamlCache {
  const version = cachesOff() ? undefined : currentCodeVersion();
  // No cache: every file is parsed, and nothing is kept.
  if (version === undefined) return { lookup: () => ({ found: false }), remember() {}, save() {} };
  const file = yamlCacheFile(contentDir);
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
      try {
        if (!added && used.size === stored.size) {
          // Still in use: its time keeps it from being taken for a folder no longer read.
          utimesSync(file, new Date(), new Date());
          return;
        }
        writeOwnerFile(file, serialize({ version, values: used } satisfies StoredCache));
        removeUnusedFiles(join(file, '..'));
      } catch {}
    },
  };
}
