/** Work beside the build's own thread at a lower priority (src/kit/priority.ts). */
import { existsSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { typeScriptFlags } from '../src/kit/node-flags.ts';
import { lowerProcess } from '../src/kit/priority.ts';

/** nice 10, as priority.ts sets it. */
const background = 10;
const priorityModule = new URL('../src/kit/priority.ts', import.meta.url).href;

/** What a new Node.js process prints after running `code` (an ES module). */
function printed(code: string): string {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return run.stdout.trim();
}

/**
 * The priority of a new process at the moment `module` (or what it imports) first asks for
 * satori, the drawing code's first package, and once the import is done.
 */
function prioritiesImporting(module: URL): { loadingSatori: number; imported: number } {
  const code = `
    import { registerHooks } from 'node:module';
    import { getPriority } from 'node:os';
    let loadingSatori;
    registerHooks({ resolve(specifier, context, next) { if (specifier === 'satori') loadingSatori ??= getPriority(0); return next(specifier, context); } });
    await import(${JSON.stringify(module.href)});
    console.log(JSON.stringify({ loadingSatori, imported: getPriority(0) }));`;
  return JSON.parse(printed(code)) as { loadingSatori: number; imported: number };
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
    expect(reported).toBe(process.platform === 'linux' ? background : before);
    expect(getPriority(0)).toBe(before);
  });

  it('lowers an image worker process before it loads the drawing code, and leaves the build drawing in its own process alone', () => {
    expect(prioritiesImporting(new URL('../src/images/pool-worker.ts', import.meta.url))).toEqual({ loadingSatori: background, imported: background });
    const own = getPriority(0);
    expect(prioritiesImporting(new URL('../src/images/worker.ts', import.meta.url))).toEqual({ loadingSatori: own, imported: own });
  });

  it('lowers another process, such as the remover of replaced sites', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10_000)'], { stdio: 'ignore' });
    try {
      lowerProcess(child.pid!);
      expect(getPriority(child.pid!)).toBe(background);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });

  it("lowers a detached process's own scheduling group where Linux has one, and runs anywhere", () => {
    const hasAutogroup = existsSync('/proc/self/autogroup');
    const priority = new URL('../src/kit/priority.ts', import.meta.url).href;
    const code = `const { lowerOwnSession } = await import(${JSON.stringify(priority)}); lowerOwnSession(); console.log(${hasAutogroup} ? (await import('node:fs')).readFileSync('/proc/self/autogroup', 'utf8').trim() : 'none');`;
    // setsid, as `detached: true` does: a session, and so an autogroup, of its own.
    const run = spawnSync('setsid', [process.execPath, ...typeScriptFlags, '--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    if (hasAutogroup) expect(run.stdout.trim()).toMatch(new RegExp(`nice ${background}$`));
    else expect(run.stdout.trim()).toBe('none');
  });
});
