/**
 * Writes a kit's images into a built site: each one from the cache when nothing it depends on
 * changed, otherwise rendered, in a pool of worker processes when there are enough to be worth it.
 * Also serves images from the dev server.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import type { KitContent } from '../kit/load.ts';
import { ImageCache, imageKey } from './cache.ts';
import { imageJobs, templateFor, type ImageJob } from './catalog.ts';
import { renderTemplate } from './render.ts';
import renderImageFile, { writeImageFile, type RenderTask } from './worker.ts';

export interface ImageStats {
  total: number;
  rendered: number;
  fromCache: number;
  /** Worker processes used; 0 when images were rendered in the build's own thread. */
  threads: number;
  seconds: number;
}

export interface WriteOptions {
  /** Project root, where node_modules/.cache lives. */
  root: string;
  cache: boolean;
  /** Worker processes; 0 renders in this thread. Defaults to one per core. */
  threads?: number;
}

/** Below this many images, starting workers (each loading its fonts) costs more than it saves. */
const poolThreshold = 12;

const workerFile = fileURLToPath(new URL('./worker.ts', import.meta.url));

async function renderAll(tasks: RenderTask[], threads: number): Promise<number> {
  if (threads === 0 || tasks.length < poolThreshold) {
    for (const task of tasks) await renderImageFile(task);
    return 0;
  }
  const pool = new Tinypool({
    // Child processes rather than threads: resvg's native memory grows without bound in worker
    // threads (1.5 GB where child processes stay at 0.7 GB for the same images, measured).
    runtime: 'child_process',
    filename: workerFile,
    minThreads: threads,
    maxThreads: threads,
    // The next image waits in the worker, not in the build: a worker never idles while the
    // build is busy generating a page and slow to hand it more work.
    concurrentTasksPerWorker: 2,
    // Workers load the TypeScript sources natively; Node before 22.18 needs the flag for that.
    execArgv: process.features.typescript ? [] : ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'],
  });
  try {
    await Promise.all(tasks.map((task) => pool.run(task)));
  } finally {
    await pool.destroy();
  }
  return threads;
}

/** Images being rendered while the rest of the site builds; `finish` puts them in the output folder. */
export interface ImageRun {
  finish(outDir: string): Promise<ImageStats>;
}

function outputFile(outDir: string, job: ImageJob): string {
  return join(outDir, ...job.path.split('/').map(decodeURIComponent));
}

/**
 * Starts rendering a kit's images. With the cache on, missing images render into the cache at
 * once, alongside Astro bundling and generating pages (mostly one core's work), and `finish`
 * copies them out; with it off, they render when `finish` is given the output folder.
 */
export function startImages(content: KitContent, options: WriteOptions): ImageRun {
  const started = performance.now();
  const jobs = imageJobs(content);
  const cache = new ImageCache(options.root, content.contentDir);
  const keys = new Map(jobs.map((job) => [job, imageKey(job)]));
  const threads = options.threads ?? availableParallelism();
  let rendered = 0;
  const early = options.cache
    ? (async () => {
        const missing: ImageJob[] = [];
        for (const job of jobs) if (!(await cache.has(keys.get(job)!))) missing.push(job);
        rendered += missing.length;
        return renderAll(missing.map((job) => ({ job, file: cache.entryFile(keys.get(job)!), as: 'cache' })), threads);
      })()
    : Promise.resolve(0);
  // A failure is reported by finish(); until then it must not count as unhandled.
  early.catch(() => {});
  return {
    async finish(outDir) {
      let used = await early;
      if (options.cache) {
        for (const job of jobs) {
          const key = keys.get(job)!;
          let png = await cache.get(key);
          if (!png) {
            // Damaged since it was checked: draw it again here.
            png = await renderTemplate(templateFor(job));
            rendered++;
            await cache.put(key, png);
          }
          await writeImageFile(outputFile(outDir, job), png);
        }
        await cache.prune();
      } else {
        used = await renderAll(jobs.map((job) => ({ job, file: outputFile(outDir, job), as: 'png' })), threads);
        rendered = jobs.length;
      }
      return { total: jobs.length, rendered, fromCache: jobs.length - rendered, threads: used, seconds: (performance.now() - started) / 1000 };
    },
  };
}

export async function writeImages(content: KitContent, outDir: string, options: WriteOptions): Promise<ImageStats> {
  return startImages(content, options).finish(outDir);
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
