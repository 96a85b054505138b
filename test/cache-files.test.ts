/**
 * The owner-only cache files (src/kit/cache-files.ts): written whole, for the owner's eyes only,
 * in a folder only they can open, even one made before with wider rights; removed once unused
 * for 30 days.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeUnusedFiles, writeOwnerFile } from '../src/kit/cache-files.ts';
import { tempDir } from './helpers/fixtures.ts';

describe('an owner-only cache file', () => {
  it('is written whole, readable by the owner only, in a folder only the owner can open', () => {
    const dir = join(tempDir('cache-files'), 'cache');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    writeOwnerFile(join(dir, 'entry.bin'), 'private');
    expect(readFileSync(join(dir, 'entry.bin'), 'utf8')).toBe('private');
    expect(statSync(join(dir, 'entry.bin')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    // No temporary file left beside it.
    expect(readdirSync(dir)).toEqual(['entry.bin']);
  });

  it('says so when it cannot be written, and leaves no temporary file', () => {
    const dir = tempDir('cache-files');
    writeFileSync(join(dir, 'in-the-way'), 'a file where the folder should be');
    expect(() => writeOwnerFile(join(dir, 'in-the-way', 'entry.bin'), 'private')).toThrow();
    expect(readdirSync(dir)).toEqual(['in-the-way']);
  });
});

describe('unused cache files', () => {
  it('go after 30 days; newer ones stay; a missing folder is no error', () => {
    const dir = tempDir('cache-files');
    for (const name of ['a-old.json', 'b-new.json', 'c-old.json']) writeFileSync(join(dir, name), '{}');
    const longAgo = new Date(Date.now() - 31 * 24 * 3600 * 1000);
    utimesSync(join(dir, 'a-old.json'), longAgo, longAgo);
    utimesSync(join(dir, 'c-old.json'), longAgo, longAgo);
    removeUnusedFiles(dir);
    expect(readdirSync(dir)).toEqual(['b-new.json']);
    expect(() => removeUnusedFiles(join(dir, 'missing'))).not.toThrow();
  });
});
