/** Template → satori SVG → resvg PNG. Same input, same bytes: nothing here reads the clock or the system's fonts. */
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { encodePng } from './png.ts';
import { Recent } from './recent.ts';
import type { Template } from './templates.ts';

const placeholderImage = /<image x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)" href="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)" preserveAspectRatio="none"([^>]*)\/>/g;

/** Puts each drawing where satori placed its placeholder, keeping satori's clipping. */
export function inlineDrawings(svg: string, inline: readonly string[]): string {
  return svg.replace(placeholderImage, (image, x: string, y: string, width: string, height: string, data: string, clipping: string) => {
    const n = /<!--referral-kit:(\d+)-->/.exec(Buffer.from(data, 'base64').toString('utf8'))?.[1];
    const drawing = n === undefined ? undefined : inline[Number(n)];
    if (drawing === undefined) return image;
    // The drawing keeps its own attributes (viewBox, shape-rendering…); only its box is satori's.
    const nested = drawing.replace(/^<svg\b([^>]*)>/, (_, attributes: string) => {
      const own = attributes.replace(/\s(xmlns|width|height|x|y|preserveAspectRatio)="[^"]*"/g, '');
      return `<svg x="${x}" y="${y}" width="${width}" height="${height}" preserveAspectRatio="none"${own}>`;
    });
    return `<g${clipping}>${nested}</g>`;
  });
}

const boxOf = (x: string, y: string, width: string, height: string) => `${x} ${y} ${width} ${height}`;
const clipRect = /<clipPath id="([^"]+)"><rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"\/><\/clipPath>/g;
const maskRect = /<mask id="([^"]+)"><rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="#fff"\/><\/mask>/g;
const imageClipping = /<image x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"([^>]*?) clip-path="url\(#([^")]+)\)" mask="url\(#([^")]+)\)"\/>/g;
const clipOrMask = /<(clipPath|mask) id="([^"]+)">[\s\S]*?<\/\1>/g;

/**
 * Drops the clip paths and masks that change no pixel, so resvg draws straight onto the canvas
 * instead of into an offscreen layer per block (each layer an allocation, fill and blend the size
 * of the block: two thirds of the time resvg took on a card).
 *
 * Satori gives every image a clip path and a mask that are the rectangle the image already fills.
 * An image fills its box exactly, and an inline drawing is a nested <svg>, which clips to its own
 * box unless it says `overflow="visible"`, which it says only when it keeps its ink inside the box
 * itself (a QR code; a text, which clips the few glyphs that reach outside: see textSvg).
 * So those two are dropped; any other clip (a photo cropped to a circle) is kept, and so is every
 * mask or clip path still used. Masks that nothing uses (satori writes one per block) go too,
 * since resvg would still parse them.
 */
export function withoutNeedlessClips(svg: string): string {
  const clips = new Map<string, string>();
  for (const [, id, x, y, width, height] of svg.matchAll(clipRect)) clips.set(id!, boxOf(x!, y!, width!, height!));
  const masks = new Map<string, string>();
  for (const [, id, x, y, width, height] of svg.matchAll(maskRect)) masks.set(id!, boxOf(x!, y!, width!, height!));
  const unclipped = svg.replace(imageClipping, (_image: string, x: string, y: string, width: string, height: string, rest: string, clip: string, mask: string) => {
    const box = boxOf(x, y, width, height);
    const keepClip = clips.get(clip) !== box;
    const keepMask = masks.get(mask) !== box;
    return `<image x="${x}" y="${y}" width="${width}" height="${height}"${rest}${keepClip ? ` clip-path="url(#${clip})"` : ''}${keepMask ? ` mask="url(#${mask})"` : ''}/>`;
  });
  const used = new Set([...unclipped.matchAll(/url\(#([^")]+)\)/g)].map((m) => m[1]!));
  return unclipped.replace(clipOrMask, (element, _kind: string, id: string) => (used.has(id) ? element : ''));
}

/**
 * Satori's layouts of the latest element trees. A tree holds only boxes, photos and placeholders
 * (the drawings themselves are in `Template.inline`), so the cards of one kit mostly share one
 * tree, with the same boxes for every partner, and satori lays it out once.
 */
const recentLayouts = new Recent<Promise<string>>(32);

/** Stage 1 of drawing: satori lays the template out as SVG, with the drawings put in place. */
export async function templateSvg(template: Template): Promise<string> {
  const { element, width, height } = template;
  // Every text arrives as shaped outlines, so satori needs no fonts of its own; the element, its
  // size and the satori version (fixed in a process) are all its inputs.
  const layout = recentLayouts.get(`${width}x${height} ${JSON.stringify(element)}`, () => satori(element as never, { width, height, fonts: [] }).then(withoutNeedlessClips));
  return inlineDrawings(await layout, template.inline);
}

/** Stage 2: resvg draws the SVG as premultiplied RGBA pixels. */
export function rasterise(svg: string): { pixels: Buffer; width: number; height: number } {
  const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  return { pixels: image.pixels, width: image.width, height: image.height };
}

/** Template → PNG: the stages above, then the PNG encoder (png.ts). */
export async function renderTemplate(template: Template): Promise<Buffer> {
  const image = rasterise(await templateSvg(template));
  return encodePng(image.pixels, image.width, image.height);
}
