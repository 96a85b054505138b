/**
 * Writes a kit's images into a built site: each one from the cache when nothing it depends on
 * changed, otherwise rendered, in a pool of worker threads when there are enough to be worth it.
 * Also serves images from the dev server.
 */
import { availableParallelism } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import type { KitContent } from '../kit/load.ts';
import { ImageCache, imageKey } from './cache.ts';
import { imageJobs, templateFor, type ImageJob } from './catalog.ts';
import { renderTemplate } from './render.ts';

export interface ImageStats {
  total: number;
  rendered: number;
  fromCache: number;
  /** Worker threads used; 0 when images were rendered in the build's own thread. */
  threads: number;
  seconds: number;
}

export interface WriteOptions {
  /** Project root, where node_modules/.cache lives. */
  root: string;
  cache: boolean;
  /** Worker threads; 0 renders in this thread. Defaults to one per core. */
  threads?: number;
}

/** Below this many images, starting workers (each loading its fonts) costs more than it saves. */
const poolThreshold = 12;

const workerFile = fileURLToPath(new URL('./worker.ts', import.meta.url));

async function renderAll(jobs: ImageJob[], threads: number, onImage: (job: ImageJob, png: Uint8Array) => Promise<void>): Promise<number> {
  if (threads === 0 || jobs.length < poolThreshold) {
    for (const job of jobs) await onImage(job, await renderTemplate(templateFor(job)));
    return 0;
  }
  const pool = new Tinypool({
    filename: workerFile,
    minThreads: threads,
    maxThreads: threads,
    // Workers load the TypeScript sources natively; Node before 22.18 needs the flag for that.
    execArgv: process.features.typescript ? [] : ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'],
  });
  try {
    await Promise.all(jobs.map(async (job) => onImage(job, (await pool.run(job)) as Uint8Array)));
  } finally {
    await pool.destroy();
  }
  return threads;
}

export async function writeImages(content: KitContent, outDir: string, options: WriteOptions): Promise<ImageStats> {
  const started = performance.now();
  const jobs = imageJobs(content);
  const cache = new ImageCache(options.root, content.contentDir);
  const keys = new Map(jobs.map((job) => [job, imageKey(job)]));
  const write = async (job: ImageJob, png: Uint8Array) => {
    const file = join(outDir, ...job.path.split('/').map(decodeURIComponent));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, png);
  };

  const missing: ImageJob[] = [];
  for (const job of jobs) {
    const cached = options.cache ? await cache.get(keys.get(job)!) : undefined;
    if (cached) await write(job, cached);
    else missing.push(job);
  }
  const threads = await renderAll(missing, options.threads ?? availableParallelism(), async (job, png) => {
    await write(job, png);
    if (options.cache) await cache.put(keys.get(job)!, png);
  });
  if (options.cache) await cache.prune();
  return {
    total: jobs.length,
    rendered: missing.length,
    fromCache: jobs.length - missing.length,
    threads,
    seconds: (performance.now() - started) / 1000,
  };
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
