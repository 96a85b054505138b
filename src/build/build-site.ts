/**
 * Builds a kit folder into a static site. The content is checked first; the site is built into
 * a staging folder next to the output and swapped in only when complete, so a failed build
 * leaves the previous output exactly as it was.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasErrors, type Diagnostic } from '../kit/diagnostics.ts';
import { loadKit } from '../kit/load.ts';
import { contentDirVariable, shareReading, takeSharedImages } from '../integration/content-dir.ts';
import { checkedVariable } from '../integration/index.ts';
import { imageEnvironment, imageOptions, takeBuildStats, type BuildStats } from '../integration/build-stats.ts';
import { startImages, type ImageRun } from '../images/write.ts';
import { withLock } from './lock.ts';

/** The folder holding astro.config.mjs and src/. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Where Astro runs during a build; its prerender chunks land in a `.astro/` folder here. */
const astroWorkingFolder = join(projectRoot, 'node_modules', '.cache', 'referral-kit', 'astro');

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  /** Render every image anew, leaving the image cache alone. */
  noCache?: boolean;
  /** Tell the user what is happening (waiting for another build…). */
  log?: (message: string) => void;
}

export type BuildResult =
  | { ok: true; diagnostics: Diagnostic[]; pages: number; partners: number; seconds: number; stats?: BuildStats | undefined }
  | { ok: false; diagnostics: Diagnostic[]; reason: string };

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Refuses output folders whose replacement would lose the owner's files. */
async function unsafeOutputReason(outDir: string, contentDir: string): Promise<string | undefined> {
  if (isInside(contentDir, outDir)) return `${outDir} holds your content folder; choose another --out`;
  if (isInside(projectRoot, outDir)) return `${outDir} holds the project itself; choose another --out, like dist`;
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

/** Runs `work` with some environment variables set (the integration reads them), then puts them back. */
async function withEnvironment<T>(variables: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(variables);
  try {
    return await work();
  } finally {
    apply(saved);
  }
}

async function countPages(dir: string): Promise<number> {
  let pages = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) pages++;
  }
  return pages;
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

  const lockDir = join(projectRoot, 'node_modules', '.cache', 'referral-kit', 'build.lock');
  return withLock(lockDir, () => log('Waiting for another build of this project to finish…'), async () => {
    const suffix = `${process.pid}-${Date.now().toString(36)}`;
    const staging = join(dirname(outDir), `.${basename(outDir)}.building-${suffix}`);
    const previous = join(dirname(outDir), `.${basename(outDir)}.previous-${suffix}`);
    const environment: Record<string, string | undefined> = {
      [contentDirVariable]: contentDir,
      [checkedVariable]: '1',
      ...(options.noCache ? { [imageEnvironment.cache]: 'off' } : {}),
    };
    let images: ImageRun | undefined;
    try {
      await withEnvironment(environment, async () => {
        // Images start before Astro loads (seconds, for a large kit); the integration finishes them.
        images = startImages(content, imageOptions(projectRoot));
        shareReading({ content, diagnostics }, images);
        const { build } = await import('astro');
        // Astro writes its prerender chunks under the working folder when the output is outside
        // it (a `.astro/` folder in the owner's kit), and those chunks import packages by name, so
        // they must sit inside the project to find node_modules. Astro compares the two as
        // strings, so the project folder itself would not do: /tmp/fh "holds" /tmp/fhwork/site.
        // A folder of our own inside the project holds no output. Paths above are absolute.
        const workingFolder = process.cwd();
        await mkdir(astroWorkingFolder, { recursive: true });
        process.chdir(astroWorkingFolder);
        try {
          await build({ root: projectRoot, outDir: staging, logLevel: 'error', mode: 'production' });
        } finally {
          process.chdir(workingFolder);
        }
      }).finally(async () => {
        // Images Astro never asked for (it stopped before its integrations ran) are stopped too.
        const untaken = takeSharedImages(contentDir);
        shareReading(undefined);
        await untaken?.cancel();
      });
      if (existsSync(outDir)) await rename(outDir, previous);
      await rename(staging, outDir);
      await rm(previous, { recursive: true, force: true });
    } catch (error) {
      // Without this the workers would draw every image before the process could end.
      await images?.cancel();
      // Tidying up must not hide the failure that got us here.
      await rm(staging, { recursive: true, force: true }).catch(() => {});
      if (!existsSync(outDir) && existsSync(previous)) await rename(previous, outDir);
      return { ok: false, diagnostics, reason: `the site build failed: ${(error as Error).message}` };
    }
    return {
      ok: true,
      diagnostics,
      pages: await countPages(outDir),
      partners: content.partners.length,
      seconds: (performance.now() - started) / 1000,
      stats: takeBuildStats(),
    };
  });
}
