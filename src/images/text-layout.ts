/**
 * Text for images, set the way a browser would: HarfBuzz shapes every script (Arabic joining
 * and marks, Devanagari conjuncts), the Unicode bidi algorithm orders right-to-left runs, and
 * lines wrap at word (or CJK character) boundaries. Satori only places boxes around the result:
 * its own text engine gets Arabic marks and right-to-left paragraphs wrong.
 *
 * A text shrinks from `size` down to `minSize` until it fits its box; if it still does not fit,
 * it keeps the lines that do and ends the last one with an ellipsis. Nothing is drawn outside
 * the box, and the ink bounds of what is drawn are reported for tests to check.
 */
import bidiFactory from 'bidi-js';
import * as hb from 'harfbuzzjs';
import { directionControls } from '../kit/direction-controls.ts';
import { emojiSvg, isEmoji } from './emoji.ts';
import { faceFor, fallbackFamilies, primaryFace, type Face, type Family, type Typeface } from './fonts.ts';
import { Recent } from './recent.ts';

const bidi = bidiFactory();
const graphemeSegmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

export interface TextStyle {
  typeface: Typeface;
  weight: number;
  /** Preferred font size in px. */
  size: number;
  /** Smallest size the text may shrink to before it is cut with an ellipsis. Defaults to `size`. */
  minSize?: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  maxLines?: number;
  /** `start` is left for left-to-right paragraphs and right for right-to-left ones; `left` is always left. */
  align?: 'start' | 'center' | 'end' | 'left' | 'right';
  /** Extra space between letters, in em, for Latin-like scripts only (it would break Arabic joining). */
  letterSpacing?: number;
  /**
   * Paragraph direction. `auto` (the default) follows the first strong character, right for
   * user text such as a quote; template sentences are `ltr`, with names isolated by `isolate()`.
   */
  direction?: 'auto' | 'ltr' | 'rtl';
  /**
   * A web address: lines break only after a `/` ("…/for/" + "joost-van-der-berg"), never at a
   * hyphen inside a name; a part too long for the box shrinks the text first.
   */
  url?: boolean;
}

const directionControl = new RegExp(`[${directionControls}]`, 'g');

/** Wraps a value (a name) so its direction cannot reorder the sentence around it (UAX #9 FSI…PDI). */
export function isolate(value: string): string {
  return `\u2068${value.replace(directionControl, '')}\u2069`;
}

export interface Box {
  width: number;
  height: number;
}

export interface InkBounds {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface Cluster {
  text: string;
  face?: Face | undefined;
  emoji?: string | undefined;
  /** Bidi embedding level: odd is right-to-left. */
  level: number;
  /** Level of the paragraph the cluster is in: odd for a right-to-left paragraph. */
  paragraphLevel: number;
  /** Advance at a font size of 1px. */
  width: number;
  space: boolean;
  newline: boolean;
  /** A line may end after this cluster. */
  breakAfter: boolean;
  /** Drawn as nothing (format characters, or a character no font has). */
  invisible: boolean;
}

interface PlacedGlyph {
  face: Face;
  glyph: number;
  x: number;
  y: number;
}

interface PlacedEmoji {
  svg: string;
  x: number;
  y: number;
  size: number;
}

export interface TextLayout {
  /** The font size the text was set at. */
  size: number;
  lineCount: number;
  /** Height the lines take, from the top of the first to the bottom of the last. */
  height: number;
  box: Box;
  /** The text is a right-to-left paragraph. */
  rtl: boolean;
  /** The text of each line, in logical order, with the ellipsis if one was added. */
  lines: string[];
  truncated: boolean;
  /** Characters no bundled font can draw (left out rather than shown as boxes). */
  missing: string[];
  ink: InkBounds | undefined;
  glyphs: PlacedGlyph[];
  emoji: PlacedEmoji[];
}

const neutral = /^[\p{Zs}\p{P}\p{N}\p{S}]/u;
const breaksAround = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
const noBreakBefore = /^[\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\u300d\u300f\uff09\u3011\u30fc)\]},.;:!?]/u;
const ellipsis = '\u2026';

/** Characters that are part of a grapheme without needing a glyph of their own. */
function needsGlyph(codepoint: number): boolean {
  return !(codepoint === 0x200c || codepoint === 0x200d || (codepoint >= 0xfe00 && codepoint <= 0xfe0f) || (codepoint >= 0xe0100 && codepoint <= 0xe01ef));
}

function normalize(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ')
    .replace(/[ \u2028\u2029]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .trim();
}

function chooseFace(grapheme: string, families: Family[], weight: number, previous: Face | undefined): Face | undefined {
  const points = [...grapheme].map((c) => c.codePointAt(0)!).filter(needsGlyph);
  if (!points.length) return previous;
  const covers = (face: Face | undefined) => face && points.every((p) => face.font.nominalGlyph(p) !== undefined);
  // Spaces, digits and punctuation stay in the font of the text around them, so an Arabic run
  // is shaped as one piece and its punctuation matches.
  if (neutral.test(grapheme) && covers(previous)) return previous;
  let base: Face | undefined;
  for (const family of families) {
    const face = faceFor(points[0]!, family, weight);
    if (!face) continue;
    if (covers(face)) return face;
    base ??= face;
  }
  return base;
}

/**
 * One HarfBuzz buffer, reset for every run: harfbuzzjs frees a buffer only when the garbage
 * collector gets to it, and thousands of images would grow WebAssembly memory that never shrinks.
 */
const buffer = new hb.Buffer();

function shapeRun(face: Face, text: string, rtl: boolean) {
  buffer.reset();
  buffer.addText(text);
  buffer.guessSegmentProperties();
  // The bidi level decides direction, not the script: neutral runs inside Arabic are right to left.
  buffer.setDirection(rtl ? hb.Direction.RTL : hb.Direction.LTR);
  hb.shape(face.font, buffer);
  return buffer.getGlyphInfosAndPositions();
}

/** Splits clusters into runs that share a face, an emoji-ness and a bidi level. */
function runsOf(clusters: Cluster[]): Cluster[][] {
  const runs: Cluster[][] = [];
  for (const cluster of clusters) {
    const last = runs.at(-1)?.[0];
    if (last && !cluster.emoji && !last.emoji && last.face === cluster.face && last.level === cluster.level) runs.at(-1)!.push(cluster);
    else runs.push([cluster]);
  }
  return runs;
}

/** Measures every cluster at 1px, shaping each run as a whole so joining and kerning count. */
function measure(clusters: Cluster[], letterSpacing: number): void {
  for (const run of runsOf(clusters)) {
    const face = run[0]!.face;
    if (run[0]!.emoji) {
      for (const cluster of run) cluster.width = 1.1;
      continue;
    }
    if (!face || run.every((c) => c.invisible)) continue;
    const text = run.map((c) => c.text).join('');
    const starts: number[] = [];
    let offset = 0;
    for (const cluster of run) {
      starts.push(offset);
      offset += cluster.text.length;
    }
    for (const glyph of shapeRun(face, text, run[0]!.level % 2 === 1)) {
      // A HarfBuzz cluster can span graphemes (a ligature); its advance goes to the first.
      let index = starts.length - 1;
      while (index > 0 && starts[index]! > glyph.cluster) index--;
      run[index]!.width += (glyph.xAdvance ?? 0) / face.upem;
    }
    const spaced = letterSpacing && face.key.startsWith('noto-s') && !/arabic|devanagari/.test(face.key);
    if (spaced) for (const cluster of run) cluster.width += letterSpacing;
  }
}

function clustersOf(text: string, style: TextStyle): { clusters: Cluster[]; missing: string[] } {
  const direction = style.direction && style.direction !== 'auto' ? style.direction : undefined;
  const { levels, paragraphs } = bidi.getEmbeddingLevels(text, direction);
  const families = fallbackFamilies(style.typeface, text);
  const clusters: Cluster[] = [];
  const missing: string[] = [];
  let previous: Face | undefined;
  for (const { segment, index } of graphemeSegmenter.segment(text)) {
    const level = levels[index] ?? 0;
    const paragraphLevel = paragraphs.find((p) => index >= p.start && index <= p.end)?.level ?? 0;
    const base: Cluster = { text: segment, level, paragraphLevel, width: 0, space: false, newline: false, breakAfter: false, invisible: false };
    if (segment === '\n') {
      clusters.push({ ...base, newline: true, invisible: true, breakAfter: true });
      continue;
    }
    if (isEmoji(segment)) {
      const svg = emojiSvg(segment);
      if (svg) {
        clusters.push({ ...base, emoji: svg });
        continue;
      }
    }
    if (/^\p{Cf}+$/u.test(segment)) {
      clusters.push({ ...base, invisible: true });
      continue;
    }
    const face = chooseFace(segment, families, style.weight, previous);
    if (!face) {
      missing.push(segment);
      clusters.push({ ...base, invisible: true });
      continue;
    }
    previous = face;
    clusters.push({ ...base, face, space: segment === ' ' });
  }
  for (let i = 0; i < clusters.length - 1; i++) {
    const here = clusters[i]!;
    const next = clusters[i + 1]!;
    if (here.newline) continue;
    if (style.url) {
      here.breakAfter = here.text === '/' && next.text !== '/';
      continue;
    }
    here.breakAfter =
      (here.space && !next.space) ||
      (/[-\u2010\u2013\u2014/]$/.test(here.text) && /^\p{L}/u.test(next.text)) ||
      ((breaksAround.test(here.text) || breaksAround.test(next.text)) && !next.space && !here.space && !noBreakBefore.test(next.text));
  }
  return { clusters, missing };
}

interface Line {
  clusters: Cluster[];
  /** Width at 1px, without trailing spaces. */
  width: number;
}

function trimmedWidth(clusters: Cluster[]): number {
  let end = clusters.length;
  while (end > 0 && (clusters[end - 1]!.space || clusters[end - 1]!.newline)) end--;
  return clusters.slice(0, end).reduce((sum, c) => sum + c.width, 0);
}

/** Lines that had to split a word between its letters, the last resort of `wrap`. */
const splitWords = new WeakSet<Line[]>();

/** Greedy line breaking at 1px, for a box `maxWidth` font-sizes wide. */
function wrap(clusters: Cluster[], maxWidth: number): Line[] {
  const lines: Line[] = [];
  let line: Cluster[] = [];
  let lastBreak = -1;
  const push = (parts: Cluster[]) => lines.push({ clusters: parts, width: trimmedWidth(parts) });
  for (const cluster of clusters) {
    line.push(cluster);
    if (cluster.newline) {
      push(line);
      line = [];
      lastBreak = -1;
      continue;
    }
    if (trimmedWidth(line) > maxWidth && line.length > 1) {
      if (lastBreak >= 0) {
        push(line.slice(0, lastBreak + 1));
        line = line.slice(lastBreak + 1);
      } else {
        // One word wider than the box (a long name, a URL): break it between characters.
        splitWords.add(lines);
        push(line.slice(0, -1));
        line = [cluster];
      }
      lastBreak = -1;
      for (let i = 0; i < line.length - 1; i++) if (line[i]!.breakAfter) lastBreak = i;
    }
    if (cluster.breakAfter) lastBreak = line.length - 1;
  }
  if (line.length) push(line);
  return lines;
}

/** Reorders runs for display (UAX #9 rule L2): reverse every stretch at or above each odd level. */
function visualOrder(runs: Cluster[][]): Cluster[][] {
  const order = [...runs];
  const levelOf = (run: Cluster[]) => run[0]!.level;
  const highest = Math.max(0, ...order.map(levelOf));
  const lowestOdd = Math.min(...order.map(levelOf).filter((l) => l % 2 === 1), highest + 1);
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < order.length; ) {
      if (levelOf(order[i]!) < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && levelOf(order[j]!) >= level) j++;
      order.splice(i, j - i, ...order.slice(i, j).reverse());
      i = j;
    }
  }
  return order;
}

function ellipsisCluster(after: Cluster | undefined, style: TextStyle, letterSpacing: number): Cluster {
  const face = after?.face && after.face.font.nominalGlyph(0x2026) !== undefined ? after.face : primaryFace(style.typeface, style.weight);
  // The ellipsis takes the paragraph's direction: it ends the text, not the last word.
  const level = after?.paragraphLevel ?? 0;
  const cluster: Cluster = { text: ellipsis, face, level, paragraphLevel: level, width: 0, space: false, newline: false, breakAfter: false, invisible: false };
  measure([cluster], letterSpacing);
  return cluster;
}

/**
 * A name shortened with an ellipsis to fit one line of `width` at the style's smallest size, so
 * a sentence built around it ("… recommends Maya") keeps its point however long the name.
 */
export function clampName(name: string, style: TextStyle, width: number): string {
  const size = style.minSize ?? style.size;
  return layoutText(name, { ...style, size, minSize: size, maxLines: 1 }, { width, height: size * style.lineHeight * 2 }).lines[0] ?? '';
}

/** Layouts already set in this process; a kit's images share most of their texts. */
const recentLayouts = new Recent<TextLayout>(512);

/** Sets `input` in `style` to fit `box`. The result is shared between callers: read it, never change it. */
export function layoutText(input: string, style: TextStyle, box: Box): TextLayout {
  // The fonts are fixed for the life of the process, so these three are all the inputs.
  return recentLayouts.get(JSON.stringify([input, style, box.width, box.height]), () => setText(input, style, box));
}

function setText(input: string, style: TextStyle, box: Box): TextLayout {
  const text = normalize(input);
  const letterSpacing = style.letterSpacing ?? 0;
  const { clusters, missing } = clustersOf(text, style);
  measure(clusters, letterSpacing);
  const minSize = Math.min(style.minSize ?? style.size, style.size);
  const linesThatFit = (size: number) => Math.max(1, Math.min(style.maxLines ?? Infinity, Math.floor((box.height + 0.01) / (size * style.lineHeight))));

  let size = style.size;
  let lines = wrap(clusters, box.width / size);
  // A web address shrinks rather than split a part between its letters.
  const tooTight = (wrapped: Line[]) => wrapped.length > linesThatFit(size) || (style.url === true && splitWords.has(wrapped));
  while (tooTight(lines) && size > minSize) {
    size = Math.max(minSize, size - Math.max(1, Math.round(size * 0.04)));
    lines = wrap(clusters, box.width / size);
  }
  let truncated = false;
  const allowed = linesThatFit(size);
  if (lines.length > allowed) {
    truncated = true;
    lines = lines.slice(0, allowed);
    const last = lines.at(-1)!;
    const kept = last.clusters.filter((c) => !c.newline);
    const mark = ellipsisCluster(kept.filter((c) => !c.invisible).at(-1), style, letterSpacing);
    while (kept.length && trimmedWidth(kept) + mark.width > box.width / size) kept.pop();
    while (kept.length && kept.at(-1)!.space) kept.pop();
    kept.push(mark);
    lines[lines.length - 1] = { clusters: kept, width: trimmedWidth(kept) };
  }
  return place(lines, style, box, size, truncated, missing, letterSpacing);
}

function place(lines: Line[], style: TextStyle, box: Box, size: number, truncated: boolean, missing: string[], letterSpacing: number): TextLayout {
  const primary = primaryFace(style.typeface, style.weight);
  const lineHeight = size * style.lineHeight;
  const ascent = (primary.ascender / primary.upem) * size;
  const descent = (-primary.descender / primary.upem) * size;
  const glyphs: PlacedGlyph[] = [];
  const emoji: PlacedEmoji[] = [];
  let ink: InkBounds | undefined;
  const grow = (left: number, top: number, right: number, bottom: number) => {
    ink = ink ? { left: Math.min(ink.left, left), top: Math.min(ink.top, top), right: Math.max(ink.right, right), bottom: Math.max(ink.bottom, bottom) } : { left, top, right, bottom };
  };

  lines.forEach((line, index) => {
    const visible = [...line.clusters];
    while (visible.length && (visible.at(-1)!.space || visible.at(-1)!.newline)) visible.pop();
    const paragraphRtl = (line.clusters[0]?.paragraphLevel ?? 0) % 2 === 1;
    const width = line.width * size;
    const align = style.align ?? 'start';
    const startsRight = align === 'right' || (align === 'start' && paragraphRtl) || (align === 'end' && !paragraphRtl);
    let x = align === 'center' ? (box.width - width) / 2 : startsRight ? box.width - width : 0;
    const baseline = index * lineHeight + (lineHeight - ascent - descent) / 2 + ascent;

    for (const run of visualOrder(runsOf(visible))) {
      const first = run[0]!;
      if (first.emoji) {
        for (const cluster of run) {
          const em = size;
          emoji.push({ svg: cluster.emoji!, x: x + 0.05 * em, y: baseline - 0.86 * em, size: em });
          grow(x + 0.05 * em, baseline - 0.86 * em, x + 1.05 * em, baseline + 0.14 * em);
          x += cluster.width * size;
        }
        continue;
      }
      const face = first.face;
      const drawn = run.filter((c) => !c.invisible);
      if (!face || !drawn.length) {
        x += run.reduce((sum, c) => sum + c.width, 0) * size;
        continue;
      }
      const scale = size / face.upem;
      const spaced = letterSpacing && face.key.startsWith('noto-s') && !/arabic|devanagari/.test(face.key) ? letterSpacing * size : 0;
      for (const glyph of shapeRun(face, drawn.map((c) => c.text).join(''), first.level % 2 === 1)) {
        const gx = x + (glyph.xOffset ?? 0) * scale;
        const gy = baseline - (glyph.yOffset ?? 0) * scale;
        const extents = face.font.glyphExtents(glyph.codepoint);
        if (extents?.width && extents.height) {
          glyphs.push({ face, glyph: glyph.codepoint, x: gx, y: gy });
          grow(gx + extents.xBearing * scale, gy - extents.yBearing * scale, gx + (extents.xBearing + extents.width) * scale, gy - (extents.yBearing + extents.height) * scale);
        }
        x += (glyph.xAdvance ?? 0) * scale + spaced;
      }
    }
  });

  return {
    size,
    lineCount: lines.length,
    height: lines.length * lineHeight,
    box,
    rtl: (lines[0]?.clusters[0]?.paragraphLevel ?? 0) % 2 === 1,
    lines: lines.map((line) =>
      line.clusters
        .filter((c) => !c.newline)
        .map((c) => c.text)
        .join('')
        .trim(),
    ),
    truncated,
    missing,
    ink,
    glyphs,
    emoji,
  };
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

const glyphPaths = new Map<string, string>();

/** A glyph's outline as SVG path data; each is drawn from the font once per process. */
function glyphPath(face: Face, glyph: number): string {
  const key = `${face.key}:${glyph}`;
  let path = glyphPaths.get(key);
  if (path === undefined) {
    path = face.font.glyphToPath(glyph);
    glyphPaths.set(key, path);
  }
  return path;
}

/**
 * The laid-out text as a standalone SVG: glyph outlines, no fonts needed. It is the size of the
 * layout's box, or of `shown` (a box the text is cut to, as a block only as tall as its lines).
 *
 * With `shown`, the SVG draws outside its box (`overflow="visible"`) and only the glyphs whose
 * ink reaches outside `shown` (a descender below the last line, say) go into a nested <svg> that
 * clips them to it. resvg draws a clipped group in an offscreen layer the size of what it holds:
 * clipping two descenders costs next to nothing, clipping the whole block a layer of its size.
 * Either way the same ink is cut off.
 */
export function textSvg(layout: TextLayout, color: string, shown?: Box): string {
  let drawn = drawings.get(layout);
  if (!drawn) {
    drawn = new Map();
    drawings.set(layout, drawn);
  }
  const key = `${color} ${shown?.width} ${shown?.height}`;
  let svg = drawn.get(key);
  if (svg === undefined) {
    svg = drawText(layout, color, shown);
    drawn.set(key, svg);
  }
  return svg;
}

/** Drawings of the layouts still in use (layouts are shared, see layoutText), by colour and box. */
const drawings = new WeakMap<TextLayout, Map<string, string>>();

function drawText(layout: TextLayout, color: string, shown?: Box): string {
  const defs = new Map<string, string>();
  const inside: string[] = [];
  const crossing: string[] = [];
  const { width, height } = shown ?? layout.box;
  const within = (left: number, top: number, right: number, bottom: number) => !shown || (left >= 0 && top >= 0 && right <= width && bottom <= height);
  for (const { face, glyph, x, y } of layout.glyphs) {
    const id = `${face.key}-${glyph}`.replace(/[^a-z0-9-]/gi, '');
    if (!defs.has(id)) defs.set(id, `<path id="${id}" d="${glyphPath(face, glyph)}"/>`);
    const scale = Number((layout.size / face.upem).toFixed(6));
    const use = `<use href="#${id}" transform="matrix(${scale} 0 0 ${-scale} ${round(x)} ${round(y)})"/>`;
    const extents = face.font.glyphExtents(glyph);
    const left = x + (extents?.xBearing ?? 0) * scale;
    const top = y - (extents?.yBearing ?? 0) * scale;
    (within(left, top, left + (extents?.width ?? 0) * scale, top - (extents?.height ?? 0) * scale) ? inside : crossing).push(use);
  }
  // Emoji go in as nested <svg> elements: this SVG is itself embedded as an image, and resvg
  // does not draw an image inside an image.
  const images = { inside: [] as string[], crossing: [] as string[] };
  for (const e of layout.emoji) {
    const viewBox = /viewBox="([^"]+)"/.exec(e.svg)?.[1] ?? '0 0 36 36';
    const inner = e.svg.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
    const image = `<svg x="${round(e.x)}" y="${round(e.y)}" width="${round(e.size)}" height="${round(e.size)}" viewBox="${viewBox}">${inner}</svg>`;
    images[within(e.x, e.y, e.x + e.size, e.y + e.size) ? 'inside' : 'crossing'].push(image);
  }
  const group = (uses: string[]) => (uses.length ? `<g fill="${color}">${uses.join('')}</g>` : '');
  const clipped = crossing.length || images.crossing.length ? `<svg width="${width}" height="${height}">${group(crossing)}${images.crossing.join('')}</svg>` : '';
  const overflow = shown ? ' overflow="visible"' : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"${overflow}><defs>${[...defs.values()].join('')}</defs>${group(inside)}${images.inside.join('')}${clipped}</svg>`;
}
