/**
 * Pages placed from the page cache ahead of Astro (src/build/placed-pages.ts). Whole builds that
 * place pages are in test/page-cache.test.ts; these check each step on its own.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pagesToPlace, placePages, removeUnclaimed, unclaimedPages } from '../src/build/placed-pages.ts';
import { tempDir } from './helpers/fixtures.ts';

const sound = { hash: 'h', size: 1, mtimeMs: 1 };

/** A copies folder holding two stored pages. */
function copies(): string {
  const dir = join(tempDir('placed-copies'), 'dist');
  mkdirSync(join(dir, 'kit', 'abc'), { recursive: true });
  mkdirSync(join(dir, 'for', 'jane'), { recursive: true });
  writeFileSync(join(dir, 'kit', 'abc', 'index.html'), '<p>kit</p>');
  writeFileSync(join(dir, 'for', 'jane', 'index.html'), '<p>share</p>');
  return dir;
}

describe('pages placed ahead of Astro', () => {
  it('places only the pages Astro may reuse whose copy the check found sound', () => {
    const checked = new Map([
      ['kit/abc/index.html', sound],
      ['stray.html', sound],
    ]);
    expect(pagesToPlace(['kit/abc/index.html', 'for/jane/index.html', 'kit/abc/index.html'], checked)).toEqual(['kit/abc/index.html']);
  });

  it('copies them into the folder, making the folders they need', async () => {
    const from = copies();
    const out = join(tempDir('placed-out'), 'site');
    mkdirSync(out);
    const placed = await placePages(from, ['kit/abc/index.html', 'for/jane/index.html'], out);
    expect(placed).toEqual(['kit/abc/index.html', 'for/jane/index.html']);
    expect(readFileSync(join(out, 'kit', 'abc', 'index.html'), 'utf8')).toBe('<p>kit</p>');
    expect(readFileSync(join(out, 'for', 'jane', 'index.html'), 'utf8')).toBe('<p>share</p>');
    // A copy, not a link: writing the placed page leaves the stored one as it was.
    writeFileSync(join(out, 'kit', 'abc', 'index.html'), '<p>rendered again</p>');
    expect(readFileSync(join(from, 'kit', 'abc', 'index.html'), 'utf8')).toBe('<p>kit</p>');
  });

  it('refuses to write over a file already in the folder', async () => {
    const from = copies();
    const out = join(tempDir('placed-taken'), 'site');
    mkdirSync(join(out, 'kit', 'abc'), { recursive: true });
    writeFileSync(join(out, 'kit', 'abc', 'index.html'), '<p>newer</p>');
    await expect(placePages(from, ['kit/abc/index.html'], out)).rejects.toThrow(/EEXIST/);
    expect(readFileSync(join(out, 'kit', 'abc', 'index.html'), 'utf8')).toBe('<p>newer</p>');
  });

  it('removes the placed pages Astro did not make, and the folders that leaves empty', async () => {
    const from = copies();
    const out = join(tempDir('placed-unclaimed'), 'site');
    mkdirSync(join(out, 'for', 'jane'), { recursive: true });
    writeFileSync(join(out, 'for', 'jane', 'card.png'), 'png');
    const placed = await placePages(from, ['kit/abc/index.html', 'for/jane/index.html'], out);
    const produced = [join(out, 'index.html')];
    expect(unclaimedPages(out, placed, [join(out, 'kit', 'abc', 'index.html')])).toEqual(['for/jane/index.html']);
    expect(await removeUnclaimed(out, placed, produced)).toEqual(placed);
    expect(existsSync(join(out, 'kit'))).toBe(false);
    // A folder still holding something else stays, with it.
    expect(existsSync(join(out, 'for', 'jane', 'index.html'))).toBe(false);
    expect(readFileSync(join(out, 'for', 'jane', 'card.png'), 'utf8')).toBe('png');
    expect(existsSync(out)).toBe(true);
  });
});
