import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as hb from 'harfbuzzjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { packagesUsedBy } from '../src/images/fonts.ts';
import { woffToSfnt } from '../src/images/woff.ts';

const require = createRequire(import.meta.url);

describe('fonts', () => {
  let layoutText: typeof import('../src/images/text-layout.ts').layoutText;
  let loadedFontFiles: typeof import('../src/images/fonts.ts').loadedFontFiles;
  // Unit test files share their modules (the unit project does not isolate them), so another
  // file may have laid text out already: fresh copies of the font modules load nothing until the
  // first layout here.
  beforeAll(async () => {
    vi.resetModules();
    ({ loadedFontFiles } = await import('../src/images/fonts.ts'));
    ({ layoutText } = await import('../src/images/text-layout.ts'));
  });

  it('reads only the font files a text needs', () => {
    layoutText('Maya Okafor, Ledger & Line', { typeface: 'serif', weight: 600, size: 40, lineHeight: 1.2 }, { width: 800, height: 100 });
    const latinOnly = loadedFontFiles();
    expect(latinOnly).toEqual(['noto-serif-latin-600']);

    layoutText('王小明 and ليلى', { typeface: 'sans', weight: 400, size: 40, lineHeight: 1.2 }, { width: 800, height: 100 });
    const loaded = loadedFontFiles();
    expect(loaded.some((f) => f.startsWith('noto-sans-sc-'))).toBe(true);
    expect(loaded.some((f) => f.startsWith('noto-sans-arabic-arabic'))).toBe(true);
    // Three CJK characters need at most a few of the hundred Chinese subset files.
    expect(loaded.filter((f) => f.startsWith('noto-sans-sc-')).length).toBeLessThanOrEqual(3);
    expect(loaded.some((f) => f.startsWith('noto-sans-jp-') || f.startsWith('noto-sans-kr-'))).toBe(false);
  });

  it('prefers Japanese glyphs for text with kana, Korean for hangul', () => {
    layoutText('田中さん', { typeface: 'sans', weight: 400, size: 40, lineHeight: 1.2 }, { width: 800, height: 100 });
    expect(loadedFontFiles().some((f) => f.startsWith('noto-sans-jp-'))).toBe(true);
  });
});

describe('packagesUsedBy', () => {
  it('names the font packages a text needs, as drawing would choose them', () => {
    expect(packagesUsedBy('Zoë Ångström, Дмитрий, Αλέξανδρος')).toEqual(['@fontsource/noto-sans', '@fontsource/noto-serif']);
    expect(packagesUsedBy('Hi عمر')).toEqual(['@fontsource/noto-sans', '@fontsource/noto-sans-arabic', '@fontsource/noto-serif']);
    expect(packagesUsedBy('田中さん')).toContain('@fontsource/noto-sans-jp');
    expect(packagesUsedBy('김민준')).toContain('@fontsource/noto-sans-kr');
    expect(packagesUsedBy('प्रिया')).toContain('@fontsource/noto-sans');
  });
});

describe('woffToSfnt', () => {
  it('unpacks a WOFF font into one HarfBuzz can read', () => {
    const woff = readFileSync(require.resolve('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff'));
    const sfnt = woffToSfnt(woff);
    expect(new DataView(sfnt.buffer).getUint32(0)).toBe(0x00010000);
    const face = new hb.Face(new hb.Blob(sfnt));
    expect(face.upem).toBe(1000);
    expect(new hb.Font(face).nominalGlyph(0x41)).toBeGreaterThan(0);
  });

  it('passes OpenType through and refuses a damaged WOFF', () => {
    const sfnt = woffToSfnt(readFileSync(require.resolve('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff')));
    expect(woffToSfnt(sfnt)).toBe(sfnt);
    const woff = Buffer.from(readFileSync(require.resolve('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff')));
    woff.writeUInt32BE(10, 44 + 12); // claim a wrong unpacked length for the first table
    expect(() => woffToSfnt(woff)).toThrow();
  });
});
