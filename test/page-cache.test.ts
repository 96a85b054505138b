/**
 * Rebuilds that render only the pages whose inputs changed (src/build/page-cache.ts, the keys in
 * src/site/page-keys.ts), on real builds of a copy of the basic fixture. Every rebuild's output
 * is compared byte for byte with a build of the same content that reuses nothing.
 */
import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPageCache, pageCacheDir, recordPageCache, type CheckedCopies } from '../src/build/page-cache.ts';
import { runCli } from './helpers/cli.ts';
import { copyFixture, repoRoot, tempDir } from './helpers/fixtures.ts';

interface Built {
  pages: number;
  pageCache: string;
  pagesPlaced: number;
  stats: { pagesRendered: number };
}

/** Pages every build renders: they have no cache key (home, testimonials, 404). */
const alwaysRendered = 3;
/** The basic fixture: 5 partners (kit, pocket card, A4 sheet each), 4 share pages, and the three above. */
const allPages = 22;

async function build(content: string, out: string, ...flags: string[]): Promise<Built> {
  const run = await runCli(['build', '--content', content, '--out', out, '--json', ...flags]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Built;
}

function files(dir: string): Record<string, string> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(entries.map((entry) => [relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name)).toString('base64')]));
}

/** The site as a build that reuses nothing makes it, for the same content. */
async function expectSameAsColdBuild(content: string, out: string): Promise<void> {
  const cold = join(tempDir('cold'), 'dist');
  const reusingNothing = await build(content, cold, '--no-cache');
  expect(reusingNothing.pageCache).toBe('off');
  expect(reusingNothing.stats.pagesRendered).toBe(reusingNothing.pages);
  const expected = files(cold);
  const actual = files(out);
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const name of Object.keys(expected)) expect(actual[name] === expected[name], name).toBe(true);
}

function edit(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, 'utf8');
  const edited = text.replace(from, to);
  expect(edited).not.toBe(text);
  writeFileSync(file, edited);
}

let content: string;
let out: string;

beforeAll(() => {
  content = copyFixture('basic');
  out = join(tempDir('page-cache'), 'dist');
});

describe('rebuilding a kit', () => {
  it('renders every page the first time', async () => {
    const first = await build(content, out);
    expect(first.pageCache).toBe('empty');
    expect(first.pages).toBe(allPages);
    expect(first.stats.pagesRendered).toBe(allPages);
  });

  it('renders again only the pages of the partner whose file changed, and makes the same site as a cold build', async () => {
    edit(join(content, 'partners', 'jane-smith.yaml'), /^name: Jane Smith$/m, 'name: Janet Smith');
    const warm = await build(content, out);
    expect(warm.pageCache).toBe('sound');
    // Her kit, pocket card, A4 sheet and share page.
    expect(warm.stats.pagesRendered).toBe(alwaysRendered + 4);
    expect(readFileSync(join(out, 'for', 'jane-smith', 'index.html'), 'utf8')).toContain('Janet Smith');
    await expectSameAsColdBuild(content, out);
  });

  it('renders every kit page again when a script changes, and no pocket card', async () => {
    edit(join(content, 'scripts', 'phone.mdx'), 'GENERAL-PHONE-MARKER', 'GENERAL-PHONE-MARKER-EDITED');
    const warm = await build(content, out);
    expect(warm.stats.pagesRendered).toBe(alwaysRendered + 5);
    await expectSameAsColdBuild(content, out);
  });

  it('renders every page again when kit.yaml changes', async () => {
    edit(join(content, 'kit.yaml'), /^ {2}name: Alex Rivera$/m, '  name: Alexandra Rivera');
    const warm = await build(content, out);
    expect(warm.stats.pagesRendered).toBe(allPages);
    await expectSameAsColdBuild(content, out);
  });

  it('keeps one cache per kit folder', async () => {
    const other = join(tempDir('other-kit'), 'content');
    cpSync(content, other, { recursive: true });
    const otherBuild = await build(other, join(tempDir('other-out'), 'dist'));
    expect(otherBuild.pageCache).toBe('empty');
    expect(otherBuild.stats.pagesRendered).toBe(allPages);
    // The first kit's cache is still there, and whole.
    const again = await build(content, out);
    expect(again.pageCache).toBe('sound');
    expect(again.stats.pagesRendered).toBe(alwaysRendered);
  });

  it('notices a damaged cache and renders every page anew rather than publishing it', async () => {
    const stored = join(pageCacheDir(repoRoot, realpathSync(content)), 'dist', 'for', 'jane-smith', 'index.html');
    edit(stored, 'Janet Smith', 'Someone Else');
    const rebuilt = await build(content, out);
    expect(rebuilt.pageCache).toBe('damaged');
    expect(rebuilt.stats.pagesRendered).toBe(allPages);
    expect(readFileSync(join(out, 'for', 'jane-smith', 'index.html'), 'utf8')).not.toContain('Someone Else');
    const next = await build(content, out);
    expect(next.pageCache).toBe('sound');
    expect(next.stats.pagesRendered).toBe(alwaysRendered);
  });

  it('links the stored pages into the site, and never writes a page anew into a file an earlier site shares', async () => {
    const stored = join(pageCacheDir(repoRoot, realpathSync(content)), 'dist');
    const janesPage = join('for', 'jane-smith', 'index.html');
    const othersPage = join('for', 'omar-haddad', 'index.html');
    // The last build placed both: each published page is its stored copy, linked.
    expect(statSync(join(out, othersPage)).ino).toBe(statSync(join(stored, othersPage)).ino);
    expect(statSync(join(out, janesPage)).ino).toBe(statSync(join(stored, janesPage)).ino);
    // Another name for the file the published site has now, as a deploy tool or a backup might hold it.
    const held = join(tempDir('held'), 'jane.html');
    linkSync(join(out, janesPage), held);
    edit(join(content, 'partners', 'jane-smith.yaml'), /^name: Janet Smith$/m, 'name: Jane Smith');
    const rebuilt = await build(content, out);
    expect(rebuilt.stats.pagesRendered).toBe(alwaysRendered + 4);
    // Her page was rendered anew into a new file; the one the earlier site had is as it was.
    expect(readFileSync(join(out, janesPage), 'utf8')).toContain('Jane Smith');
    expect(readFileSync(held, 'utf8').match(/J[a-z]+ Smith/g)).toContain('Janet Smith');
    expect(statSync(join(out, janesPage)).ino).not.toBe(statSync(held).ino);
    expect(statSync(join(stored, janesPage)).ino).not.toBe(statSync(held).ino);
    await expectSameAsColdBuild(content, out);
  });

  it('puts the stored pages into the site before Astro runs, and leaves out those of a partner removed since', async () => {
    const token = /^token: (\S+)$/m.exec(readFileSync(join(content, 'partners', 'quiet-partner.yaml'), 'utf8'))![1]!;
    expect(existsSync(join(out, 'kit', token, 'index.html'))).toBe(true);
    rmSync(join(content, 'partners', 'quiet-partner.yaml'));
    const rebuilt = await build(content, out);
    expect(rebuilt.pageCache).toBe('sound');
    // Every stored page (all but the three without a key) was placed, hers among them...
    expect(rebuilt.pagesPlaced).toBe(allPages - alwaysRendered);
    expect(rebuilt.stats.pagesRendered).toBe(alwaysRendered);
    // ...and hers (kit, pocket card, A4 sheet) were taken out again: Astro no longer makes them.
    expect(rebuilt.pages).toBe(allPages - 3);
    expect(existsSync(join(out, 'kit', token))).toBe(false);
    await expectSameAsColdBuild(content, out);
  });
});

describe('the page cache check', () => {
  /** A cache folder as Astro leaves it: a manifest naming two stored copies, and the copies. */
  function astroCache(): string {
    const dir = join(tempDir('page-cache-check'), 'cache');
    mkdirSync(join(dir, 'dist', 'kit', 'abc'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'kit', 'abc', 'index.html'), '<p>kit</p>');
    writeFileSync(join(dir, 'dist', 'index.html'), '<p>home</p>');
    const paths = { '/kit/abc/': { cacheKey: 'k', outputFile: 'kit/abc/index.html' } };
    writeFileSync(join(dir, 'incremental-build.json'), JSON.stringify({ version: 1, routes: { 'src/pages/kit/[token].astro': { dependencyHash: 'd', paths } } }));
    return dir;
  }

  it('finds nothing to reuse in a folder that is not there', async () => {
    expect(await checkPageCache(join(tempDir('page-cache-none'), 'cache'))).toBe('empty');
  });

  /** A cache recorded after one build and checked before the next: its folder and what the check found. */
  async function checkedCache(): Promise<{ dir: string; checked: CheckedCopies }> {
    const dir = astroCache();
    await recordPageCache(dir);
    const checked: CheckedCopies = new Map();
    expect(await checkPageCache(dir, checked)).toBe('sound');
    return { dir, checked };
  }

  it('reuses a cache whose copies are the ones recorded, and records a copy rewritten since', async () => {
    const { dir, checked } = await checkedCache();
    // Astro renders the page again and stores its new copy: the record must follow.
    writeFileSync(join(dir, 'dist', 'kit', 'abc', 'index.html'), '<p>kit, edited</p>');
    await recordPageCache(dir, checked);
    expect(await checkPageCache(dir)).toBe('sound');
  });

  it('looks only at the copies Astro may restore: a stray file beside them is neither checked nor placed', async () => {
    const dir = astroCache();
    await recordPageCache(dir);
    writeFileSync(join(dir, 'dist', 'extra.html'), '<p>?</p>');
    const checked: CheckedCopies = new Map();
    expect(await checkPageCache(dir, checked)).toBe('sound');
    expect([...checked.keys()]).toEqual(['kit/abc/index.html']);
  });

  it('does not record a placed page that changed while the build ran, so the next build starts again', async () => {
    const { dir, checked } = await checkedCache();
    // Placed and not rendered anew, yet written to during the build (through the published site).
    writeFileSync(join(dir, 'dist', 'kit', 'abc', 'index.html'), '<p>kit, edited by hand</p>');
    await recordPageCache(dir, checked, new Set(['kit/abc/index.html']));
    expect(await checkPageCache(dir)).toBe('damaged');
  });

  it('records the cache when two builds in one process finish at the same moment', async () => {
    const dir = astroCache();
    await Promise.all([recordPageCache(dir), recordPageCache(dir)]);
    expect(await checkPageCache(dir)).toBe('sound');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('starts again, without calling it damage, from a record an older Referral Kit wrote', async () => {
    const dir = astroCache();
    await recordPageCache(dir);
    const record = JSON.parse(readFileSync(join(dir, 'referral-kit-pages.json'), 'utf8')) as { version: number };
    writeFileSync(join(dir, 'referral-kit-pages.json'), JSON.stringify({ ...record, version: 1 }));
    expect(await checkPageCache(dir)).toBe('empty');
    expect(existsSync(dir)).toBe(false);
  });

  it('empties a cache with a changed copy, a page to restore never recorded, no record or a broken manifest', async () => {
    const unrecordedInManifest = (dir: string) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'incremental-build.json'), 'utf8'));
      manifest.routes['src/pages/index.astro'] = { dependencyHash: 'd', paths: { '/': { cacheKey: 'k', outputFile: 'index.html' } } };
      writeFileSync(join(dir, 'incremental-build.json'), JSON.stringify(manifest));
    };
    const damages: ((dir: string) => void)[] = [
      (dir) => writeFileSync(join(dir, 'dist', 'kit', 'abc', 'index.html'), '<p>tampered</p>'),
      unrecordedInManifest,
      (dir) => writeFileSync(join(dir, 'referral-kit-pages.json'), '{'),
      (dir) => writeFileSync(join(dir, 'incremental-build.json'), '{"routes": '),
    ];
    for (const damage of damages) {
      const dir = astroCache();
      await recordPageCache(dir);
      damage(dir);
      expect(await checkPageCache(dir)).toBe('damaged');
      expect(existsSync(dir)).toBe(false);
    }
  });
});
