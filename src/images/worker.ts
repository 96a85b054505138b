/**
 * Renders one image and writes it where it belongs: run by the build itself for a few images, or
 * in a rendering worker (a child process of the build) for many. Each worker keeps its own fonts,
 * glyph outlines and photo thumbnails in memory, so they are read once per worker however many
 * images it renders; it writes its PNGs itself, so they never travel back to the build.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeCacheEntry } from './cache.ts';
import type { ImageJob } from './catalog.ts';
import { renderTemplate } from './render.ts';
import { templateFor } from './templates.ts';

export interface RenderTask {
  job: ImageJob;
  /** The file to write; for a cache entry, `ImageCache.entryFile` of its key. */
  file: string;
  /** `cache`: a cache entry (checksummed, written atomically); `png`: the bare image, into the site. */
  as: 'cache' | 'png';
}

/** Writes a bare PNG into the site, making its folders. */
export async function writeImageFile(file: string, png: Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, png);
}

/** Draws a job's image: its PNG. */
export function drawImage(job: ImageJob): Promise<Buffer> {
  return renderTemplate(templateFor(job));
}

/** Renders the task's image; for a cache entry, returns the entry's file (its name holds its checksum). */
export default async function renderImageFile({ job, file, as }: RenderTask): Promise<string | undefined> {
  const png = await drawImage(job);
  if (as === 'cache') return writeCacheEntry(file, png);
  await writeImageFile(file, png);
  return undefined;
}
