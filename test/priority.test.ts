/** Background work at the lowest priority (src/kit/priority.ts). */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { lowerProcess } from '../src/kit/priority.ts';

const priorityModule = new URL('../src/kit/priority.ts', import.meta.url).href;

/** The priority a new Node.js process reports for itself after importing `module`. */
function priorityAfterImporting(module: URL): number {
  const code = `await import(${JSON.stringify(module.href)}); const { getPriority } = await import('node:os'); console.log(getPriority(0));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return Number(run.stdout.trim());
}

describe('work beside the build', () => {
  it('lowers a worker thread and leaves the thread that started it alone (on Linux, where threads have their own)', async () => {
    const before = getPriority(0);
    const worker = new Worker(
      `import(${JSON.stringify(priorityModule)}).then((m) => { m.lowerThisThread(); require('node:worker_threads').parentPort.postMessage(require('node:os').getPriority(0)); });`,
      { eval: true },
    );
    const [reported] = (await once(worker, 'message')) as [number];
    await worker.terminate();
    expect(reported).toBe(process.platform === 'linux' ? 19 : before);
    expect(getPriority(0)).toBe(before);
  });

  it('draws images in worker processes at the lowest priority, and in the build itself at its own', () => {
    expect(priorityAfterImporting(new URL('../src/images/pool-worker.ts', import.meta.url))).toBe(19);
    expect(priorityAfterImporting(new URL('../src/images/worker.ts', import.meta.url))).toBe(getPriority(0));
  });

  it('lowers another process, such as the remover of replaced sites', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10_000)'], { stdio: 'ignore' });
    try {
      lowerProcess(child.pid!);
      expect(getPriority(child.pid!)).toBe(19);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });
});
