/**
 * The fonts images are drawn with: Noto families from @fontsource, split by the package into
 * subsets by Unicode range. A subset file is read only when some text needs one of its
 * characters, and at most once per process, so a Latin-only kit never opens a CJK file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as hb from 'harfbuzzjs';
import { woffToSfnt } from './woff.ts';

const require = createRequire(import.meta.url);

/** Typefaces a template asks for. Other families are fallbacks for scripts these lack. */
export type Typeface = 'serif' | 'sans';

export type Family = Typeface | 'arabic' | 'hebrew' | 'devanagari' | 'sc' | 'jp' | 'kr';

const packages: Record<Family, string> = {
  serif: 'noto-serif',
  sans: 'noto-sans',
  arabic: 'noto-sans-arabic',
  hebrew: 'noto-sans-hebrew',
  devanagari: 'noto-sans-devanagari',
  sc: 'noto-sans-sc',
  jp: 'noto-sans-jp',
  kr: 'noto-sans-kr',
};

export interface Face {
  /** `noto-sans-latin-400`: the file this face came from. */
  key: string;
  font: hb.Font;
  upem: number;
  ascender: number;
  descender: number;
}

interface Subset {
  file: string;
  ranges: [number, number][];
}

const subsetsByPackage = new Map<string, Subset[]>();
const faces = new Map<string, Face | null>();

function parseRanges(spec: string): [number, number][] {
  return spec.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(from!, 16), parseInt(to ?? from!, 16)];
  });
}

function subsets(pkg: string): Subset[] {
  let list = subsetsByPackage.get(pkg);
  if (!list) {
    const table = JSON.parse(readFileSync(require.resolve(`@fontsource/${pkg}/unicode.json`), 'utf8')) as Record<string, string>;
    list = Object.entries(table).map(([name, spec]) => ({
      // CJK subsets are numbered: "[12]" is stored as noto-sans-sc-12-<weight>-normal.woff.
      file: `${pkg}-${name.replace(/^\[(\d+)\]$/, '$1')}`,
      ranges: parseRanges(spec),
    }));
    subsetsByPackage.set(pkg, list);
  }
  return list;
}

function loadFace(pkg: string, subset: Subset, weight: number): Face | null {
  const key = `${subset.file}-${weight}`;
  let face = faces.get(key);
  if (face === undefined) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(require.resolve(`@fontsource/${pkg}/files/${key}-normal.woff`));
    } catch {
      faces.set(key, null);
      return null;
    }
    const hbFace = new hb.Face(new hb.Blob(woffToSfnt(bytes)));
    const font = new hb.Font(hbFace);
    const extents = font.hExtents();
    face = { key, font, upem: hbFace.upem, ascender: extents.ascender, descender: extents.descender };
    faces.set(key, face);
  }
  return face;
}

/** The face of `family` that draws this character, or undefined if the family has no glyph for it. */
export function faceFor(codepoint: number, family: Family, weight: number): Face | undefined {
  const pkg = packages[family];
  for (const subset of subsets(pkg)) {
    if (!subset.ranges.some(([from, to]) => codepoint >= from && codepoint <= to)) continue;
    const face = loadFace(pkg, subset, weight);
    if (face && face.font.nominalGlyph(codepoint) !== undefined) return face;
  }
  return undefined;
}

/** The face that sets the line metrics of a typeface, so lines don't jump when a fallback font appears. */
export function primaryFace(typeface: Typeface, weight: number): Face {
  const face = faceFor(0x41, typeface, weight);
  if (!face) throw new Error(`font ${packages[typeface]} ${weight} is not installed`);
  return face;
}

/**
 * The families to try for a text, in order. Han characters look different in Chinese, Japanese
 * and Korean, so the text's own kana or hangul decides which CJK family comes first.
 */
export function fallbackFamilies(typeface: Typeface, text: string): Family[] {
  const cjk: Family[] = /[\u3040-\u30ff\u31f0-\u31ff]/.test(text) ? ['jp', 'sc', 'kr'] : /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/.test(text) ? ['kr', 'sc', 'jp'] : ['sc', 'jp', 'kr'];
  const latin: Family[] = typeface === 'serif' ? ['serif', 'sans'] : ['sans'];
  return [...latin, 'arabic', 'hebrew', 'devanagari', ...cjk];
}

const coverage = new Map<Family, Map<number, boolean>>();

/** Whether some subset of a family's package lists this character; remembered, as every image key asks. */
function covers(family: Family, point: number): boolean {
  let known = coverage.get(family);
  if (!known) {
    known = new Map();
    coverage.set(family, known);
  }
  let covered = known.get(point);
  if (covered === undefined) {
    covered = subsets(packages[family]).some((subset) => subset.ranges.some(([from, to]) => point >= from && point <= to));
    known.set(point, covered);
  }
  return covered;
}

/**
 * The font packages an image of `text` depends on: for each character, the first family in the
 * fallback order whose subsets cover it, as drawing would choose (read from the packages'
 * Unicode ranges, without opening any font).
 */
export function packagesUsedBy(text: string): string[] {
  const points = [...new Set([...text].map((c) => c.codePointAt(0)!))];
  const used = new Set<Family>(['serif', 'sans']);
  for (const typeface of ['serif', 'sans'] as const) {
    const families = fallbackFamilies(typeface, text);
    for (const point of points) {
      const family = families.find((candidate) => covers(candidate, point));
      if (family) used.add(family);
    }
  }
  return [...used].map((family) => `@fontsource/${packages[family]}`).sort();
}

/** Font files read so far in this process, for tests and cache keys. */
export function loadedFontFiles(): string[] {
  return [...faces.entries()].filter(([, face]) => face).map(([key]) => key);
}
