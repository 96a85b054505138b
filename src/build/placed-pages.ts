/**
 * Pages put into the staging folder from the page cache before Astro generates any, so that
 * Astro finds them there and skips its own copy (node_modules/astro/dist/core/build/generate.js:
 * a page it may reuse is restored only when the output file is missing). Astro restores pages
 * one after another while it generates; placed here, the copies run while Astro is still loading
 * its config and bundling, which is mostly one core's work and leaves the disk idle.
 *
 * Why the site stays exactly what Astro alone would make:
 * - only copies the page-cache check found sound, and only the pages Astro's manifest lists, are
 *   placed: the same bytes Astro would restore;
 * - they are copies, never links: a page Astro renders again (its key or code changed) is
 *   written over in place with its new content, and the cache's copy is not touched;
 * - Astro does not empty the staging folder (the build starts it empty and tells Astro not to),
 *   and every placement is finished before Astro generates its first page (the integration
 *   waits for `placing` in a Vite `buildApp` hook that runs after bundling);
 * - a placed page Astro did not produce this time (a partner removed, a token changed) is
 *   removed after the build (`unclaimedPages`), before the site is swapped in.
 */
import { copyFile, mkdir, rm, rmdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import pLimit from 'p-limit';
import type { CheckedCopies } from './page-cache.ts';

/** Copies at once: enough to keep the disk busy, few enough to leave the thread pool to Astro. */
const placeConcurrency = 4;

/** The pages to place (paths under the output folder): those Astro may reuse whose stored copy was checked sound. Sorted. */
export function pagesToPlace(reusable: readonly string[], checked: CheckedCopies): string[] {
  return [...new Set(reusable.filter((file) => checked.has(file)))].sort();
}

/**
 * Copies each page from the cache's copies folder into `outDir`, folders first, a few at a time.
 * Refuses to write over a file already there (COPYFILE_EXCL): nothing else writes to the fresh
 * staging folder before Astro generates, so one there would be a mistake to stop at.
 */
export async function placePages(copiesDir: string, files: readonly string[], outDir: string): Promise<string[]> {
  const limit = pLimit(placeConcurrency);
  const folders = new Map<string, Promise<unknown>>();
  const folder = (dir: string) => {
    let made = folders.get(dir);
    if (!made) {
      made = mkdir(dir, { recursive: true });
      folders.set(dir, made);
    }
    return made;
  };
  await Promise.all(
    files.map((file) =>
      limit(async () => {
        const target = join(outDir, file);
        await folder(dirname(target));
        await copyFile(join(copiesDir, file), target, constants.COPYFILE_EXCL);
      }),
    ),
  );
  return [...files];
}

/** Placed pages (under `outDir`) that are not among the files Astro produced (absolute paths). */
export function unclaimedPages(outDir: string, placed: readonly string[], produced: Iterable<string>): string[] {
  const claimed = new Set([...produced].map((file) => resolve(file)));
  return placed.filter((file) => !claimed.has(resolve(outDir, file)));
}

/**
 * Removes the placed pages Astro did not produce, and the folders that leaves empty (a folder
 * left behind would get a placeholder page, and the site would not be the one a fresh build
 * makes); returns the pages removed.
 */
export async function removeUnclaimed(outDir: string, placed: readonly string[], produced: Iterable<string>): Promise<string[]> {
  const stale = unclaimedPages(outDir, placed, produced);
  const top = resolve(outDir);
  for (const file of stale) {
    await rm(join(top, file), { force: true });
    // Bounded: one step up per folder in the page's path, stopping at the first that is not empty.
    for (let dir = dirname(join(top, file)); dir.startsWith(`${top}${sep}`); dir = dirname(dir)) {
      const removed = await rmdir(dir).then(
        () => true,
        () => false,
      );
      if (!removed) break;
    }
  }
  return stale;
}
