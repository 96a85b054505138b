/**
 * Figures about the last build, for `referral-kit build` to print. Astro loads the integration
 * through its own module loader, so the figures travel on the global object, not in a module.
 */
import type { ImageStats, WriteOptions } from '../images/write.ts';

export interface BuildStats {
  /** Time Astro spent generating HTML pages. */
  pageSeconds: number;
  images: ImageStats;
}

const slot = Symbol.for('referral-kit.build-stats');
const firstPage = Symbol.for('referral-kit.first-page');

/**
 * Called by every page as it renders: the first call marks the start of page generation.
 * (Astro has no hook there for static builds; pages render in the build's own process.)
 */
export function markPageRender(): void {
  const global = globalThis as Record<symbol, unknown>;
  global[firstPage] ??= performance.now();
  global[pageCount] = ((global[pageCount] as number | undefined) ?? 0) + 1;
}

const pageCount = Symbol.for('referral-kit.pages-rendered');

/** Pages rendered in this process so far, by every build it ran (a build counts from its start). */
export function pagesRendered(): number {
  return ((globalThis as Record<symbol, unknown>)[pageCount] as number | undefined) ?? 0;
}

/** Seconds since the first page rendered, and a fresh start for the next build. */
export function takePageSeconds(): number {
  const start = (globalThis as Record<symbol, unknown>)[firstPage] as number | undefined;
  delete (globalThis as Record<symbol, unknown>)[firstPage];
  return start === undefined ? 0 : (performance.now() - start) / 1000;
}

export function recordBuildStats(stats: BuildStats): void {
  (globalThis as Record<symbol, unknown>)[slot] = stats;
}

/** The figures of the build that just ran in this process, once; undefined if none did. */
export function takeBuildStats(): BuildStats | undefined {
  const stats = (globalThis as Record<symbol, unknown>)[slot] as BuildStats | undefined;
  delete (globalThis as Record<symbol, unknown>)[slot];
  return stats;
}

/** Environment variables that steer image rendering: set by the CLI, the benchmark, or a user. */
export const imageEnvironment = {
  /** `off` renders every image anew and leaves the cache alone. */
  cache: 'REFERRAL_KIT_CACHE',
  /** Worker processes for images; `0` renders in the build's own process. */
  threads: 'REFERRAL_KIT_IMAGE_THREADS',
} as const;

/** How to render images in a project, as the environment asks. */
export function imageOptions(root: string): WriteOptions {
  const threads = process.env[imageEnvironment.threads];
  if (threads !== undefined && threads !== '' && !/^\d+$/.test(threads)) {
    throw new Error(`${imageEnvironment.threads} must be a number of worker processes (0 for none), not "${threads}"`);
  }
  return { root, cache: process.env[imageEnvironment.cache] !== 'off', ...(threads ? { threads: Number(threads) } : {}) };
}
