/**
 * The ledger under faults, with real processes: commands run at once, commands killed at random
 * moments, and a full disk (a small tmpfs mounted for the test; CI runs as root, as we do).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { smallDisk, spawnCli, unmountSmallDisks } from './helpers/faults.ts';
import { copyFixture, fixture } from './helpers/fixtures.ts';

function givenProspects(file: string): string[] {
  const ledger = parse(readFileSync(file, 'utf8')) as { given?: { prospect: string }[] | null };
  return (ledger.given ?? []).map((entry) => entry.prospect);
}

const logGiven = (content: string, prospect: string) => ['log', 'given', '--to', 'jane-smith', '--prospect', prospect, '--content', content];

describe('the ledger with commands at once', () => {
  it('keeps every entry when ten `log` commands run at the same moment', async () => {
    const content = copyFixture('basic');
    const file = join(content, 'referrals.yaml');
    const before = givenProspects(file);
    const names = Array.from({ length: 10 }, (_, i) => `Parallel Prospect ${i}`);
    const runs = await Promise.all(names.map((name) => spawnCli(logGiven(content, name))));
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/✓ Logged/);
    }
    expect(givenProspects(file).toSorted()).toEqual([...before, ...names].toSorted());
    expect(readdirSync(content).filter((name) => name.startsWith('.'))).toEqual([]);
  }, 120_000);
});

describe('the ledger under kills', () => {
  it('loses no entry and leaves no lock or temporary copy behind, over 15 kills at random moments', async () => {
    const content = copyFixture('basic');
    const file = join(content, 'referrals.yaml');
    // How long one `log` takes here, so the kills land anywhere in it, the write included.
    const started = performance.now();
    expect((await spawnCli(logGiven(content, 'Timed Prospect'))).code).toBe(0);
    const duration = performance.now() - started;
    let expected = givenProspects(file);
    for (let round = 0; round < 15; round++) {
      const name = `Killed Prospect ${round}`;
      await spawnCli(logGiven(content, name), Math.random() * duration * 1.1);
      const now = givenProspects(file);
      // Either the entry made it whole, or the ledger is exactly as it was.
      expect([expected, [...expected, name]]).toContainEqual(now);
      expected = now;
    }
    // A kill can leave a lock or a temporary copy; the next command takes over and tidies up.
    const last = await spawnCli(logGiven(content, 'After The Kills'));
    expect(last.stderr).toBe('');
    expect(givenProspects(file)).toEqual([...expected, 'After The Kills']);
    expect(readdirSync(content).filter((name) => name.startsWith('.'))).toEqual([]);
  }, 180_000);

  it('removes a temporary copy of the ledger left by a killed process (it holds every entry)', async () => {
    const content = copyFixture('basic');
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim();
    const leftover = join(content, `.referrals.yaml.${dead}-0badc0de.tmp`);
    writeFileSync(leftover, readFileSync(join(content, 'referrals.yaml')));
    expect((await spawnCli(logGiven(content, 'Sam Tidy'))).code).toBe(0);
    expect(existsSync(leftover)).toBe(false);
  }, 60_000);
});

describe('the ledger on a full disk', () => {
  afterAll(unmountSmallDisks);

  it('says the disk is full and leaves the ledger as it was', async () => {
    const mountPoint = smallDisk('256k');
    const content = join(mountPoint, 'content');
    cpSync(fixture('basic'), content, { recursive: true });
    mkdirSync(join(mountPoint, 'fill'));
    // Fill the disk: writes of 4 KB until one fails.
    const filler = join(mountPoint, 'fill', 'filler');
    const block = Buffer.alloc(4096, 1);
    try {
      for (let i = 0; i < 100; i++) writeFileSync(filler, Buffer.concat(Array.from({ length: i + 1 }, () => block)));
    } catch {}
    const before = readFileSync(join(content, 'referrals.yaml'), 'utf8');
    const run = await spawnCli(logGiven(content, 'No Room'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/referral-kit: could not write referrals\.yaml \(the disk is full\); it was left as it was/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(content, 'referrals.yaml'), 'utf8')).toBe(before);
    expect(readdirSync(content).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(statSync(join(content, 'referrals.yaml')).size).toBe(before.length);
  }, 60_000);
});
