/** `rotate` and `add partner` write partner files atomically: under kills and on a full disk. */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { smallDisk, spawnCli, unmountSmallDisks } from './helpers/faults.ts';
import { copyFixture, fixture } from './helpers/fixtures.ts';

const tokenOf = (file: string) => (parse(readFileSync(file, 'utf8')) as { token?: unknown }).token;

describe('rotate under kills', () => {
  it('leaves the partner file whole, with the old token or a new one, over 10 kills at random moments', async () => {
    const content = copyFixture('basic');
    const file = join(content, 'partners', 'jane-smith.yaml');
    const started = performance.now();
    expect((await spawnCli(['rotate', 'jane-smith', '--content', content])).code).toBe(0);
    const duration = performance.now() - started;
    const rest = (text: string) => text.replace(/^token: .*$/m, '');
    const expectedRest = rest(readFileSync(file, 'utf8'));
    for (let round = 0; round < 10; round++) {
      await spawnCli(['rotate', 'jane-smith', '--content', content], Math.random() * duration * 1.1);
      expect(String(tokenOf(file))).toMatch(/^[\w-]{22,}$/);
      expect(rest(readFileSync(file, 'utf8'))).toBe(expectedRest);
    }
    // A killed write leaves at most a temporary copy (it holds a token); the next rotate removes it.
    expect((await spawnCli(['rotate', 'jane-smith', '--content', content])).code).toBe(0);
    expect(readdirSync(join(content, 'partners')).sort()).toEqual(readdirSync(join(fixture('basic'), 'partners')).sort());
  }, 120_000);
});

describe('partner files on a full disk', () => {
  afterAll(unmountSmallDisks);

  it('rotate and add partner say the disk is full, and leave every file as it was', async () => {
    const mountPoint = smallDisk('256k');
    const content = join(mountPoint, 'content');
    cpSync(fixture('basic'), content, { recursive: true });
    const file = join(content, 'partners', 'jane-smith.yaml');
    const before = readFileSync(file, 'utf8');
    try {
      writeFileSync(join(mountPoint, 'filler'), Buffer.alloc(1024 * 1024, 1));
    } catch {}
    const rotated = await spawnCli(['rotate', 'jane-smith', '--content', content]);
    expect(rotated.code).toBe(1);
    expect(rotated.stderr).toMatch(
      /referral-kit: could not write partners\/jane-smith\.yaml: the disk is full; it was left as it was, with the old link|could not write .*jane-smith\.yaml: the disk is full; it was left as it was/,
    );
    expect(rotated.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(file, 'utf8')).toBe(before);

    const added = await spawnCli(['add', 'partner', 'Nadia Room', '--category', 'client', '--content', content]);
    expect(added.code).toBe(1);
    expect(added.stderr).toMatch(/could not write .*nadia-room\.yaml: the disk is full; nothing was added/);
    expect(readdirSync(join(content, 'partners'))).not.toContain('nadia-room.yaml');
    expect(readdirSync(join(content, 'partners')).filter((name) => name.startsWith('.'))).toEqual([]);
  }, 60_000);
});
