import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../src/images/png.ts';
import { rasterise, templateSvg } from '../src/images/render.ts';
import { cardTemplate } from '../src/images/templates.ts';
import { decodePng } from './helpers/png.ts';

describe('encodePng', () => {
  it('writes a PNG that decoders read back pixel for pixel, with alpha made straight', () => {
    // Four pixels, premultiplied: opaque red, half-transparent white, transparent, opaque grey.
    const pixels = new Uint8Array([255, 0, 0, 255, 128, 128, 128, 128, 0, 0, 0, 0, 90, 90, 90, 255]);
    const picture = decodePng(encodePng(pixels, 2, 2));
    expect([picture.width, picture.height]).toEqual([2, 2]);
    expect([...picture.data]).toEqual([255, 0, 0, 255, 255, 255, 255, 128, 0, 0, 0, 0, 90, 90, 90, 255]);
  });

  it("gives the same pixels as resvg's own encoder for a drawing with soft edges", () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><circle cx="40" cy="40" r="33" fill="#2f5d50" fill-opacity="0.6"/><text x="60" y="50" font-size="30">x</text><rect x="70" y="10" width="40" height="60" fill="#e8b04b"/></svg>';
    const image = new Resvg(svg).render();
    const ours = decodePng(encodePng(image.pixels, image.width, image.height));
    const theirs = decodePng(image.asPng());
    expect(ours.data.length).toBe(120 * 80 * 4);
    // Straightening premultiplied alpha may round a channel by one either way.
    const worst = Math.max(...ours.data.map((value, i) => Math.abs(value - theirs.data[i]!)));
    expect(worst).toBeLessThanOrEqual(1);
    expect(ours.data.some((value, i) => i % 4 === 3 && value > 0 && value < 255)).toBe(true);
  });

  it('refuses pixels that do not fill the stated size', () => {
    expect(() => encodePng(new Uint8Array(12), 2, 2)).toThrow('expected 2×2 RGBA pixels, got 12 bytes');
  });

  it('gives the same bytes for an image whatever was encoded before it (the row buffer is reused)', () => {
    const wide = new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40"><rect width="300" height="40" fill="#e8b04b" fill-opacity="0.5"/></svg>').render();
    const small = new Uint8Array([255, 0, 0, 255, 0, 0, 0, 0, 10, 20, 30, 255, 40, 50, 60, 255]);
    const first = encodePng(small, 2, 2);
    encodePng(wide.pixels, wide.width, wide.height);
    expect(encodePng(small, 2, 2).equals(first)).toBe(true);
  });

  it('stores an image of at most 256 colours as a palette, and one of more as RGBA, both exactly', () => {
    const opaque = (colours: number) => {
      const pixels = new Uint8Array(colours * 2 * 4);
      for (let i = 0; i < colours * 2; i++) pixels.set([i % colours, (i * 7) % 256, Math.floor((i % colours) / 2), 255], i * 4);
      return pixels;
    };
    for (const [colours, colourType] of [
      [256, 3],
      [257, 6],
    ] as const) {
      const pixels = opaque(colours);
      const png = encodePng(pixels, colours, 2);
      // Byte 25 is the IHDR's colour type: 3 a palette, 6 RGBA.
      expect(png[25], `${colours} colours`).toBe(colourType);
      expect([...decodePng(png).data]).toEqual([...pixels]);
    }
  });

  it('stores exactly rows that repeat the row above in part, in whole, or not at all', () => {
    // 600 pixels a row, so the comparisons with the row above cover spans of 256, 256 and 88.
    const width = 600;
    const rows = 4;
    const pixels = new Uint8Array(width * rows * 4);
    const colourAt = (x: number, y: number): number[] => {
      // Row 1 repeats row 0 but for a few pixels in its middle span; row 2 repeats row 1; row 3 is its own.
      const changed = (y === 1 || y === 2) && x >= 300 && x < 310;
      const seed = y === 3 ? x * 3 + 1 : x;
      return changed ? [200, 10, 10, 255] : [(seed % 16) * 10, (Math.floor(seed / 16) % 8) * 20, 40, 255];
    };
    for (let y = 0; y < rows; y++) for (let x = 0; x < width; x++) pixels.set(colourAt(x, y), (y * width + x) * 4);
    const png = encodePng(pixels, width, rows);
    expect(png[25]).toBe(3);
    expect(decodePng(png).data.equals(Buffer.from(pixels))).toBe(true);
  });

  it('stores a card, flat colours and soft text, as a palette half the size of RGBA', async () => {
    const owner = { name: 'Maya Okafor', business: 'Ledger & Line', accent: '#2f5d50' };
    const image = rasterise(
      await templateSvg(
        cardTemplate(
          { partnerName: 'Priya Nair', oneLiner: 'Maya keeps the books for creative studios.', ownerFirstName: 'Maya', shareUrl: 'https://ledgerandline.example/for/priya-nair/', owner },
          '1200x630',
        ),
      ),
    );
    const png = encodePng(image.pixels, image.width, image.height);
    expect(png[25]).toBe(3);
    const picture = decodePng(png);
    // Every pixel is the one resvg drew (all opaque, so premultiplied and straight agree).
    expect(picture.data.equals(image.pixels)).toBe(true);
  });
});
