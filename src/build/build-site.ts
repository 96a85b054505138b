/**
 * Builds a kit folder into a static site. The content is checked first; the site is built into
 * a staging folder next to the output and swapped in only when complete, so a failed build
 * leaves the previous output exactly as it was.
 */
import { existsSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasErrors, type Diagnostic } from '../kit/diagnostics.ts';
import { loadKit } from '../kit/load.ts';
import { contentDirVariable } from '../integration/content-dir.ts';
import { checkedVariable } from '../integration/index.ts';
import { withLock } from './lock.ts';

/** The folder holding astro.config.mjs and src/. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  /** Tell the user what is happening (waiting for another build…). */
  log?: (message: string) => void;
}

export type BuildResult =
  | { ok: true; diagnostics: Diagnostic[]; pages: number; partners: number; seconds: number }
  | { ok: false; diagnostics: Diagnostic[]; reason: string };

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Refuses output folders whose replacement would lose the owner's files. */
async function unsafeOutputReason(outDir: string, contentDir: string): Promise<string | undefined> {
  if (isInside(contentDir, outDir)) return `${outDir} holds your content folder; choose another --out`;
  if (isInside(projectRoot, outDir)) return `${outDir} holds the project itself; choose another --out, like dist`;
  if (!existsSync(outDir)) return undefined;
  if (!(await stat(outDir)).isDirectory()) return `${outDir} is a file, not a folder`;
  const entries = await readdir(outDir);
  if (entries.length && !entries.includes('index.html')) {
    return `${outDir} is not empty and does not look like a previous build (no index.html); choose another --out or empty it`;
  }
  return undefined;
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
    const savedEnv = { content: process.env[contentDirVariable], checked: process.env[checkedVariable] };
    process.env[contentDirVariable] = contentDir;
    process.env[checkedVariable] = '1';
    try {
      const { build } = await import('astro');
      await build({ root: projectRoot, outDir: staging, logLevel: 'error', mode: 'production' });
      if (existsSync(outDir)) await rename(outDir, previous);
      await rename(staging, outDir);
      await rm(previous, { recursive: true, force: true });
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      if (!existsSync(outDir) && existsSync(previous)) await rename(previous, outDir);
      return { ok: false, diagnostics, reason: `the site build failed: ${(error as Error).message}` };
    } finally {
      for (const [name, value] of [[contentDirVariable, savedEnv.content], [checkedVariable, savedEnv.checked]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    return {
      ok: true,
      diagnostics,
      pages: await countPages(outDir),
      partners: content.partners.length,
      seconds: (performance.now() - started) / 1000,
    };
  });
}
