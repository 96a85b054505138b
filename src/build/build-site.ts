/**
 * Builds a kit folder into a static site. The content is checked first; the site is built into
 * a staging folder next to the output and swapped in only when complete, so a failed build
 * leaves the previous output exactly as it was.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { chmod, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayPath, hasErrors, type Diagnostic } from '../kit/diagnostics.ts';
import { typeScriptFlags } from '../kit/node-flags.ts';
import { lowerProcess } from '../kit/priority.ts';
import { isInside, realPathOf } from '../kit/real-path.ts';
import { loadKit } from '../kit/load.ts';
import { closeHandoff, imageOptions, openHandoff, type BuildHandoff, type BuildStats } from '../integration/build-handoff.ts';
import { startImages, type ImageRun } from '../images/write.ts';
import { isDiskProblem, writeProblem } from '../kit/write-problem.ts';
import { isRunning, withLock } from './lock.ts';
import { countPages, listSite, writePlaceholders } from './placeholders.ts';
import { checkPageCache, dropPageCache, pageCacheDir, pageCopiesDir, preparePageCache, recordPageCache, reusablePages, type CheckedCopies, type PageCacheState } from './page-cache.ts';
import { pagesToPlace, placePages, removeUnclaimed } from './placed-pages.ts';
import { projectCacheDir, projectRoot } from './project-root.ts';
import { turnOffAstroTelemetry } from './astro-telemetry.ts';
import { waitingSentence } from './build-daemon.ts';

/** Where Astro runs during a build; its prerender chunks land in a `.astro/` folder here. */
const astroWorkingFolder = join(projectCacheDir, 'astro');
/**
 * Where a build puts the site it replaced, for the next build to remove while Astro bundles.
 * Removing 4,000 page folders took a second or more of the kernel's time on this project's
 * machine, at the end of every rebuild, when nothing else was left to do. It holds kit pages, so
 * it is for the owner only, like the page cache beside it.
 */
const replacedSites = join(projectCacheDir, 'replaced');

/**
 * Tidies up after earlier builds (src/build/tidy-process.ts): removes the sites they replaced
 * (those there now, not one put there later) and trims Node's compile cache. In a process of its
 * own: through the thread pool, its thousands of calls queued ahead of Astro's own file reads
 * while it loaded its config, and the build waited half a second for them. Not a worker thread:
 * while one is inside a long call, `process.report.getReport()` waits for it, and resvg calls
 * that as it loads (to tell glibc from musl): a second of a 1,000-partner rebuild. Started by
 * rebuilds, which have a site to remove: a first build has nothing to tidy.
 */
async function tidyAfterEarlierBuilds(): Promise<void> {
  const names = await readdir(replacedSites).catch(() => [] as string[]);
  if (!names.length) return;
  // Without NODE_OPTIONS (a debugger's --inspect-brk would stop it, a relative --require fail it),
  // and in its own process group, so that Ctrl-C stops the build and not the removal.
  const { NODE_OPTIONS: _, ...env } = process.env;
  const tidyScript = fileURLToPath(new URL('./tidy-process.ts', import.meta.url));
  const tidying = spawn(process.execPath, [...typeScriptFlags, tidyScript, ...names.map((name) => join(replacedSites, name))], { stdio: 'ignore', env, detached: true });
  if (tidying.pid !== undefined) lowerProcess(tidying.pid);
  const [code] = (await once(tidying, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`could not remove the sites earlier builds replaced, in ${replacedSites}`);
}

/**
 * Moves the replaced site out of the owner's folder, for the next build to remove; where it
 * cannot be moved there (another disk), removes it now.
 */
async function setAside(previous: string): Promise<void> {
  try {
    await mkdir(replacedSites, { recursive: true, mode: 0o700 });
    // Also when it was made before, by hand or by an older version.
    await chmod(replacedSites, 0o700);
    await rename(previous, join(replacedSites, basename(previous)));
  } catch {
    await rm(previous, { recursive: true, force: true });
  }
}

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  /** Build every image, page and script anew, leaving their caches alone. */
  noCache?: boolean;
  /** Tell the user what is happening (waiting for another build…). */
  log?: (message: string) => void;
  /** Called a few times a second while the site builds, with how far it has come. */
  onProgress?: (progress: BuildProgress) => void;
}

export interface BuildProgress {
  /** Images drawn so far, of those to draw (the cache has the others). */
  imagesDrawn: number;
  imagesToDraw: number;
  /** Pages generated so far. */
  pages: number;
}

/** How often the build reports progress: often enough to look alive, rarely enough to cost nothing. */
const progressIntervalMs = 250;

export type BuildResult =
  | {
      ok: true;
      diagnostics: Diagnostic[];
      pages: number;
      partners: number;
      seconds: number;
      stats?: BuildStats | undefined;
      /** The page cache this build found: none yet, one to reuse, a damaged one (emptied), or `off` (--no-cache). */
      pageCache: PageCacheState | 'off';
      /** Pages linked (or copied) from the page cache into the site before Astro ran (src/build/placed-pages.ts), whether Astro then reused them or rendered them anew. */
      pagesPlaced: number;
    }
  | { ok: false; diagnostics: Diagnostic[]; reason: string };

/**
 * Refuses output folders whose replacement would lose the owner's files, compared by real path:
 * `content` may be a symbolic link into the output folder.
 */
async function unsafeOutputReason(outDir: string, contentDir: string): Promise<string | undefined> {
  const [realOut, realContent, realProject] = await Promise.all([realPathOf(outDir), realPathOf(contentDir), realPathOf(projectRoot)]);
  if (isInside(realContent, realOut)) return `${outDir} holds your content folder; choose another --out`;
  if (isInside(realProject, realOut)) return `${outDir} holds the project itself; choose another --out, like dist`;
  const publicDir = await realPathOf(join(projectRoot, 'public'));
  if (isInside(realContent, publicDir)) {
    return `your content folder is inside ${displayPath(publicDir)}, which is copied into the site as it is: partner files and the ledger would be published; move it out`;
  }
  if (!existsSync(outDir)) {
    // The build makes the missing folders; a file in the way would stop it half-way through.
    let above = dirname(outDir);
    while (!existsSync(above)) above = dirname(above);
    return (await stat(above)).isDirectory() ? undefined : `${above} is a file, so ${outDir} cannot be made`;
  }
  if (!(await stat(outDir)).isDirectory()) return `${outDir} is a file, not a folder`;
  const entries = await readdir(outDir);
  if (entries.length && !entries.includes('index.html')) {
    return `${outDir} is not empty and does not look like a previous build (no index.html); choose another --out or empty it`;
  }
  return undefined;
}

/** Writes and removes a small file in `dir`: throws ENOSPC, EROFS… when the disk cannot take a build. */
async function writeProbe(dir: string): Promise<void> {
  const probe = join(dir, `.referral-kit-probe-${process.pid}`);
  try {
    await writeFile(probe, Buffer.alloc(64 * 1024));
  } finally {
    await rm(probe, { force: true }).catch(() => {});
  }
}

/** Removes `dir`, and again if late writes bring it back, until it stays gone (about half a second). */
async function removeWhenSettled(dir: string): Promise<void> {
  for (let quiet = 0, round = 0; quiet < 5 && round < 50; round++) {
    if (existsSync(dir)) {
      quiet = 0;
      await rm(dir, { recursive: true, force: true }).catch(() => {});
    } else quiet++;
    await sleep(100);
  }
}

/** `.dist.building-<pid>-<time>` and `.dist.previous-<pid>-<time>`: the folders a build works in. */
function leftoverOf(outDir: string, name: string): { kind: 'building' | 'previous'; pid: number } | undefined {
  const prefix = `.${basename(outDir)}.`;
  if (!name.startsWith(prefix)) return undefined;
  const match = /^(building|previous)-(\d+)-[0-9a-z]+$/.exec(name.slice(prefix.length));
  return match ? { kind: match[1] as 'building' | 'previous', pid: Number(match[2]) } : undefined;
}

/**
 * What killed builds left next to the output: half-built staging folders (full kit pages, some
 * of revoked links) are removed; a build killed between its two renames left no output and the
 * last good site in `.previous-*`, which is put back first.
 */
export async function recoverLeftovers(outDir: string): Promise<void> {
  const parent = dirname(outDir);
  const names = await readdir(parent).catch(() => [] as string[]);
  const leftovers: { name: string; kind: 'building' | 'previous' }[] = [];
  for (const name of names) {
    const leftover = leftoverOf(outDir, name);
    if (leftover && !isRunning(leftover.pid)) leftovers.push({ name, kind: leftover.kind });
  }
  if (!existsSync(outDir)) {
    const latest = leftovers.filter((entry) => entry.kind === 'previous').sort((a, b) => statSync(join(parent, b.name)).mtimeMs - statSync(join(parent, a.name)).mtimeMs)[0];
    if (latest) {
      await rename(join(parent, latest.name), outDir);
      leftovers.splice(leftovers.indexOf(latest), 1);
    }
  }
  for (const { name } of leftovers) await rm(join(parent, name), { recursive: true, force: true });
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const contentDir = resolve(options.contentDir);
  const outDir = resolve(options.outDir);
  const log = options.log ?? (() => {});

  const { content, diagnostics } = await loadKit(contentDir);
  if (!content || hasErrors(diagnostics)) return { ok: false, diagnostics, reason: 'the content has errors' };
  const unsafe = await unsafeOutputReason(outDir, contentDir);
  if (unsafe) return { ok: false, diagnostics, reason: unsafe };

  const lockFile = join(projectCacheDir, 'build.lock');
  return withLock(
    lockFile,
    () => log(waitingSentence),
    async () => {
      // Under the lock no other build of this project runs: what a killed one left is safe to tidy.
      await recoverLeftovers(outDir);
      /** Removing the sites earlier builds set aside, while Astro loads and bundles; waited for before this build sets its own aside. */
      let removingReplaced: Promise<void> = Promise.resolve();
      const suffix = `${process.pid}-${Date.now().toString(36)}`;
      const staging = join(dirname(outDir), `.${basename(outDir)}.building-${suffix}`);
      const previous = join(dirname(outDir), `.${basename(outDir)}.previous-${suffix}`);
      const cannotWrite = (error: unknown) => ({ ok: false as const, diagnostics, reason: `cannot write to ${displayPath(outDir)}: ${writeProblem(error)}` });
      try {
        // A read-only or full disk is found here, in words, rather than as a bundler's panic.
        await mkdir(dirname(staging), { recursive: true });
        // Not recursive: a recursive mkdir reports a read-only disk as ENOENT.
        await mkdir(staging);
        await writeProbe(staging);
      } catch (error) {
        await rm(staging, { recursive: true, force: true }).catch(() => {});
        return cannotWrite(error);
      }
      const imageSettings = { ...imageOptions(projectRoot), ...(options.noCache ? { cache: false } : {}) };
      // Pages are reused from the previous build of this kit folder when the cache is on.
      const pageCache = imageSettings.cache ? pageCacheDir(projectRoot, await realPathOf(contentDir)) : undefined;
      let pageCacheState: PageCacheState | 'off' = 'off';
      const checkedCopies: CheckedCopies = new Map();
      if (pageCache) {
        pageCacheState = await checkPageCache(pageCache, checkedCopies);
        if (pageCacheState === 'damaged') log('The page cache was damaged, so every page is built anew this time.');
        await preparePageCache(pageCache);
      }
      // Started now, finished while Astro loads and bundles; Astro waits for it before generating.
      const copiesDir = pageCache ? pageCopiesDir(pageCache) : '';
      const placing = pageCache && pageCacheState === 'sound' ? placePages(copiesDir, pagesToPlace(reusablePages(pageCache), checkedCopies), staging) : Promise.resolve([]);
      // What the page middleware needs to release a placed page before Astro renders it anew.
      const placement = placing.then((files) => ({ outDir: staging, copiesDir, base: content.kit.site.base, files: new Set(files) }));
      // A failure is reported where it is awaited, after Astro; until then it must not count as unhandled.
      placing.catch(() => {});
      placement.catch(() => {});
      let placed: string[] = [];
      let images: ImageRun | undefined;
      let handoff: BuildHandoff | undefined;
      const report = options.onProgress;
      const ticker = report
        ? setInterval(() => {
            const drawing = images?.progress() ?? { drawn: 0, toDraw: 0 };
            report({ imagesDrawn: drawing.drawn, imagesToDraw: drawing.toDraw, pages: handoff?.pages.rendered ?? 0 });
          }, progressIntervalMs)
        : undefined;
      ticker?.unref();
      let pages: number;
      let stats: BuildStats | undefined;
      let produced: string[] | undefined;
      try {
        try {
          // Images start before Astro loads (seconds, for a large kit); the integration finishes them.
          images = startImages(content, imageSettings);
          // Astro is told not to empty the staging folder (it is new and empty), so cached images
          // can go in from now on, not only once Astro has loaded.
          images.deliverTo(staging);
          removingReplaced = tidyAfterEarlierBuilds();
          removingReplaced.catch(() => {});
          turnOffAstroTelemetry();
          const [{ build }, { kitCollections }] = await Promise.all([import('astro'), import('../integration/collections.ts')]);
          handoff = openHandoff({
            contentDir,
            findingsShown: true,
            reading: { content, diagnostics },
            caches: imageSettings.cache,
            images,
            placing: placement,
            collections: kitCollections(),
          });
          // Astro writes its prerender chunks under the working folder when the output is outside
          // it (a `.astro/` folder in the owner's kit), and those chunks import packages by name, so
          // they must sit inside the project to find node_modules. Astro compares the two as
          // strings, so the project folder itself would not do: /tmp/fh "holds" /tmp/fhwork/site.
          // A folder of our own inside the project holds no output. Paths above are absolute.
          const workingFolder = process.cwd();
          await mkdir(astroWorkingFolder, { recursive: true });
          process.chdir(astroWorkingFolder);
          try {
            await build({
              root: projectRoot,
              outDir: staging,
              logLevel: 'error',
              mode: 'production',
              // The staging folder is new: emptying it would only remove the pages and images
              // this build has started putting there.
              vite: { build: { emptyOutDir: false } },
              // Astro keeps its page cache (and its content store) in the kit's own folder of ours.
              ...(pageCache ? { cacheDir: pageCache } : { experimental: { incrementalBuild: false } }),
            });
          } finally {
            process.chdir(workingFolder);
          }
        } finally {
          // Images Astro never asked for (it stopped before its integrations ran) are stopped too.
          const closed = closeHandoff();
          stats = closed?.stats;
          produced = closed?.produced;
          await closed?.images?.cancel();
        }
        placed = await placing;
        if (placed.length) {
          // A page placed from the cache that Astro did not make this time must not be published.
          if (!produced) throw new Error('Astro did not say which pages it made');
          await removeUnclaimed(staging, placed, produced);
        }
        if (pageCache) await recordPageCache(pageCache, checkedCopies, (await placement).files);
        const listing = listSite(staging);
        pages = countPages(listing);
        await writePlaceholders(staging, listing);
        if (existsSync(outDir)) await rename(outDir, previous);
        await rename(staging, outDir);
        await removingReplaced.catch((error: unknown) =>
          log(`Could not remove the sites earlier builds replaced, in ${displayPath(replacedSites)} (${writeProblem(error)}); you can delete that folder.`),
        );
        if (existsSync(previous)) await setAside(previous);
      } catch (error) {
        // Without this the workers would draw every image before the process could end.
        await images?.cancel();
        // Copies still in flight would land in the staging folder after it is removed.
        await placing.catch(() => {});
        // Astro may have stopped between storing pages and writing its manifest.
        if (pageCache) await dropPageCache(pageCache).catch(() => {});
        // Tidying up must not hide the failure that got us here. Astro's writes still in flight
        // finish after its build has failed: wait for them, so no partial page is left behind.
        await removeWhenSettled(staging);
        if (!existsSync(outDir) && existsSync(previous)) await rename(previous, outDir);
        const probe = await writeProbe(dirname(outDir)).then(
          () => undefined,
          (problem: unknown) => problem,
        );
        if (isDiskProblem(error) || isDiskProblem(probe)) return cannotWrite(isDiskProblem(error) ? error : probe);
        return { ok: false, diagnostics, reason: `the site build failed: ${(error as Error).message}` };
      } finally {
        clearInterval(ticker);
        // Nothing of this build keeps running once it has returned.
        await removingReplaced.catch(() => {});
      }
      return {
        ok: true,
        diagnostics,
        pages,
        partners: content.partners.length,
        seconds: (performance.now() - started) / 1000,
        stats,
        pageCache: pageCacheState,
        pagesPlaced: placed.length,
      };
    },
  );
}
