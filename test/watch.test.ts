import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    for (const path of ['.git/index', '.DS_Store', 'scripts/.phone.mdx.swp', 'partners/jane.yaml~', 'partners/4913', 'partners/jane.yaml.tmp', 'photos/.thumbs/a.jpg']) {
      expect(ignoredChange(path), path).toBe(true);
    }
    for (const path of ['kit.yaml', 'partners/jane-smith.yaml', 'scripts/phone.mdx', 'photos/owner.jpg', 'testimonials/ana.yaml', 'referrals.yaml', 'partners', '.']) {
      expect(ignoredChange(path), path).toBe(false);
    }
  });
});

describe('serialBuilds', () => {
  it('builds once for a burst of changes, after the folder is calm', async () => {
    const builds: string[][] = [];
    const serial = serialBuilds(async (changes) => void builds.push(changes), 50);
    serial.changed('scripts/b.mdx');
    await sleep(20);
    serial.changed('scripts/a.mdx');
    serial.changed('scripts/b.mdx');
    await until(() => builds.length === 1);
    await sleep(120);
    expect(builds).toEqual([['scripts/a.mdx', 'scripts/b.mdx']]);
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
  it('reports changes anywhere under the folder, new sub-folders included, relative and with forward slashes', async () => {
    const dir = tempDir('watch-');
    mkdirSync(join(dir, 'partners'));
    const seen = new Set<string>();
    const errors: Error[] = [];
    const stop = watchFolder(
      dir,
      (file) => seen.add(file),
      (error) => errors.push(error),
    );
    try {
      await sleep(50);
      writeFileSync(join(dir, 'partners', 'jane-smith.yaml'), 'name: Jane\n');
      writeFileSync(join(dir, 'partners', '.jane-smith.yaml.swp'), 'x');
      await until(() => seen.has('partners/jane-smith.yaml'));
      mkdirSync(join(dir, 'photos'));
      await sleep(100);
      writeFileSync(join(dir, 'photos', 'owner.jpg'), 'x');
      await until(() => seen.has('photos/owner.jpg'));
      expect([...seen].filter((file) => file.includes('.swp'))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      stop();
    }
  });
});
