/**
 * Scripts compiled once (src/integration/script-cache.ts): the wrapped compiler keeps each result
 * and gives it back for the same text, path and settings, compiles anew when any of them differs
 * or the kept file is damaged, and only counts with `--no-cache`. Then a
 * real build: the second build of a kit compiles none of its scripts, and its pages, all rendered
 * from the kept scripts, are byte for byte those of a build without caches.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../src/build/build-site.ts';
import { pageCacheDir } from '../src/build/page-cache.ts';
import { projectRoot } from '../src/build/project-root.ts';
import { realPathOf } from '../src/kit/real-path.ts';
import { wrapScriptCompiler, type ScriptCompilerStats } from '../src/integration/script-cache.ts';
import { copyFixture, tempDir } from './helpers/fixtures.ts';

/** A stand-in for @astrojs/mdx's plugin: its transform says what it compiled, and how many times it ran. */
function compilerPlugin() {
  const calls: string[] = [];
  const plugin = {
    name: '@mdx-js/rolldown',
    transform: {
      filter: { id: /\.mdx$/ },
      async handler(code: string, id: string) {
        calls.push(id);
        return { code: `compiled(${JSON.stringify(code)})`, map: null, meta: { astro: { hydratedComponents: [], id } } };
      },
    },
  };
  const compile = (code: string, id: string) => (plugin.transform.handler as (code: string, id: string) => Promise<unknown>).call({}, code, id);
  return { plugin, calls, compile };
}

const counts = (): ScriptCompilerStats => ({ compiled: 0, fromCache: 0 });

describe('the script compiler, wrapped', () => {
  it('compiles a script once, and gives back what it kept for the same text, path and settings', async () => {
    const dir = join(tempDir('scripts'), 'cache');
    const { plugin, calls, compile } = compilerPlugin();
    const stats = counts();
    expect(wrapScriptCompiler(plugin, dir, 'settings', stats)).toBe(true);
    const first = await compile('Hello {partner.first_name}', '/kit/scripts/a.mdx');
    expect(await compile('Hello {partner.first_name}', '/kit/scripts/a.mdx')).toEqual(first);
    expect(calls).toEqual(['/kit/scripts/a.mdx']);
    expect(stats).toEqual({ compiled: 1, fromCache: 1 });
    // The filter stays, so Vite still sends it only scripts.
    expect(plugin.transform.filter).toEqual({ id: /\.mdx$/ });
    const [kept] = readdirSync(dir);
    expect(statSync(join(dir, kept!)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('compiles anew when the text, the path or the settings differ, or the kept file is damaged', async () => {
    const dir = join(tempDir('scripts'), 'cache');
    const { plugin, calls, compile } = compilerPlugin();
    wrapScriptCompiler(plugin, dir, 'settings', counts());
    await compile('Hello', '/kit/scripts/a.mdx');
    await compile('Hello!', '/kit/scripts/a.mdx');
    await compile('Hello', '/kit/scripts/b.mdx');
    const other = compilerPlugin();
    wrapScriptCompiler(other.plugin, dir, 'other settings', counts());
    await other.compile('Hello', '/kit/scripts/a.mdx');
    expect(calls).toHaveLength(3);
    expect(other.calls).toHaveLength(1);
    for (const name of readdirSync(dir)) writeFileSync(join(dir, name), '{"code": 1');
    await compile('Hello', '/kit/scripts/a.mdx');
    expect(calls).toHaveLength(4);
  });

  it('only counts without a cache folder (--no-cache)', async () => {
    const { plugin, calls, compile } = compilerPlugin();
    const stats = counts();
    wrapScriptCompiler(plugin, undefined, 'settings', stats);
    await compile('Hello', '/kit/scripts/a.mdx');
    await compile('Hello', '/kit/scripts/a.mdx');
    expect(calls).toHaveLength(2);
    expect(stats).toEqual({ compiled: 2, fromCache: 0 });
  });

  it('leaves a plugin without a transform as it is', () => {
    expect(wrapScriptCompiler({}, tempDir('scripts'), 'settings', counts())).toBe(false);
  });
});

/** Every file of a built site, by path, with its bytes. */
function siteFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name).slice(dir.length), readFileSync(join(entry.parentPath, entry.name)).toString('base64'));
  }
  return files;
}

describe('a build', () => {
  it('compiles no script the previous build compiled, and renders the same pages from them', async () => {
    const content = copyFixture('basic');
    const scripts = readdirSync(join(content, 'scripts')).filter((name) => name.endsWith('.mdx')).length;
    const out = join(tempDir('scripts-site'), 'dist');
    const first = await buildSite({ contentDir: content, outDir: out });
    expect(first.ok && first.stats?.scripts.compiled).toBe(scripts);
    // Without its pages, so that every page renders, from the scripts kept.
    rmSync(pageCacheDir(projectRoot, await realPathOf(content)), { recursive: true, force: true });
    const second = await buildSite({ contentDir: content, outDir: out });
    expect(second.ok && second.stats?.scripts).toEqual({ compiled: 0, fromCache: scripts });
    expect(second.ok && second.stats?.pagesRendered).toBe(second.ok && second.pages);
    const fresh = join(tempDir('scripts-site'), 'dist');
    const uncached = await buildSite({ contentDir: content, outDir: fresh, noCache: true });
    expect(uncached.ok && uncached.stats?.scripts).toEqual({ compiled: scripts, fromCache: 0 });
    expect(siteFiles(out)).toEqual(siteFiles(fresh));
  });
});
