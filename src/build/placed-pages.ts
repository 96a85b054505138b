/**
 * Pages put into the staging folder from the page cache before Astro generates any, so that
 * Astro finds them there and skips its own copy (node_modules/astro/dist/core/build/generate.js:
 * a page it may reuse is restored only when the output file is missing). Astro restores pages
 * one after another while it generates; placed here, they go in while Astro is still loading
 * its config and bundling, which is mostly one core's work and leaves the disk idle.
 *
 * Each page goes in as a hard link to its stored copy (a copy where the two cannot share a file:
 * another file system, say). On this project's machine a link costs the kernel a twentieth of
 * what writing a 20 KB page does, and a warm rebuild of 1,000 partners places 4,000 of them.
 *
 * Why the site stays exactly what Astro alone would make, and no earlier site changes:
 * - only copies the page-cache check found sound, and only the pages Astro's manifest lists, are
 *   placed: the same bytes Astro would restore;
 * - Astro writes a page it renders anew in place, twice (the page, then its stored copy), which
 *   through a link would change the stored copy and the site published from it. So before Astro
 *   renders a page, the page middleware releases it (`releasePlacedPage`): the placed link and
 *   the stored copy are unlinked, and Astro's two writes make new files. The published site
 *   keeps the file it had, whatever this build does;
 * - Astro does not empty the staging folder (the build starts it empty and tells Astro not to),
 *   and every placement is finished before Astro generates its first page (the integration
 *   waits for `placing` in a Vite `buildApp` hook that runs after bundling);
 * - a placed page Astro did not produce this time (a partner removed, a token changed) is
 *   removed after the build (`unclaimedPages`), before the site is swapped in.
 * Nothing else writes a page in place: placeholders are new files in folders without a page.
 * Someone editing a published page in place edits its stored copy too; the page-cache check
 * finds the copy changed before the next build and every page is rendered anew.
 */
import { rmSync } from 'node:fs';
import { rm, rmdir } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { linkFiles } from '../kit/link-files.ts';
import type { CheckedCopies } from './page-cache.ts';

/** The pages to place (paths under the output folder): those Astro may reuse whose stored copy was checked sound. Sorted. */
export function pagesToPlace(reusable: readonly string[], checked: CheckedCopies): string[] {
  return [...new Set(reusable.filter((file) => checked.has(file)))].sort();
}

/**
 * Links each page from the cache's copies folder into `outDir` (src/kit/link-files.ts: in a
 * worker thread, never over a file already there), and returns them.
 */
export async function placePages(copiesDir: string, files: readonly string[], outDir: string): Promise<string[]> {
  await linkFiles(files.map((file) => ({ from: join(copiesDir, file), to: join(outDir, file) })));
  return [...files];
}

/** Where the pages of one build were placed from and to, and which are still placed as they were. */
export interface Placement {
  /** The staging folder. */
  outDir: string;
  /** The page cache's folder of stored copies. */
  copiesDir: string;
  /** The site's base folder (`/` or `/team/`), which page addresses start with and output paths do not. */
  base: string;
  /** Pages placed (paths under both folders, as Astro's manifest writes them) not yet released. */
  files: Set<string>;
}

/**
 * The output files a page's address may have been written to (paths under the output folder):
 * `/for/jane/` is `for/jane/index.html`, and with another build format or as a status page
 * (`/404/`) `for/jane.html`. `base`
 * is the site's base folder, which the output folder does not have.
 */
export function outputFilesOf(pathname: string, base: string): string[] {
  const folder = base.endsWith('/') ? base : `${base}/`;
  const inSite = pathname.startsWith(folder) ? pathname.slice(folder.length) : pathname === folder.slice(0, -1) ? '' : pathname.replace(/^\/+/, '');
  // Astro writes a status page (`/404/`) as `404.html` whatever the format, and others as folders.
  if (inSite === '') return ['index.html'];
  const bare = inSite.replace(/\/$/, '');
  return inSite.endsWith('/') ? [`${inSite}index.html`, `${bare}.html`] : [`${bare}/index.html`, `${bare}.html`, bare];
}

/**
 * Before Astro renders the page at `pathname` anew: unlinks its placed file and its stored copy,
 * so that Astro writes both as new files rather than into the ones the published site shares.
 * Does nothing for a page that was not placed. Synchronous, so it is done before Astro writes.
 */
export function releasePlacedPage(placement: Placement, pathname: string): void {
  for (const file of outputFilesOf(pathname, placement.base)) {
    if (!placement.files.delete(file)) continue;
    rmSync(join(placement.outDir, file), { force: true });
    rmSync(join(placement.copiesDir, file), { force: true });
  }
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
