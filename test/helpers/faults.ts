/**
 * Faults made real, for the fault tests: the CLI in a process of its own that can be killed with
 * SIGKILL, and small tmpfs disks (mounting needs root, which these tests and CI have).
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, tempDir } from './fixtures.ts';

const cli = join(repoRoot, 'bin', 'referral-kit.js');

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `referral-kit <args>` in a process of its own; `killAfter` ms sends it SIGKILL. */
export function spawnCli(args: string[], killAfter?: number): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = killAfter === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfter);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const mounts: string[] = [];

/** A fresh tmpfs of `size` (like `1m`), unmounted by `unmountSmallDisks()`. */
export function smallDisk(size: string): string {
  const mountPoint = tempDir('disk');
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint], { encoding: 'utf8' });
  if (mount.status !== 0) throw new Error(`mounting a small tmpfs needs root: ${mount.stderr}`);
  mounts.push(mountPoint);
  return mountPoint;
}

/** Unmounts every disk `smallDisk()` mounted, newest first: for `afterAll`. */
export function unmountSmallDisks(): void {
  for (const mountPoint of mounts.splice(0).reverse()) spawnSync('umount', [mountPoint]);
}
