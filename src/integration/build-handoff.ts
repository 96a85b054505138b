/**
 * The one handoff between `referral-kit build` (or `dev`) and the Astro integration.
 *
 * Astro loads the pages, the page middleware and src/content.config.ts through Vite (and the
 * integration too, when Node cannot import the config file as it is), so they do not share this
 * module's variables with the CLI: the handoff is one object in one slot on the global object,
 * `Symbol.for('referral-kit.build-handoff')`.
 *
 * Who writes what, and when (one build at a time per process: builds take a lock):
 * 1. `buildSite` (src/build/build-site.ts) reads and checks the kit, prints its findings, starts
 *    the images, and only then calls `openHandoff()` with the kit folder, that reading, the
 *    image run and the kit's collections (`kitCollections()`, for src/content.config.ts), before
 *    it loads Astro.
 * 2. In Astro's `astro:config:setup`, the integration (src/integration/index.ts) takes the reading
 *    (`readKit`) instead of reading every file again, prints no findings (`findingsShown`), and
 *    takes the image run (`takeImages`, once) to finish it. The content loaders of the
 *    collections (src/integration/loader.ts) take the same reading.
 * 3. While Astro generates the pages, the page middleware (src/integration/page-middleware.ts)
 *    calls `pageRendered()` for each page it renders; `buildSite` reads `pages` for progress.
 * 4. In `astro:build:done` the integration calls `recordBuildStats()` with the figures, and
 *    `recordProducedFiles()` with every file Astro generated or reused.
 * Before Astro generates its first page, the integration waits for `placing` (pages `buildSite`
 * links from the page cache into the staging folder meanwhile: src/build/placed-pages.ts), and
 * the page middleware releases each placed page before Astro renders it anew (`releasePlaced`).
 * 5. `buildSite` calls `closeHandoff()`, which empties the slot and returns the handoff (with
 *    images never taken, to cancel, and the figures).
 * `referral-kit dev` opens a handoff with the kit folder and `findingsShown` only, for as long
 * as the server runs: in dev the content changes, so the integration reads it afresh each time,
 * and Vite loads the collections' code itself, so that a change to it reloads too.
 *
 * A plain `astro build` or `astro dev` finds no handoff: the kit folder then comes from the one
 * environment variable such a build needs, `REFERRAL_KIT_CONTENT` (or ./content), and the
 * integration reads the kit and starts the images itself.
 */
import { resolve } from 'node:path';
import { releasePlacedPage, type Placement } from '../build/placed-pages.ts';
import type { ImageRun, ImageStats, WriteOptions } from '../images/write.ts';
import type { KitCollections } from './collections.ts';
import type { ScriptCompilerStats } from './script-cache.ts';
import { cacheVariable } from '../kit/cache-files.ts';
import { loadKit, type LoadResult } from '../kit/load.ts';

/** The kit folder of a plain `astro build` or `astro dev`, relative to the project. */
export const contentDirVariable = 'REFERRAL_KIT_CONTENT';

export interface BuildStats {
  /** Seconds from the first page rendered to the last (Astro generating HTML pages). */
  pageSeconds: number;
  /** Pages rendered by this build; the others were reused from the previous build unchanged. */
  pagesRendered: number;
  images: ImageStats;
  /** Scripts compiled by this build, and those taken from the script cache (src/integration/script-cache.ts). */
  scripts: ScriptCompilerStats;
}

/** What the CLI hands to the integration for one build (or one dev server). */
export interface BuildHandoff {
  /** The kit folder, absolute. */
  contentDir: string;
  /** The CLI has printed the kit's errors and warnings already: the integration does not repeat them. */
  findingsShown: boolean;
  /** The collections for src/content.config.ts, made by the CLI, which has loaded their code already. */
  collections?: KitCollections | undefined;
  /** The CLI's checked reading of the kit (builds only: in dev the content changes as it runs). */
  reading?: LoadResult | undefined;
  /** False with `--no-cache`: scripts are compiled anew too, and their cache left alone. */
  caches?: boolean | undefined;
  /** The images the CLI started, until the integration takes them to finish. */
  images?: ImageRun | undefined;
  /** Pages rendered so far, and when the first began (`performance.now()`), counted by the page middleware. */
  pages: { rendered: number; firstAt: number | undefined };
  /** The build's figures, once Astro is done. */
  stats?: BuildStats | undefined;
  /** Settles when the pages placed ahead of Astro are all in the staging folder (or failed to be). */
  placing?: Promise<Placement> | undefined;
  /** What `placing` placed, once Astro has waited for it: the pages to release before rendering them anew. */
  placement?: Placement | undefined;
  /** Every output file Astro generated or reused this build (absolute paths), once it is done. */
  produced?: string[] | undefined;
}

const slot = Symbol.for('referral-kit.build-handoff');

function current(): BuildHandoff | undefined {
  return (globalThis as Record<symbol, BuildHandoff | undefined>)[slot];
}

/** Starts a handoff (the CLI, before loading Astro). */
export function openHandoff(handoff: Omit<BuildHandoff, 'pages' | 'stats' | 'produced' | 'placement'>): BuildHandoff {
  if (current()) throw new Error('another build is already handing off to Astro in this process');
  const opened: BuildHandoff = { ...handoff, contentDir: resolve(handoff.contentDir), pages: { rendered: 0, firstAt: undefined } };
  (globalThis as Record<symbol, BuildHandoff | undefined>)[slot] = opened;
  return opened;
}

/** Ends the handoff (the CLI, when Astro is done or has failed) and returns it. */
export function closeHandoff(): BuildHandoff | undefined {
  const handoff = current();
  delete (globalThis as Record<symbol, BuildHandoff | undefined>)[slot];
  return handoff;
}

/** The kit folder being built: the CLI's, else `REFERRAL_KIT_CONTENT`, else ./content. */
export function contentDir(root: string = process.cwd()): string {
  return current()?.contentDir ?? resolve(root, process.env[contentDirVariable] || 'content');
}

/** Whether the kit's findings were printed already, by the command that started Astro. */
export function findingsShown(): boolean {
  return current()?.findingsShown ?? false;
}

/** The kit in `dir`: the CLI's reading of it when it handed one over, else read now. */
export async function readKit(dir: string): Promise<LoadResult> {
  const reading = current()?.reading;
  if (reading?.content?.contentDir === resolve(dir)) return reading;
  return loadKit(dir);
}

/** Whether this build may use its caches: the CLI's `--no-cache`, else `REFERRAL_KIT_CACHE`. */
export function cachesOn(root: string): boolean {
  return current()?.caches ?? imageOptions(root).cache;
}

/** The images the CLI started for the kit in `dir`, if it did: once, to the one build that finishes them. */
export function takeImages(dir: string): ImageRun | undefined {
  const handoff = current();
  if (!handoff?.images || handoff.contentDir !== resolve(dir)) return undefined;
  const { images } = handoff;
  handoff.images = undefined;
  return images;
}

/** Called as each page starts rendering (the page middleware). Nothing to count outside a CLI build. */
export function pageRendering(): void {
  const pages = current()?.pages;
  if (pages) pages.firstAt ??= performance.now();
}

/** Called when a page has rendered (the page middleware). */
export function pageRendered(): void {
  const pages = current()?.pages;
  if (pages) pages.rendered++;
}

/** Seconds since the first page began rendering; 0 when none did. */
export function pageSeconds(): number {
  const firstAt = current()?.pages.firstAt;
  return firstAt === undefined ? 0 : (performance.now() - firstAt) / 1000;
}

/** Pages rendered so far by the build handing off (0 without one). */
export function pagesRendered(): number {
  return current()?.pages.rendered ?? 0;
}

/** The integration, when the build is done. */
export function recordBuildStats(stats: Omit<BuildStats, 'pagesRendered'>): void {
  const handoff = current();
  if (handoff) handoff.stats = { ...stats, pagesRendered: handoff.pages.rendered };
}

/** What Astro must wait for before it generates pages: the pages being placed ahead of it. */
export async function pagesPlaced(): Promise<void> {
  const handoff = current();
  if (handoff?.placing) handoff.placement = await handoff.placing;
}

/**
 * Called as a page starts rendering (the page middleware), with its address: a page placed from
 * the cache is released first, so that Astro writes new files.
 */
export function releasePlaced(pathname: string): void {
  const handoff = current();
  // Astro rendering before the placed pages were waited for would write through their links.
  if (handoff?.placing && !handoff.placement) throw new Error('a page rendered before the pages placed from the cache were in; nothing was written through them');
  if (handoff?.placement?.files.size) releasePlacedPage(handoff.placement, pathname);
}

/** The integration, when the build is done: every output file Astro generated or reused. */
export function recordProducedFiles(files: string[]): void {
  const handoff = current();
  if (handoff) handoff.produced = files;
}

/** Environment variables that steer image rendering, for a user or the benchmark. */
export const imageEnvironment = {
  /** `off` renders every image anew and leaves the cache alone (and turns the other caches off: src/kit/cache-files.ts). */
  cache: cacheVariable,
  /** Worker processes for images; `0` renders in the build's own process. */
  workers: 'REFERRAL_KIT_IMAGE_WORKERS',
  /** The old name of `workers`, still understood. */
  workersOldName: 'REFERRAL_KIT_IMAGE_THREADS',
} as const;

/** How to render images in a project, as the environment asks. */
export function imageOptions(root: string): WriteOptions {
  const name = process.env[imageEnvironment.workers] !== undefined ? imageEnvironment.workers : imageEnvironment.workersOldName;
  const workers = process.env[name];
  if (workers !== undefined && workers !== '' && !/^\d+$/.test(workers)) {
    throw new Error(`${name} must be a number of worker processes (0 for none), not "${workers}"`);
  }
  return { root, cache: process.env[imageEnvironment.cache] !== 'off', ...(workers ? { workers: Number(workers) } : {}) };
}
