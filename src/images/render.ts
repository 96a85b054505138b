/** Template → satori SVG → resvg PNG. Same input, same bytes: nothing here reads the clock or the system's fonts. */
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { encodePng } from './png.ts';
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

export async function renderTemplate(template: Template): Promise<Buffer> {
  const { element, width, height } = template;
  // Every text arrives as shaped outlines, so satori needs no fonts of its own.
  const svg = await satori(element as never, { width, height, fonts: [] });
  const image = new Resvg(inlineDrawings(svg, template.inline), { font: { loadSystemFonts: false } }).render();
  return encodePng(image.pixels, image.width, image.height);
}
