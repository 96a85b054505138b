import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../src/', import.meta.url).pathname;

/** The stylesheet and every <style> block of the pages and components. */
function styleSources(): { file: string; css: string }[] {
  const sources = [{ file: 'styles/site.css', css: readFileSync(join(root, 'styles/site.css'), 'utf8') }];
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : entry.name.endsWith('.astro') ? [join(dir, entry.name)] : []));
  for (const file of [...walk('pages'), ...walk('components'), ...walk('layouts')]) {
    const blocks = [...readFileSync(join(root, file), 'utf8').matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((match) => match[1]!);
    if (blocks.length) sources.push({ file, css: blocks.join('\n') });
  }
  return sources;
}

/** Strips comments, so a comment may still say "left". */
const withoutComments = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, '');

describe('the styles mirror for right-to-left pages', () => {
  it('use logical properties only: no left or right anywhere', () => {
    const physical = styleSources().flatMap(({ file, css }) =>
      withoutComments(css)
        .split('\n')
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => /\b(left|right)\b/.test(line))
        .map(({ line, index }) => `${file}:${index + 1}: ${line.trim()}`),
    );
    expect(physical).toEqual([]);
  });

  it('write no four-sided margin or padding that differs between its two sides', () => {
    const lopsided = styleSources().flatMap(({ file, css }) =>
      [...withoutComments(css).matchAll(/\b(margin|padding|inset)\s*:\s*([^;{}]+);/g)]
        .map((match) => ({
          property: match[1]!,
          values: match[2]!
            .replace(/!important/, '')
            .trim()
            .split(/\s+/),
        }))
        .filter(({ values }) => values.length === 4 && values[1] !== values[3])
        .map(({ property, values }) => `${file}: ${property}: ${values.join(' ')}`),
    );
    expect(lopsided).toEqual([]);
  });
});
