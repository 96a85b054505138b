import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLock } from '../src/build/lock.ts';
import { repoRoot, tempDir } from './helpers/fixtures.ts';

const lockModule = join(repoRoot, 'src', 'build', 'lock.ts');

/** The pid of a process that has ended: a lock naming it was left by a crash. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

/** Runs `code` in a real Node process with `withLock` imported; resolves with its output. */
function child(code: string, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `import { withLock } from ${JSON.stringify(lockModule)};\n${code}`;
  return new Promise((resolve) => {
    const process_ = spawn(process.execPath, ['--input-type=module', '-e', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    process_.stdout.on('data', (chunk) => (stdout += chunk));
    process_.stderr.on('data', (chunk) => (stderr += chunk));
    process_.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Takes the lock, waiting at most 3 s for it, and runs a task that says 'done'. */
function takeWithin3s(lock: string): Promise<string> {
  return withLock(
    lock,
    () => {},
    async () => 'done',
    { maxWaitMs: 3000 },
  );
}

describe('withLock', () => {
  it('takes over a lock whose holder is gone', async () => {
    const lock = join(tempDir('lock'), 'build.lock');
    writeFileSync(lock, String(deadPid()));
    let waited = false;
    expect(
      await withLock(
        lock,
        () => (waited = true),
        async () => 'done',
      ),
    ).toBe('done');
    expect(waited).toBe(false);
    expect(existsSync(lock)).toBe(false);
  });

  it('treats an empty lock as stale: a process killed after creating it, before writing its pid, does not block every later build', async () => {
    const lock = join(tempDir('lock'), 'build.lock');
    writeFileSync(lock, '');
    expect(await takeWithin3s(lock)).toBe('done');
  }, 10_000);

  it('treats a lock folder without its pid file (the older form, killed half-way) as stale', async () => {
    const lock = join(tempDir('lock'), 'build.lock');
    mkdirSync(lock);
    expect(await takeWithin3s(lock)).toBe('done');
  }, 10_000);

  it('removes the temporary files of a process killed while it was creating the lock', async () => {
    const dir = tempDir('lock');
    const lock = join(dir, 'build.lock');
    const leftover = join(dir, `build.lock.${deadPid()}-0badc0de.tmp`);
    writeFileSync(leftover, '123');
    await withLock(
      lock,
      () => {},
      async () => {},
    );
    expect(existsSync(leftover)).toBe(false);
  });

  it('waits for a live holder in another process, and says so once', async () => {
    const dir = tempDir('lock');
    const lock = join(dir, 'build.lock');
    const holder = child(`await withLock(process.argv[1], () => {}, async () => { console.log('held'); await new Promise((r) => setTimeout(r, 1500)); });`, [lock]);
    for (let i = 0; i < 100 && !existsSync(lock); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(lock, 'utf8')).toMatch(/^\d+$/);
    let waits = 0;
    const started = Date.now();
    await withLock(
      lock,
      () => waits++,
      async () => {},
    );
    expect(Date.now() - started).toBeGreaterThan(500);
    expect(waits).toBe(1);
    expect((await holder).stdout).toBe('held\n');
  }, 20_000);

  it('lets exactly one of many processes in at a time, even when they all find the same stale lock', async () => {
    const dir = tempDir('lock');
    const lock = join(dir, 'counter.lock');
    const counter = join(dir, 'counter');
    writeFileSync(counter, '0');
    writeFileSync(lock, String(deadPid()));
    // A read, a pause and a write: without mutual exclusion, increments are lost.
    const increment = `import { readFileSync, writeFileSync } from 'node:fs';
      await withLock(process.argv[1], () => {}, async () => {
        const n = Number(readFileSync(process.argv[2], 'utf8'));
        await new Promise((r) => setTimeout(r, 20));
        writeFileSync(process.argv[2], String(n + 1));
      }, { pollMs: 10 });`;
    const runs = await Promise.all(Array.from({ length: 8 }, () => child(increment, [lock, counter])));
    for (const run of runs) expect(run.stderr).toBe('');
    expect(readFileSync(counter, 'utf8')).toBe('8');
    expect(existsSync(lock)).toBe(false);
  }, 30_000);
});
