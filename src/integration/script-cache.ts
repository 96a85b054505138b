/**
 * Scripts compiled once: a build keeps each script's compiled module (what @astrojs/mdx's
 * transform returns: its code, source map and Astro's notes on it) and the next build takes it
 * back instead of compiling the MDX again. Vite keeps nothing between builds, so every build
 * compiled every script: 46 of them, 0.3 s of the example kit's rebuild after one was edited.
 *
 * An entry is keyed by the sha-256 of everything that shapes it: the file's text and path, the
 * project folder, whether source maps are on, the installed packages (npm's record of them), and
 * the code that sets the compiler up (astro.config.mjs, and every file of ours the MDX plugins in
 * src/mdx/ run). A change to any of these compiles anew. One JSON file per entry under the
 * project's cache; a file unused for 30 days is removed when a build ends. A cache that cannot be
 * read or written is no cache, never an error.
 *
 * It works by wrapping the transform of the plugin @astrojs/mdx adds (`@mdx-js/rolldown`), when
 * Vite has resolved its config; `wrapScriptCompiler` does the wrapping and the caching, with no
 * Vite of its own, for the tests.
 */
import { createHash } from 'node:crypto';
import { readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { removeUnusedFiles, writeOwnerFile } from '../kit/cache-files.ts';
import { sourceFilesRunBy } from '../kit/source-files.ts';

/** The name of the plugin @astrojs/mdx adds for `.mdx` files (node_modules/@astrojs/mdx/dist/vite-plugin-mdx.js). */
export const mdxPluginName = '@mdx-js/rolldown';

/** What the MDX transform returns, kept as JSON. */
interface CompiledScript {
  code: string;
  map: string | null;
  meta: unknown;
}

/** Counts of one build, for its figures. */
export interface ScriptCompilerStats {
  compiled: number;
  fromCache: number;
}

type Transform = (this: unknown, code: string, id: string, ...rest: unknown[]) => unknown;
interface TransformHook {
  filter?: unknown;
  handler: Transform;
}

const wrapped = new WeakSet<object>();

const isCompiled = (value: unknown): value is CompiledScript =>
  typeof value === 'object' && value !== null && typeof (value as CompiledScript).code === 'string' && ((value as CompiledScript).map === null || typeof (value as CompiledScript).map === 'string');

/**
 * Wraps `plugin`'s transform (an `{ filter, handler }` hook) so that each result is kept in `dir`
 * under a key of the code, the id and `settings`, and taken from there when it is asked for again;
 * without `dir` (`--no-cache`), it only counts.
 * Returns false when the plugin has no such hook (a new @astrojs/mdx, say): the build then
 * compiles every script, as it did before.
 */
export function wrapScriptCompiler(plugin: { transform?: unknown }, dir: string | undefined, settings: string, stats: ScriptCompilerStats): boolean {
  const hook = plugin.transform as TransformHook | undefined;
  if (!hook || typeof hook !== 'object' || typeof hook.handler !== 'function') return false;
  if (wrapped.has(hook)) return true;
  const compile = hook.handler;
  const wrapper: TransformHook = {
    ...hook,
    async handler(code, id, ...rest) {
      if (dir === undefined) {
        stats.compiled++;
        return compile.call(this, code, id, ...rest);
      }
      const key = createHash('sha256').update(settings).update('\0').update(id).update('\0').update(code).digest('hex');
      const file = join(dir, `${key}.json`);
      let kept: unknown;
      try {
        kept = JSON.parse(readFileSync(file, 'utf8'));
      } catch {}
      if (isCompiled(kept)) {
        stats.fromCache++;
        try {
          // Its time says it is still in use.
          utimesSync(file, new Date(), new Date());
        } catch {}
        return kept;
      }
      const result = await compile.call(this, code, id, ...rest);
      stats.compiled++;
      if (isCompiled(result)) {
        try {
          writeOwnerFile(file, JSON.stringify({ code: result.code, map: result.map, meta: result.meta }));
        } catch {}
      }
      return result;
    },
  };
  wrapped.add(wrapper);
  plugin.transform = wrapper;
  return true;
}

/**
 * The installed packages (each package manager's record of them) and the code that sets the MDX
 * compiler up: astro.config.mjs and every file of ours src/mdx/script-plugins.ts runs. A file that
 * is not there counts as empty.
 */
function compilerInputs(root: string): string {
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  const lockfiles = ['node_modules/.package-lock.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock'];
  let plugins: string[] = [];
  try {
    plugins = sourceFilesRunBy([join(root, 'src', 'mdx', 'script-plugins.ts')]);
  } catch {}
  return [
    ...lockfiles.map((name) => read(join(root, name))),
    read(join(root, 'astro.config.mjs')),
    ...plugins.map((file) => `${file.slice(root.length)}\0${read(file)}`),
    process.env['ASTRO_PERFORMANCE_BENCHMARK'] ?? '',
  ].join('\0');
}

/** The Vite plugin: wraps @astrojs/mdx's compiler once Vite has resolved its config, and tidies the cache (`dir`, none with `--no-cache`) when the build ends. */
export function scriptCachePlugin(root: string, dir: string | undefined, stats: ScriptCompilerStats): Plugin {
  const inputs = createHash('sha256').update(compilerInputs(root)).digest('hex');
  return {
    name: 'referral-kit:script-cache',
    apply: 'build',
    configResolved(resolved) {
      const mdx = resolved.plugins.find((plugin) => plugin.name === mdxPluginName);
      if (mdx) wrapScriptCompiler(mdx, dir, `${inputs}\0${resolved.root}\0${Boolean(resolved.build.sourcemap)}`, stats);
    },
    buildEnd() {
      if (dir !== undefined) removeUnusedFiles(dir);
    },
  };
}
