/**
 * Emoji are drawn from Twemoji's SVGs (@twemoji/svg): no font can give satori or HarfBuzz colour
 * glyphs, and a picture per emoji is exact at any size.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const emojiPattern = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/** Whether one grapheme is an emoji (including flags, keycaps and ZWJ sequences). */
export function isEmoji(grapheme: string): boolean {
  return emojiPattern.test(grapheme) && !/^[\u00a9\u00ae\u2122]$/.test(grapheme);
}

const svgs = new Map<string, string | null>();

/**
 * Twemoji's SVG for an emoji grapheme, or null when it has none. Twemoji names files by code
 * points, dropping the emoji-presentation selector U+FE0F except inside ZWJ sequences.
 */
export function emojiSvg(grapheme: string): string | null {
  const points = [...grapheme].map((c) => c.codePointAt(0)!.toString(16));
  const names = new Set([points.filter((p) => p !== 'fe0f').join('-'), points.join('-')]);
  for (const name of names) {
    let svg = svgs.get(name);
    if (svg === undefined) {
      try {
        svg = readFileSync(require.resolve(`@twemoji/svg/${name}.svg`), 'utf8');
      } catch {
        svg = null;
      }
      svgs.set(name, svg);
    }
    if (svg) return svg;
  }
  return null;
}
