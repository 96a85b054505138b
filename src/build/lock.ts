/**
 * One build at a time per project: Astro keeps per-project state in `.astro/`, so two builds
 * running at once (an owner double-running the command, or parallel tests) would mix their content.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function withLock<T>(lockDir: string, onWait: () => void, work: () => Promise<T>): Promise<T> {
  const ownerFile = join(lockDir, 'pid');
  let waited = false;
  for (;;) {
    try {
      await mkdir(lockDir, { recursive: false });
      await writeFile(ownerFile, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        await mkdir(join(lockDir, '..'), { recursive: true });
        continue;
      }
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(ownerFile, 'utf8').catch(() => ''));
      // A lock whose process is gone was left by a crash: take it over.
      if (owner && !isRunning(owner)) {
        await rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!waited) onWait();
      waited = true;
      await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}
