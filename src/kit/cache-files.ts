/**
 * Files of the project's caches that hold what only the owner may read (partner files' values,
 * compiled scripts): written whole or not at all, in folders only the owner can open, and removed
 * once unused for long. Used by src/kit/yaml-cache.ts and src/integration/script-cache.ts.
 */
import { chmodSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { temporaryFileFor } from './temporary-file.ts';

/** `REFERRAL_KIT_CACHE=off` turns every cache of a build and of the commands off. */
export const cacheVariable = 'REFERRAL_KIT_CACHE';

export function cachesOff(): boolean {
  return process.env[cacheVariable] === 'off';
}

/** A cache file unused this long (its folder moved or deleted, a test's copy) is removed. */
export const unusedForMs = 30 * 24 * 3600 * 1000;

/**
 * Writes `data` to `file`, readable by the owner only: a temporary file renamed over it, so a
 * reader never sees half a file, in a folder only the owner can open (made so, or made so again).
 * Throws what the disk says; the temporary file does not stay behind.
 */
export function writeOwnerFile(file: string, data: string | Uint8Array): void {
  const temporary = temporaryFileFor(file);
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    chmodSync(dirname(file), 0o700);
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Removes the files in `dir` not written (or their time renewed) for `unusedForMs`; one that cannot be looked at or removed is left. */
export function removeUnusedFiles(dir: string): void {
  const now = Date.now();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs > unusedForMs) rmSync(path, { force: true });
    } catch {}
  }
}
