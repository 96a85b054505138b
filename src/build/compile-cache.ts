/**
 * Node's compile cache of this project (bin/referral-kit.js turns it on), kept to a size. Node
 * adds to it and never removes: besides our modules and the packages', which stay the same from
 * one run to the next, it keeps every module Astro bundles for a build, and those change with the
 * kit, so each build added a score of files, half a megabyte for 1,000 partners. After a day of
 * builds the folder held 16,000 files, 400 MB. Past a limit, the files of other Node versions go
 * first, then those used longest ago: by the later of their last read and last write, as a disk
 * mounted `noatime` (or Windows, often) never notes a read, and Linux notes one a day at most.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectCacheDir } from './project-root.ts';

/** Where bin/referral-kit.js keeps it: one folder per Node version inside. */
export const compileCacheDir = join(projectCacheDir, 'node-compile');

export interface CacheLimits {
  /** Past either limit, the least recently read files go… */
  maxFiles: number;
  maxBytes: number;
  /** …until it is within both of these. */
  keepFiles: number;
  keepBytes: number;
}

/** About twice what a day of builds and commands of one kit reads (2,500 files, 60 MB). */
export const compileCacheLimits: CacheLimits = { maxFiles: 8000, maxBytes: 256 * 2 ** 20, keepFiles: 6000, keepBytes: 192 * 2 ** 20 };

/** Trims `dir` (the compile cache's folder of version folders) to `limits`; a file that cannot be read or removed is left. */
export function trimCompileCache(dir: string, limits: CacheLimits = compileCacheLimits): void {
  const files: { path: string; size: number; usedMs: number; thisNode: boolean }[] = [];
  const thisNode = `v${process.versions.node}-${process.arch}-`;
  let bytes = 0;
  let versions: string[];
  try {
    versions = readdirSync(dir);
  } catch {
    return;
  }
  for (const version of versions) {
    let names: string[];
    try {
      names = readdirSync(join(dir, version));
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(dir, version, name);
      try {
        const { size, atimeMs, mtimeMs } = statSync(path);
        files.push({ path, size, usedMs: Math.max(atimeMs, mtimeMs), thisNode: version.startsWith(thisNode) });
        bytes += size;
      } catch {}
    }
  }
  if (files.length <= limits.maxFiles && bytes <= limits.maxBytes) return;
  files.sort((a, b) => Number(a.thisNode) - Number(b.thisNode) || a.usedMs - b.usedMs);
  let count = files.length;
  for (const file of files) {
    if (count <= limits.keepFiles && bytes <= limits.keepBytes) break;
    try {
      rmSync(file.path, { force: true });
      count--;
      bytes -= file.size;
    } catch {}
  }
}
