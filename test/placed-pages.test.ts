/**
 * Pages placed from the page cache ahead of Astro (src/build/placed-pages.ts). Whole builds that
 * place pages are in test/page-cache.test.ts; these check each step on its own.
 */
import { existsSync, linkSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputFilesOf, pagesToPlace, placePages, releasePlacedPage, removeUnclaimed, unclaimedPages } from '../src/build/placed-pages.ts';
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

  it('links them into the folder, making the folders they need', async () => {
    const from = copies();
    const out = join(tempDir('placed-out'), 'site');
    mkdirSync(out);
    const placed = await placePages(from, ['kit/abc/index.html', 'for/jane/index.html'], out);
    expect(placed).toEqual(['kit/abc/index.html', 'for/jane/index.html']);
    expect(readFileSync(join(out, 'kit', 'abc', 'index.html'), 'utf8')).toBe('<p>kit</p>');
    expect(readFileSync(join(out, 'for', 'jane', 'index.html'), 'utf8')).toBe('<p>share</p>');
    expect(statSync(join(out, 'kit', 'abc', 'index.html')).ino).toBe(statSync(join(from, 'kit', 'abc', 'index.html')).ino);
  });

  it('releases a placed page before it is rendered anew, so that writing it leaves the stored file as it was', async () => {
    const from = copies();
    const out = join(tempDir('placed-released'), 'site');
    mkdirSync(out);
    const stored = join(from, 'kit', 'abc', 'index.html');
    const held = join(tempDir('placed-held'), 'page.html');
    linkSync(stored, held);
    const placement = { outDir: out, copiesDir: from, base: '/team/', files: new Set(await placePages(from, ['kit/abc/index.html', 'for/jane/index.html'], out)) };
    releasePlacedPage(placement, '/team/kit/abc/');
    expect(placement.files).toEqual(new Set(['for/jane/index.html']));
    expect(existsSync(join(out, 'kit', 'abc', 'index.html'))).toBe(false);
    expect(existsSync(stored)).toBe(false);
    // What Astro does next: writes the page, then its stored copy, each in place.
    writeFileSync(join(out, 'kit', 'abc', 'index.html'), '<p>rendered again</p>');
    writeFileSync(stored, '<p>rendered again</p>');
    expect(readFileSync(held, 'utf8')).toBe('<p>kit</p>');
    // A page that was not placed is left alone.
    releasePlacedPage(placement, '/team/');
    expect(readFileSync(join(out, 'for', 'jane', 'index.html'), 'utf8')).toBe('<p>share</p>');
  });

  it("finds a page's output file from its address, with or without a base folder", () => {
    expect(outputFilesOf('/team/for/jane/', '/team/')).toEqual(['for/jane/index.html', 'for/jane.html']);
    expect(outputFilesOf('/team/', '/team/')).toEqual(['index.html']);
    expect(outputFilesOf('/team', '/team/')).toEqual(['index.html']);
    expect(outputFilesOf('/for/jane/', '/')).toEqual(['for/jane/index.html', 'for/jane.html']);
    // Astro writes the 404 page, at /404/, as 404.html.
    expect(outputFilesOf('/team/404/', '/team/')).toContain('404.html');
    expect(outputFilesOf('/robots.txt', '/')).toEqual(['robots.txt/index.html', 'robots.txt.html', 'robots.txt']);
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
