/**
 * The build under faults and hostile layouts: a content folder reached through a symbolic link
 * inside the output, a server that lists folders, builds killed at random moments (real
 * processes), and full or read-only disks (small tmpfs mounts; CI runs as root, as we do).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, recoverLeftovers } from '../src/build/build-site.ts';
import { smallDisk, spawnCli, unmountSmallDisks } from './helpers/faults.ts';
import { copyFixture, fixture, repoRoot, tempDir } from './helpers/fixtures.ts';
import { builtSite } from './helpers/sites.ts';

const tokens = ['jAn3sm1thT0kenXXaaBBccDD', '0marHaddadT0kenQQrrSSttUU', 'wangXiaoMingT0kenMMnnOOpp', 'eveH0stileT0kenGGhhIIjjKK', 'qu1nnQuietT0kenVVwwXXyyZZ'];

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());
}

/** Folders next to the output that a build works in (`.site.building-*`, `.site.previous-*`). */
function leftovers(outDir: string): string[] {
  return readdirSync(dirname(outDir)).filter((name) => name.startsWith(`.${basename(outDir)}.`));
}

function folders(dir: string): string[] {
  return [
    dir,
    ...readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(e.parentPath, e.name)),
  ];
}

afterAll(unmountSmallDisks);

/** Writes until the disk says it is full, leaving about `spare` bytes. */
function fill(dir: string, spare = 0): void {
  const stats = spawnSync('df', ['-B1', '--output=avail', dir], { encoding: 'utf8' }).stdout.trim().split('\n').at(-1);
  const room = Math.max(0, Number(stats) - spare);
  try {
    writeFileSync(join(dir, 'filler'), Buffer.alloc(room, 1));
  } catch {}
}

describe('an output folder that holds the content folder through a symbolic link', () => {
  it('is refused, and the content is left as it was', async () => {
    const root = tempDir('symlink');
    const site = join(root, 'site');
    mkdirSync(site);
    cpSync(fixture('basic'), join(site, 'content'), { recursive: true });
    writeFileSync(join(site, 'index.html'), 'old site');
    symlinkSync(join(site, 'content'), join(root, 'content'));
    const result = await buildSite({ contentDir: join(root, 'content'), outDir: site });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/holds your content folder; choose another --out/);
    expect(existsSync(join(site, 'content', 'kit.yaml'))).toBe(true);
    expect(existsSync(join(site, 'content', 'referrals.yaml'))).toBe(true);
    expect(readdirSync(join(site, 'content', 'partners')).length).toBe(5);
  });

  it('is refused when the output is the link and the content its real folder', async () => {
    const root = tempDir('symlink');
    cpSync(fixture('basic'), join(root, 'real', 'content'), { recursive: true });
    writeFileSync(join(root, 'real', 'index.html'), 'old site');
    symlinkSync(join(root, 'real'), join(root, 'site'));
    const result = await buildSite({ contentDir: join(root, 'real', 'content'), outDir: join(root, 'site') });
    expect(!result.ok && result.reason).toMatch(/holds your content folder/);
    expect(existsSync(join(root, 'real', 'content', 'kit.yaml'))).toBe(true);
  });
});

describe('a content folder inside public/', () => {
  it('is refused: public/ is copied into the site as it is, partner files and ledger with it', async () => {
    const content = join(repoRoot, 'public', `mycontent-${process.pid}`);
    cpSync(fixture('basic'), content, { recursive: true });
    try {
      const result = await buildSite({ contentDir: content, outDir: join(tempDir('public'), 'dist') });
      expect(!result.ok && result.reason).toMatch(/your content folder is inside public, which is copied into the site as it is/);
    } finally {
      spawnSync('rm', ['-rf', content]);
    }
  });
});

describe('a built site', () => {
  it('has an index.html in every folder, a blank noindex one where there is no page, so no server lists the secret links', async () => {
    // Built once per run by `referral-kit build`, shared with the other files that read it.
    const { dist: out, run } = await builtSite('basic');
    expect(run.code).toBe(0);
    for (const folder of folders(out)) expect(existsSync(join(folder, 'index.html')), folder).toBe(true);
    for (const folder of ['kit', 'for', '_astro']) {
      const placeholder = readFileSync(join(out, folder, 'index.html'), 'utf8');
      expect(placeholder).toContain('<meta name="robots" content="noindex, nofollow">');
      for (const token of tokens) expect(placeholder).not.toContain(token);
    }
    // The pages counted are the site's own, not the placeholders.
    expect(run.stdout).toMatch(/Built 22 pages /);
  });
});

describe('leftovers of killed builds', () => {
  it('are removed at the next build start, and a site left only in .previous-* is put back', async () => {
    const parent = tempDir('leftovers');
    const out = join(parent, 'site');
    const dead = deadPid();
    mkdirSync(join(parent, `.site.building-${dead}-abc1`, 'kit', 'revoked'), { recursive: true });
    mkdirSync(join(parent, `.site.previous-${dead}-abc0`));
    writeFileSync(join(parent, `.site.previous-${dead}-abc0`, 'index.html'), 'last good site');
    // A live process's folders are its own.
    mkdirSync(join(parent, `.site.building-${process.pid}-abc2`));
    await recoverLeftovers(out);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('last good site');
    expect(leftovers(out)).toEqual([`.site.building-${process.pid}-abc2`]);
  });
});

describe('the site a build replaces', () => {
  it("leaves the owner's folder with the swap, for the owner's eyes only, and the next build removes it", async () => {
    const replaced = join(repoRoot, 'node_modules', '.cache', 'referral-kit', 'replaced');
    // A name no other test's output has: builds of other test files set their sites aside there too.
    const parent = tempDir('replaced');
    const out = join(parent, basename(parent));
    expect((await buildSite({ contentDir: fixture('basic'), outDir: out })).ok).toBe(true);
    expect((await buildSite({ contentDir: fixture('basic'), outDir: out })).ok).toBe(true);
    expect(leftovers(out)).toEqual([]);
    const setAside = () => readdirSync(replaced).filter((name) => name.startsWith(`.${basename(out)}.previous-`));
    // The first build's site, set aside by the second (builds take turns, and this one just ended).
    const [first] = setAside();
    expect(first).toBeDefined();
    expect(existsSync(join(replaced, first!, 'index.html'))).toBe(true);
    expect(statSync(replaced).mode & 0o777).toBe(0o700);
    expect((await buildSite({ contentDir: fixture('basic'), outDir: out })).ok).toBe(true);
    expect(existsSync(join(replaced, first!))).toBe(false);
  });
});

/** A build in a process of its own, killed with SIGKILL after `killAfter` ms. */
const spawnBuild = (content: string, out: string, killAfter?: number) => spawnCli(['build', '--content', content, '--out', out], killAfter);

function isCompleteSite(out: string): boolean {
  return existsSync(join(out, 'index.html')) && tokens.every((token) => existsSync(join(out, 'kit', token, 'index.html')));
}

describe('builds killed at random moments', () => {
  it('never leave a half site as the output, nor a lock or staging folders after the next build', async () => {
    const content = copyFixture('basic');
    const out = join(tempDir('killed'), 'site');
    const started = performance.now();
    const first = await spawnBuild(content, out);
    expect(first.code, first.stderr).toBe(0);
    const duration = performance.now() - started;
    expect(isCompleteSite(out)).toBe(true);
    for (let round = 0; round < 5; round++) {
      // Most of the first third is Node and Astro starting; the kills land anywhere after it.
      await spawnBuild(content, out, duration * (0.3 + 0.7 * Math.random()));
      // The output is the last good site, or (killed between the two renames) gone until the next build.
      if (existsSync(out)) expect(isCompleteSite(out), `round ${round}`).toBe(true);
    }
    const last = await spawnBuild(content, out);
    expect(last.code, last.stderr).toBe(0);
    expect(isCompleteSite(out)).toBe(true);
    expect(leftovers(out)).toEqual([]);
  }, 240_000);
});

describe('a disk that cannot take the build', () => {
  it('says the disk is full, leaves the old output as it was and no partial pages', async () => {
    const disk = smallDisk('1m');
    const out = join(disk, 'site');
    mkdirSync(join(out, 'kit'), { recursive: true });
    writeFileSync(join(out, 'index.html'), 'old site');
    // Room for the start of the build (its first pages and images), not for all of it.
    fill(disk, 300 * 1024);
    const result = await buildSite({ contentDir: fixture('basic'), outDir: out });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe(`cannot write to ${out}: the disk is full`);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('old site');
    expect(leftovers(out)).toEqual([]);
  });

  it('says the disk is read-only and leaves the old output as it was', async () => {
    const disk = smallDisk('1m');
    const out = join(disk, 'site');
    mkdirSync(out);
    writeFileSync(join(out, 'index.html'), 'old site');
    expect(spawnSync('mount', ['-o', 'remount,ro', disk]).status).toBe(0);
    const result = await buildSite({ contentDir: fixture('basic'), outDir: out });
    expect(!result.ok && result.reason).toBe(`cannot write to ${out}: the disk is read-only`);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('old site');
  });
});
