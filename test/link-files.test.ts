/** Files linked into a new site folder from a cache (src/kit/link-files.ts). */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { linkFiles, linkFilesNow } from '../src/kit/link-files.ts';
import { tempDir } from './helpers/fixtures.ts';

/** A cache folder holding two files. */
function cached(): string {
  const dir = tempDir('link-cache');
  writeFileSync(join(dir, 'a.html'), '<p>a</p>');
  writeFileSync(join(dir, 'b.png'), 'png');
  return dir;
}

/** Folders made on another file system than the temporary folders' (Linux's shared-memory tmpfs, which CI has). */
const otherDisks: string[] = [];
afterAll(() => {
  for (const dir of otherDisks) rmSync(dir, { recursive: true, force: true });
});

describe('linking cached files into a site', () => {
  it('links each file (one file, two names), making the folders it needs', async () => {
    const cache = cached();
    const site = join(tempDir('link-site'), 'site');
    await linkFiles([
      { from: join(cache, 'a.html'), to: join(site, 'kit', 'abc', 'index.html') },
      { from: join(cache, 'b.png'), to: join(site, 'kit', 'abc', 'card.png') },
    ]);
    expect(readFileSync(join(site, 'kit', 'abc', 'index.html'), 'utf8')).toBe('<p>a</p>');
    expect(statSync(join(site, 'kit', 'abc', 'card.png')).ino).toBe(statSync(join(cache, 'b.png')).ino);
  });

  it('copies a file where the two cannot share one, on another file system', () => {
    const cache = cached();
    const otherDisk = mkdtempSync('/dev/shm/referral-kit-link-');
    otherDisks.push(otherDisk);
    expect(statSync(otherDisk).dev).not.toBe(statSync(cache).dev);
    const to = join(otherDisk, 'site', 'a.html');
    linkFilesNow([{ from: join(cache, 'a.html'), to }]);
    expect(readFileSync(to, 'utf8')).toBe('<p>a</p>');
    expect(statSync(to).nlink).toBe(1);
  });

  it('writes over nothing already there: the worker fails, and the file stays as it was', async () => {
    const cache = cached();
    const site = tempDir('link-taken');
    mkdirSync(join(site, 'kit'));
    writeFileSync(join(site, 'kit', 'index.html'), '<p>newer</p>');
    await expect(linkFiles([{ from: join(cache, 'a.html'), to: join(site, 'kit', 'index.html') }])).rejects.toThrow(/EEXIST/);
    expect(readFileSync(join(site, 'kit', 'index.html'), 'utf8')).toBe('<p>newer</p>');
  });
});
