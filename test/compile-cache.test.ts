/**
 * Node's compile cache kept to a size (src/build/compile-cache.ts): past a limit, the files read
 * longest ago go first, until it is within what is kept; within the limits nothing goes.
 */
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trimCompileCache } from '../src/build/compile-cache.ts';
import { tempDir } from './helpers/fixtures.ts';

/** A compile cache of this Node's two folders (two sets of flags), `count` files of `size` bytes each, file i last read i minutes after the first. */
function cacheOf(count: number, size = 100): string {
  const dir = tempDir('compile-cache');
  const start = Date.now() - 24 * 3600 * 1000;
  for (let i = 0; i < count; i++) {
    const version = join(dir, `v${process.versions.node}-${process.arch}-${i % 2 ? 'aaaa' : 'bbbb'}-0`);
    mkdirSync(version, { recursive: true });
    const file = join(version, `file-${String(i).padStart(4, '0')}`);
    writeFileSync(file, Buffer.alloc(size));
    const read = new Date(start + i * 60_000);
    utimesSync(file, read, read);
  }
  return dir;
}

const left = (dir: string) =>
  readdirSync(dir)
    .flatMap((version) => readdirSync(join(dir, version)))
    .sort();

describe('the compile cache', () => {
  it('past its file limit, loses the files read longest ago until it is down to what is kept', () => {
    const dir = cacheOf(30);
    trimCompileCache(dir, { maxFiles: 20, keepFiles: 12, maxBytes: 1e9, keepBytes: 1e9 });
    expect(left(dir)).toEqual(Array.from({ length: 12 }, (_, i) => `file-${String(i + 18).padStart(4, '0')}`));
  });

  it('past its size limit, the same, until it is down to the size kept', () => {
    const dir = cacheOf(30, 1000);
    trimCompileCache(dir, { maxFiles: 1000, keepFiles: 1000, maxBytes: 25_000, keepBytes: 10_000 });
    expect(left(dir)).toEqual(Array.from({ length: 10 }, (_, i) => `file-${String(i + 20).padStart(4, '0')}`));
  });

  it('loses the files of other Node versions first, however recently they were used', () => {
    const dir = cacheOf(10);
    const other = join(dir, 'v22.12.0-x64-cccc-0');
    mkdirSync(other);
    for (let i = 0; i < 5; i++) writeFileSync(join(other, `other-${i}`), Buffer.alloc(100));
    trimCompileCache(dir, { maxFiles: 12, keepFiles: 10, maxBytes: 1e9, keepBytes: 1e9 });
    expect(readdirSync(other)).toEqual([]);
    expect(left(dir)).toHaveLength(10);
  });

  it('within its limits, keeps every file', () => {
    const dir = cacheOf(30);
    trimCompileCache(dir, { maxFiles: 30, keepFiles: 5, maxBytes: 3000, keepBytes: 100 });
    expect(left(dir)).toHaveLength(30);
  });

  it('is no error when it is not there', () => {
    expect(() => trimCompileCache(join(tempDir('compile-cache'), 'missing'))).not.toThrow();
  });
});
