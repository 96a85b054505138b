/**
 * Files put into a new site folder from a cache (stored pages, image entries): each as a hard
 * link to the cached file, or a copy where the two cannot share one (another file system, say).
 * Neither way writes over a file already there (a link never does; the copy is COPYFILE_EXCL):
 * the site folder is new, and nothing else puts these files in it, so one there is a mistake to
 * stop at.
 */
import { constants, copyFileSync, linkSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { inThread } from './in-thread.ts';

export interface FileLink {
  /** The cached file. */
  from: string;
  /** Where it goes in the site. */
  to: string;
}

/** Puts the files in place one synchronous call after another, making the folders they need. */
export function linkFilesNow(links: readonly FileLink[]): void {
  const made = new Set<string>();
  for (const { from, to } of links) {
    const folder = dirname(to);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    try {
      linkSync(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
      copyFileSync(from, to, constants.COPYFILE_EXCL);
    }
  }
}

/**
 * Puts the files in place (`linkFilesNow`) in a worker thread. A rebuild of 1,000 partners links
 * 4,000 pages and 3,200 images: through the thread pool those calls cost this thread most of a
 * second while it loaded and ran Astro (measured); the worker makes them on the other core.
 */
export async function linkFiles(links: readonly FileLink[]): Promise<void> {
  // Rejects with the worker's error (EEXIST, a full disk…) if it throws.
  if (links.length) await inThread<null>(new URL('./link-files-worker.ts', import.meta.url), links);
}
