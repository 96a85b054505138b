/** Renders a kit's images into a built site, and serves them from the dev server. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KitContent } from '../kit/load.ts';
import { imageJobs, templateFor } from './catalog.ts';
import { renderTemplate } from './render.ts';

export async function writeImages(content: KitContent, outDir: string): Promise<number> {
  const jobs = imageJobs(content);
  for (const job of jobs) {
    const file = join(outDir, ...job.path.split('/').map(decodeURIComponent));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, await renderTemplate(templateFor(job)));
  }
  return jobs.length;
}

/** Dev-server middleware: renders an image when the browser asks for it. */
export function imageMiddleware(base: string, content: () => Promise<KitContent | undefined>) {
  return async (request: IncomingMessage, response: ServerResponse, next: () => void): Promise<void> => {
    const path = decodeURI(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (!path.endsWith('.png') || !path.startsWith(base)) return next();
    const current = await content();
    const job = current && imageJobs(current).find((candidate) => decodeURI(candidate.path) === path.slice(base.length));
    if (!job) return next();
    response.setHeader('Content-Type', 'image/png');
    response.setHeader('Cache-Control', 'no-store');
    response.end(await renderTemplate(templateFor(job)));
  };
}
