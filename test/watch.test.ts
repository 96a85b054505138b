import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ignoredChange, serialBuilds, watchFolder } from '../src/build/watch.ts';
import { tempDir } from './helpers/fixtures.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (bounded) until `ready()` holds. */
async function until(ready: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(10);
  }
}

describe('ignoredChange', () => {
  it('leaves out hidden files and folders and editors’ scratch files, and nothing of the kit', () => {
    for (const path of ['.git/index', '.DS_Store', 'scripts/.phone.mdx.swp', 'partners/jane.yaml~', 'partners/4913', 'partners/jane.yaml.tmp', 'photos/.thumbs/a.jpg', 'node_modules/x/index.js']) {
      expect(ignoredChange(path), path).toBe(true);
    }
    for (const path of ['kit.yaml', 'partners/jane-smith.yaml', 'scripts/phone.mdx', 'photos/owner.jpg', 'testimonials/ana.yaml', 'referrals.yaml', 'partners', '.']) {
      expect(ignoredChange(path), path).toBe(false);
    }
  });
});

describe('serialBuilds', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('builds once for a burst of changes, after the folder is calm', async () => {
    vi.useFakeTimers();
    const builds: string[][] = [];
    const serial = serialBuilds(async (changes) => void builds.push(changes), 50);
    serial.changed('scripts/b.mdx');
    await vi.advanceTimersByTimeAsync(40);
    serial.changed('scripts/a.mdx');
    serial.changed('scripts/b.mdx');
    await vi.advanceTimersByTimeAsync(40);
    expect(builds).toEqual([]);
    await vi.advanceTimersByTimeAsync(20);
    expect(builds).toEqual([['scripts/a.mdx', 'scripts/b.mdx']]);
    await vi.advanceTimersByTimeAsync(500);
    expect(builds).toHaveLength(1);
    await serial.stop();
  });

  it('builds a folder that never calms down once the longest wait is over', async () => {
    vi.useFakeTimers();
    const builds: string[][] = [];
    const serial = serialBuilds(async (changes) => void builds.push(changes), 50, 300);
    for (let i = 0; i < 10; i++) {
      serial.changed(`partners/p${i}.yaml`);
      await vi.advanceTimersByTimeAsync(40);
    }
    expect(builds).toHaveLength(1);
    expect(builds[0]!.length).toBeGreaterThanOrEqual(7);
    await serial.stop();
  });

  it('builds at once when asked, with no changes', async () => {
    vi.useFakeTimers();
    const builds: string[][] = [];
    const serial = serialBuilds(async (changes) => void builds.push(changes), 1000);
    serial.buildNow();
    await vi.advanceTimersByTimeAsync(1);
    expect(builds).toEqual([[]]);
    await serial.stop();
  });

  it('never builds twice at once: changes during a build make one more build after it', async () => {
    const builds: string[][] = [];
    let running = 0;
    let most = 0;
    let finish: () => void = () => {};
    const serial = serialBuilds(async (changes) => {
      builds.push(changes);
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => (finish = resolve));
      running--;
    }, 20);
    serial.changed('kit.yaml');
    await until(() => builds.length === 1);
    serial.changed('partners/a.yaml');
    serial.changed('partners/b.yaml');
    await sleep(100);
    expect(builds).toHaveLength(1);
    finish();
    await until(() => builds.length === 2);
    finish();
    await sleep(100);
    expect(builds).toEqual([['kit.yaml'], ['partners/a.yaml', 'partners/b.yaml']]);
    expect(most).toBe(1);
    await serial.stop();
  });

  it('goes on after a build that throws', async () => {
    const builds: string[][] = [];
    const serial = serialBuilds(async (changes) => {
      builds.push(changes);
      if (builds.length === 1) throw new Error('broken');
    }, 10);
    serial.changed('a');
    await until(() => builds.length === 1);
    serial.changed('b');
    await until(() => builds.length === 2);
    expect(builds).toEqual([['a'], ['b']]);
    await serial.stop();
  });

  it('stops: waits for the build under way, and builds no more', async () => {
    const builds: string[][] = [];
    let ended = false;
    const serial = serialBuilds(async (changes) => {
      builds.push(changes);
      await sleep(80);
      ended = true;
    }, 10);
    serial.changed('a');
    await until(() => builds.length === 1);
    expect(serial.building).toBe(true);
    serial.changed('b');
    await serial.stop();
    expect(ended).toBe(true);
    expect(serial.building).toBe(false);
    serial.changed('c');
    await sleep(60);
    expect(builds).toEqual([['a']]);
  });
});

describe('watchFolder', () => {
  /** Watches `dir` for the test; the changes seen and the errors. */
  async function watching(dir: string, skip?: string) {
    const seen = new Set<string>();
    const errors: Error[] = [];
    const stop = await watchFolder(
      dir,
      (file) => seen.add(file),
      (error) => errors.push(error),
      skip,
    );
    return { seen, errors, stop };
  }

  it('reports changes anywhere under the folder, new sub-folders included, relative and with forward slashes', async () => {
    const dir = tempDir('watch-');
    mkdirSync(join(dir, 'partners'));
    const { seen, errors, stop } = await watching(dir);
    try {
      writeFileSync(join(dir, 'partners', 'jane-smith.yaml'), 'name: Jane\n');
      writeFileSync(join(dir, 'partners', '.jane-smith.yaml.swp'), 'x');
      await until(() => seen.has('partners/jane-smith.yaml'));
      mkdirSync(join(dir, 'photos'));
      await sleep(200);
      writeFileSync(join(dir, 'photos', 'owner.jpg'), 'x');
      await until(() => seen.has('photos/owner.jpg'));
      expect([...seen].filter((file) => file.includes('.swp'))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await stop();
    }
  });

  it('notices every save of an editor that writes a copy and renames it over the file', async () => {
    const dir = tempDir('watch-atomic-');
    mkdirSync(join(dir, 'scripts'));
    const script = join(dir, 'scripts', 'phone.mdx');
    writeFileSync(script, 'first\n');
    const { seen, stop } = await watching(dir);
    try {
      for (let save = 1; save <= 3; save++) {
        seen.clear();
        writeFileSync(`${script}.new`, `save ${save}\n`);
        renameSync(`${script}.new`, script);
        await until(() => seen.has('scripts/phone.mdx'));
        await sleep(150);
      }
    } finally {
      await stop();
    }
  });

  it('says so when the folder itself is removed', async () => {
    const dir = join(tempDir('watch-gone-'), 'content');
    mkdirSync(join(dir, 'partners'), { recursive: true });
    const { errors, stop } = await watching(dir);
    try {
      rmSync(dir, { recursive: true });
      await until(() => errors.length > 0);
      expect(errors[0]!.message).toMatch(/removed/);
    } finally {
      await stop();
    }
  });

  it('leaves out an output folder kept inside the kit folder, which each build replaces', async () => {
    const dir = tempDir('watch-out-');
    mkdirSync(join(dir, 'dist'));
    const { seen, stop } = await watching(dir, join(dir, 'dist'));
    try {
      writeFileSync(join(dir, 'dist', 'index.html'), 'x');
      renameSync(join(dir, 'dist'), join(dir, 'old'));
      mkdirSync(join(dir, 'dist'));
      writeFileSync(join(dir, 'kit.yaml'), 'x');
      await until(() => seen.has('kit.yaml'));
      await sleep(150);
      expect([...seen].filter((file) => file === 'dist' || file.startsWith('dist/'))).toEqual([]);
    } finally {
      await stop();
    }
  });
});
