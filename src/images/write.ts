/**
 * Writes a kit's images into a built site: each one from the cache when nothing it depends on
 * changed, otherwise rendered, in a pool of worker processes when there are enough to be worth it.
 * Also serves images from the dev server.
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { typeScriptFlags } from '../kit/node-flags.ts';
import pLimit from 'p-limit';
import Tinypool from 'tinypool';
import type { KitContent } from '../kit/kit-content.ts';
import { type FileLink, linkFiles, linkFilesNow } from '../kit/link-files.ts';
import { ImageCache, imageKeys } from './cache.ts';
import { imageJobs, type ImageJob } from './catalog.ts';
import type { RenderTask } from './worker.ts';

export interface ImageStats {
  total: number;
  rendered: number;
  fromCache: number;
  /** Worker processes used; 0 when images were rendered in the build's own process. */
  workers: number;
  seconds: number;
}

export interface WriteOptions {
  /** Project root, where node_modules/.cache lives. */
  root: string;
  cache: boolean;
  /** Worker processes; 0 renders in this process. Defaults to one per core. */
  workers?: number;
}

/**
 * One worker process per this many images, up to the number asked for. A worker costs its start
 * and its fonts, under half a second of a core; on a machine with a core to spare that is paid
 * off from the first image, as this process is busy with Astro all the while (the 3 images of a
 * partner edited in a 1,000-partner kit took 0.8 s of this process when drawn here, measured).
 * With one core only, a few images are drawn here instead.
 */
const imagesPerWorker = 12;

/** Cache entries checked at once (one may be read and hashed, or drawn again if damaged): enough to keep the disk busy, few PNGs in memory. */
const checkConcurrency = 8;

const workerFile = fileURLToPath(new URL('./pool-worker.ts', import.meta.url));

/**
 * The drawing code (satori, resvg, HarfBuzz, the fonts and designs), loaded once this process
 * draws an image itself: a rebuild that finds every image in the cache never does, and loading
 * it took a fifth of a second of each such build (measured on the example kit).
 */
const drawingCode = () => import('./worker.ts');

/** Renders one task in this process. */
const renderHere = async (task: RenderTask) => (await drawingCode()).default(task);

/** Tasks being rendered: a promise per task, settled when its file is written. */
interface Rendering {
  /** For a cache entry, settles with the entry's file. */
  each: Promise<string | undefined>[];
  /** Worker processes used; 0 when rendering in this process. */
  workers: number;
  /** Settles when every task has; the workers are gone by then. */
  settled: Promise<void>;
  /** Stops at once: tasks not yet done reject, workers are ended. */
  stop(): Promise<void>;
}

function renderEach(tasks: RenderTask[], workers: number): Rendering {
  let rendering: Rendering;
  const poolSize = Math.min(workers, Math.ceil(tasks.length / imagesPerWorker));
  if (poolSize === 0 || (availableParallelism() === 1 && tasks.length < imagesPerWorker)) {
    let stopped = false;
    let previous: Promise<string | undefined> = Promise.resolve(undefined);
    // One after another, as the pool would give them out; a stop skips the rest.
    const each = tasks.map((task) => (previous = previous.then(() => (stopped ? Promise.reject(new Error('image rendering was stopped')) : renderHere(task)))));
    const stop = async () => {
      stopped = true;
    };
    rendering = { each, workers: 0, settled: Promise.allSettled(each).then(() => {}), stop };
  } else {
    const pool = new Tinypool({
      // Child processes rather than threads: resvg's native memory grows without bound in worker
      // threads (1.5 GB where child processes stay at 0.7 GB for the same images, measured).
      runtime: 'child_process',
      filename: workerFile,
      // Tinypool's names: with the child_process runtime these are worker processes.
      minThreads: poolSize,
      maxThreads: poolSize,
      // The next image waits in the worker, not in the build: a worker never idles while the
      // build is busy generating a page and slow to hand it more work.
      concurrentTasksPerWorker: 2,
      // resvg's allocator (mimalloc) hands memory back to the system 10 ms after it is freed, and
      // the next image's 3–5 MB canvas then costs a page fault per 4 KB: keeping it for a second
      // cut the workers' time in the kernel by a quarter (measured). Nothing else of the build's
      // environment reaches the workers.
      env: { MIMALLOC_PURGE_DELAY: process.env.MIMALLOC_PURGE_DELAY ?? '1000' },
      // Each image's pixels (3–5 MB) and PNG are Buffers that only a garbage collection frees.
      // With V8's default young generation (semi-spaces of 16 MB or more) they survive until the
      // memory outside the heap forces a full mark-compact, about one per ten images, whose
      // marking runs on helper threads that take the other core from the build: with 2 MB
      // semi-spaces each cheap scavenge frees them, and one GC thread keeps the work in the
      // worker. Cold build at 1,000 partners: 16–24 s less CPU, 57.6 s against 64.8–72.1 s
      // (docs/benchmarks.md).
      // Workers load the TypeScript sources natively; Node before 22.18 needs the flag for that.
      execArgv: ['--max-semi-space-size=2', '--single-threaded-gc', ...typeScriptFlags],
    });
    const each = tasks.map((task) => pool.run(task) as Promise<string | undefined>);
    let destroyed: Promise<void> | undefined;
    const stop = () => (destroyed ??= pool.destroy());
    rendering = { each, workers: poolSize, settled: Promise.allSettled(each).then(stop), stop };
  }
  // Failures are reported by whoever awaits `each`; until then they must not count as unhandled.
  for (const task of rendering.each) task.catch(() => {});
  return rendering;
}

/** Images being rendered while the rest of the site builds. */
export interface ImageRun {
  /**
   * Starts copying images into the output folder as they are ready, before the site is done:
   * only once nothing will empty that folder again. (Images rendered without the cache are
   * written by `finish`.)
   */
  deliverTo(outDir: string): void;
  /** Puts every image in the output folder, each as soon as it is ready, and returns the figures. */
  finish(outDir: string): Promise<ImageStats>;
  /** Stops rendering (the build failed): workers end now rather than after the last image. */
  cancel(): Promise<void>;
  /** How far drawing has come: images drawn so far, of those to draw (the cache has the rest). */
  progress(): { drawn: number; toDraw: number };
}

/*
 * Cached images go into the site as hard links to their cache entries (src/kit/link-files.ts).
 * Safe because neither file is ever written in place: an entry is only written through a new
 * file renamed over it (writeCacheEntry) and only removed by pruning; the build writes each site
 * image once, into a new staging folder, and writes over nothing there. If someone edits a
 * published image in place, the entry's bytes change with it and no longer match the checksum in
 * its name: the next build draws it again.
 */

function outputFile(outDir: string, job: ImageJob): string {
  return join(outDir, ...job.path.split('/').map(decodeURIComponent));
}

/**
 * Waits for every promise; on the first failure, stops the rendering, waits for the others to
 * settle (a link still being made would land in the site after the build removed it), and
 * rethrows.
 */
async function allOrStop(promises: Promise<unknown>[], rendering: Rendering | undefined): Promise<void> {
  try {
    await Promise.all(promises);
  } catch (error) {
    await rendering?.stop();
    await Promise.allSettled(promises);
    throw error;
  }
  await rendering?.settled;
}

/**
 * Starts rendering a kit's images. With the cache on, missing images render into the cache at
 * once, alongside Astro bundling and generating pages (mostly one core's work), and `finish`
 * copies each into the site as it is ready; with it off, they render when `finish` is given the
 * output folder.
 */
export function startImages(content: KitContent, options: WriteOptions): ImageRun {
  const started = performance.now();
  const jobs = imageJobs(content);
  const cache = new ImageCache(options.root, content.contentDir);
  // Only with the cache: without it, no image needs a key.
  const keying = options.cache ? imageKeys(jobs) : undefined;
  const workers = options.workers ?? availableParallelism();
  let rendered = 0;
  let rendering: Rendering | undefined;
  let cancelled = false;
  let drawn = 0;
  const count = (run: Rendering) => {
    for (const task of run.each)
      task.then(
        () => void drawn++,
        () => {},
      );
    return run;
  };
  /** Per job, settled when its cache entry is written (or found); and the jobs that had none. */
  const early = options.cache
    ? (async () => {
        const keys = await keying!;
        // All at once: awaiting each in turn would yield to Astro between them and start late.
        const present = await Promise.all(keys.map((key) => cache.has(key)));
        const missing = jobs.flatMap((_, i) => (present[i] ? [] : [i]));
        rendered += missing.length;
        if (cancelled) throw new Error('image rendering was stopped');
        rendering = count(
          renderEach(
            missing.map((i) => ({ job: jobs[i]!, file: cache.entryFile(keys[i]!), as: 'cache' })),
            workers,
          ),
        );
        const ready: Promise<string | undefined>[] = jobs.map(() => Promise.resolve(undefined));
        for (const [n, i] of missing.entries()) ready[i] = rendering!.each[n]!;
        return { ready, missing, keys };
      })()
    : undefined;
  // A failure is reported by finish(); until then it must not count as unhandled.
  early?.catch(() => {});
  /** Copying the images into the site, each as it is ready; begun once, by deliverTo or finish. */
  let delivery: { outDir: string; done: Promise<void> } | undefined;
  const stopIfCancelled = () => {
    if (cancelled) throw new Error('image rendering was stopped');
  };
  const deliver = (outDir: string): Promise<void> => {
    // The same folder may be named with and without a trailing slash (the build, then Astro).
    if (delivery && resolve(delivery.outDir) !== resolve(outDir)) throw new Error(`images are already going to ${delivery.outDir}, not ${outDir}`);
    delivery ??= {
      outDir,
      done: (async () => {
        const { ready, missing, keys } = await early!;
        const beingDrawn = new Set(missing);
        const few = pLimit(checkConcurrency);
        // The entries the cache had, most of a rebuild's: checked here, a few at a time (one may
        // be read and hashed), then linked into the site in one batch by a worker thread. Those
        // being drawn go in one by one as they are ready.
        const entries = await Promise.all(jobs.map((_, i) => (beingDrawn.has(i) ? undefined : few(() => cache.entry(keys[i]!)))));
        const found: FileLink[] = [];
        const damaged: number[] = [];
        for (const [i, job] of jobs.entries()) {
          if (beingDrawn.has(i)) continue;
          const entry = entries[i];
          if (entry) found.push({ from: entry.file, to: outputFile(outDir, job) });
          else damaged.push(i);
        }
        stopIfCancelled();
        const steps = [
          linkFiles(found),
          ...[...missing, ...damaged].map((i) =>
            ready[i]!.then((written) =>
              few(async () => {
                let entry = await cache.entry(keys[i]!, written);
                if (!entry) {
                  // Damaged since it was checked: draw it again here.
                  stopIfCancelled();
                  const png = await (await drawingCode()).drawImage(jobs[i]!);
                  rendered++;
                  entry = { file: await cache.put(keys[i]!, png) };
                }
                stopIfCancelled();
                linkFilesNow([{ from: entry.file, to: outputFile(outDir, jobs[i]!) }]);
              }),
            ),
          ),
        ];
        await allOrStop(steps, rendering);
      })(),
    };
    // A failure is reported by finish(); until then it must not count as unhandled.
    delivery.done.catch(() => {});
    return delivery.done;
  };
  return {
    deliverTo(outDir) {
      if (early) void deliver(outDir);
    },
    async finish(outDir) {
      if (early) {
        await deliver(outDir);
        await cache.prune();
        await cache.recordChecked();
      } else {
        rendered = jobs.length;
        rendering = count(
          renderEach(
            jobs.map((job) => ({ job, file: outputFile(outDir, job), as: 'png' })),
            workers,
          ),
        );
        await allOrStop(rendering.each, rendering);
      }
      return { total: jobs.length, rendered, fromCache: jobs.length - rendered, workers: rendering?.workers ?? 0, seconds: (performance.now() - started) / 1000 };
    },
    progress() {
      return { drawn, toDraw: options.cache ? rendered : jobs.length };
    },
    async cancel() {
      cancelled = true;
      await early?.catch(() => {});
      await rendering?.stop();
      // Links still being made would land in the staging folder after the build removes it.
      await delivery?.done.catch(() => {});
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
    response.end(await (await drawingCode()).drawImage(job));
  };
}
