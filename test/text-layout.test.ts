import { describe, expect, it } from 'vitest';
import { primaryFace } from '../src/images/fonts.ts';
import { clampName, isolate, layoutText, textSvg, type TextStyle } from '../src/images/text-layout.ts';

const sans: TextStyle = { typeface: 'sans', weight: 400, size: 28, lineHeight: 1.4 };
const box = { width: 400, height: 200 };

function inside(layout: ReturnType<typeof layoutText>) {
  const {
    ink,
    box: { width, height },
  } = layout;
  return !!ink && ink.left >= -0.5 && ink.top >= -0.5 && ink.right <= width + 0.5 && ink.bottom <= height + 0.5;
}

/** x of the glyph drawing a character, to check visual order. */
function xOf(layout: ReturnType<typeof layoutText>, char: string): number {
  const codepoint = char.codePointAt(0)!;
  const glyph = layout.glyphs.find((g) => g.face.font.nominalGlyph(codepoint) === g.glyph);
  if (!glyph) throw new Error(`${char} was not drawn`);
  return glyph.x;
}

describe('layoutText', () => {
  it('draws every script the kit supports with real glyphs', () => {
    const names = ['Zoë Ångström', 'Αλέξανδρος', 'Дмитрий', '王小明', '田中 由紀', '김민준', 'ليلى حداد', 'מאיה כהן', 'प्रिया शर्मा'];
    for (const name of names) {
      const layout = layoutText(name, sans, box);
      expect(layout.missing, name).toEqual([]);
      expect(layout.glyphs.length, name).toBeGreaterThanOrEqual([...name.replace(/\s/g, '')].length / 2);
    }
  });

  it('draws emoji as pictures, including ZWJ sequences and flags', () => {
    const layout = layoutText('Thanks 🎉👩‍💻🇯🇵', sans, box);
    expect(layout.emoji).toHaveLength(3);
    expect(layout.missing).toEqual([]);
  });

  it('leaves out characters no font has, instead of drawing boxes', () => {
    const layout = layoutText('Somchai ภาษาไทย', sans, box);
    expect(layout.missing.join('')).toBe('ภาษาไทย');
    expect(layout.glyphs.every((g) => g.glyph !== 0)).toBe(true);
  });

  it('orders right-to-left text inside a left-to-right sentence', () => {
    const layout = layoutText(`${isolate('אבג דה')} recommends Maya`, { ...sans, direction: 'ltr' }, box);
    expect(layout.rtl).toBe(false);
    // The Hebrew name reads right to left: its first letter is drawn right of its last…
    expect(xOf(layout, 'א')).toBeGreaterThan(xOf(layout, 'ה'));
    // …and the name as a whole comes first, on the left of the English words.
    expect(xOf(layout, 'א')).toBeLessThan(xOf(layout, 'r'));
  });

  it('sets a right-to-left paragraph from the right, with its punctuation and numbers in place', () => {
    const layout = layoutText('שלום עולם (2026).', sans, box);
    expect(layout.rtl).toBe(true);
    expect(xOf(layout, 'ש')).toBeGreaterThan(xOf(layout, 'ע'));
    // "(2026)." ends the sentence, so it sits at the left, and the digits still read left to right.
    expect(xOf(layout, '2')).toBeLessThan(xOf(layout, 'ע'));
    expect(xOf(layout, '0')).toBeGreaterThan(xOf(layout, '2'));
    expect(layout.ink!.right).toBeGreaterThan(box.width - 4);
  });

  it('joins Arabic letters and places their marks (HarfBuzz shaping)', () => {
    const layout = layoutText('شكراً', sans, box);
    const face = layout.glyphs[0]!.face;
    // Shaping picks contextual forms: no glyph is the isolated form of its letter.
    const isolated = [...'شكرا'].map((c) => face.font.nominalGlyph(c.codePointAt(0)!));
    expect(layout.glyphs.filter((g) => isolated.includes(g.glyph)).length).toBeLessThan(4);
  });

  it('shrinks long text to fit, down to the smallest size', () => {
    const text = 'Maya keeps the books for creative studios, so their founders stop dreading tax season.';
    const fitted = layoutText(text, { ...sans, size: 48, minSize: 20 }, box);
    expect(fitted.size).toBeLessThan(48);
    expect(fitted.size).toBeGreaterThanOrEqual(20);
    expect(fitted.truncated).toBe(false);
    expect(inside(fitted)).toBe(true);
  });

  it('ends text that cannot fit with an ellipsis, and never draws outside its box', () => {
    const long = 'Maximiliana Wolfeschlegelsteinhausenbergerdorff-Abercrombie de la Santísima Trinidad y Fernández-Gutiérrez Ó Súilleabháin';
    for (const [width, height] of [
      [300, 40],
      [120, 90],
      [500, 60],
    ] as const) {
      const layout = layoutText(long, { ...sans, size: 40, minSize: 18, maxLines: 2 }, { width, height });
      expect(layout.truncated).toBe(true);
      expect(layout.lines.at(-1)!.endsWith('…')).toBe(true);
      expect(layout.lineCount).toBeLessThanOrEqual(2);
      expect(inside(layout), `${width}×${height}`).toBe(true);
    }
  });

  it('breaks a word longer than the box between its letters', () => {
    const layout = layoutText('x'.repeat(80), sans, { width: 200, height: 400 });
    expect(layout.lineCount).toBeGreaterThan(1);
    expect(inside(layout)).toBe(true);
  });

  it('breaks a web address only after a slash, never at a hyphen in a name', () => {
    const url = 'maya-okafor-books.example/for/joost-van-der-berg';
    const style: TextStyle = { ...sans, size: 26, minSize: 14, lineHeight: 1.3, maxLines: 2, direction: 'ltr', url: true };
    expect(layoutText(url, style, { width: 600, height: 70 }).lines).toEqual(['maya-okafor-books.example/for/', 'joost-van-der-berg']);
    // As ordinary text it breaks after "joost-van-der-", as the cards did.
    expect(layoutText(url, { ...style, url: false }, { width: 600, height: 70 }).lines).toEqual(['maya-okafor-books.example/for/joost-van-der-', 'berg']);
    // A part too wide for the box shrinks the text rather than being split between letters.
    const narrow = layoutText(url, style, { width: 316, height: 70 });
    expect(narrow.lines).toEqual(['maya-okafor-books.example/', 'for/joost-van-der-berg']);
    expect(narrow.size).toBeLessThan(26);
    expect(inside(narrow)).toBe(true);
  });

  it('wraps CJK text between characters', () => {
    const layout = layoutText('王小明为创意工作室记账，让创始人不再害怕报税季。', sans, { width: 300, height: 400 });
    expect(layout.lineCount).toBeGreaterThan(1);
    expect(layout.lines.every((line) => !line.startsWith('，') && !line.startsWith('。'))).toBe(true);
  });

  it('keeps a clamped name to one line, so the sentence around it survives', () => {
    const style: TextStyle = { typeface: 'serif', weight: 700, size: 60, minSize: 30, lineHeight: 1.1 };
    expect(clampName('Priya Nair', style, 600)).toBe('Priya Nair');
    const clamped = clampName('Maximiliana Wolfeschlegelsteinhausenbergerdorff-Abercrombie de la Santísima', style, 600);
    expect(clamped.endsWith('…')).toBe(true);
    expect(layoutText(clamped, { ...style, size: 30 }, { width: 600, height: 100 }).lineCount).toBe(1);
  });

  it('writes the same SVG for the same input', () => {
    const a = textSvg(layoutText('Zoë عمر 王', sans, box), '#111111');
    const b = textSvg(layoutText('Zoë عمر 王', sans, box), '#111111');
    expect(a).toBe(b);
    expect(a).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="400" height="200"/);
  });

  it('uses the primary face for line metrics', () => {
    const face = primaryFace('sans', 400);
    expect(face.key).toBe('noto-sans-latin-400');
  });
});
