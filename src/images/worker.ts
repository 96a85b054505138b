/**
 * A rendering worker (a child process of the build). Each keeps its own fonts, glyph outlines
 * and photo thumbnails in memory, so they are read once per worker however many images it renders.
 */
import type { ImageJob } from './catalog.ts';
import { templateFor } from './catalog.ts';
import { renderTemplate } from './render.ts';

export default async function render(job: ImageJob): Promise<Uint8Array> {
  return renderTemplate(templateFor(job));
}
