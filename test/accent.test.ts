import { describe, expect, it } from 'vitest';
import { accentPalette, accentStyle, contrast, paper } from '../src/kit/accent.ts';

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

describe('accentPalette', () => {
  it('keeps text on any accent readable', () => {
    for (const accent of ['#2f5d50', '#f5c518', '#ffffff', '#000000', '#e63946', '#7fdbff', '#abc']) {
      const palette = accentPalette(accent);
      expect(contrast(rgb(palette.accent), rgb(palette.onAccent)), accent).toBeGreaterThanOrEqual(4);
      expect(contrast(rgb(palette.accentInk), paper), accent).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('leaves a dark accent as it is and darkens a light one for text', () => {
    expect(accentPalette('#2f5d50')).toEqual({ accent: '#2f5d50', onAccent: '#ffffff', accentInk: '#2f5d50' });
    const yellow = accentPalette('#f5c518');
    expect(yellow.onAccent).toBe('#111111');
    expect(yellow.accentInk).not.toBe('#f5c518');
  });

  it('writes CSS variables', () => {
    expect(accentStyle('#abc')).toBe(`--accent:#aabbcc;--on-accent:#111111;--accent-ink:${accentPalette('#abc').accentInk}`);
  });
});
