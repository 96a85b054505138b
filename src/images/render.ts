/** Template → satori SVG → resvg PNG. Same input, same bytes: nothing here reads the clock or the system's fonts. */
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import type { Template } from './templates.ts';

export async function renderTemplate(template: Template): Promise<Buffer> {
  const { element, width, height } = template;
  // Every text arrives as shaped outlines, so satori needs no fonts of its own.
  const svg = await satori(element as never, { width, height, fonts: [] });
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
}
