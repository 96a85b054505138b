/**
 * The build benchmark: `npm run bench` (`-- --huge` adds 10,000 partners; `-- --partners 20,50`
 * picks other sizes for a quick run; `-- --rounds 3` repeats each size and reports medians;
 * `-- --images` measures single images against Takumi instead: see test/bench-images.ts;
 * `-- --example` times rebuilds of the example kit after editing one script, as new processes
 * without and with the background builder and with `build --watch`, and `check` on it).
 * It prints figures and is not a test: speed depends on the machine; correctness is tested in
 * test/cache.test.ts and test/page-cache.test.ts.
 *
 * For kits of 100 and 1,000 partners (realistic names in several scripts, 5 scripts, 100
 * testimonials), it measures in one run:
 *   baseline    the usual way: an Astro endpoint per image (satori's SVG as is, resvg, its own
 *               PNG encoder), one after another in the build's process, no cache
 *               (test/bench-baseline/); the pages are Referral Kit's, all rendered
 *   in-process  `referral-kit build` with our renderer in the build's own process, no workers,
 *               no cache (a second reference: what the workers and the caches add)
 *   cold        `referral-kit build`: worker pool, empty image and page caches
 *   warm        `referral-kit build` again after editing one partner's file
 *   watching    the same edit again, made while `referral-kit build --watch` runs: the rebuild
 *               in a process that stays (timed from the edit to the build's line of JSON)
 *   daemon 1st  `referral-kit build --daemon`, nothing edited: it starts the background builder,
 *               which builds (shown to tell it apart from the next)
 *   daemon      the same edit again, then `referral-kit build --daemon`: a new command, its
 *               build made by the background builder the one before started
 * and prints wall time, images rendered, ms per image, pages rendered, peak memory (the build and
 * the processes it starts, sampled), page generation per page, how fast the machine was just
 * before each build (a fixed CPU loop) and how much CPU time a virtual machine's host took away
 * during it (steal), and the ratios baseline/cold, in-process/cold, cold/warm, cold/watching and cold/daemon.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImageCache } from '../src/images/cache.ts';
import { pageCacheDir } from '../src/build/page-cache.ts';
import { treeRss } from './helpers/process-memory.ts';
import { syntheticKit } from './helpers/synthetic-kit.ts';
import { imageEnvironment } from '../src/integration/build-handoff.ts';
import { isRunning } from '../src/build/lock.ts';

// `--images`: the per-image benchmark against Takumi instead (test/bench-images.ts), with resvg's
// allocator set as in the build's workers (it reads the variable when the process starts).
if (process.argv.includes('--images')) {
  if (process.env.MIMALLOC_PURGE_DELAY === undefined) {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, process.argv.slice(1), { stdio: 'inherit', env: { ...process.env, MIMALLOC_PURGE_DELAY: '1000' } });
    process.exit(run.status ?? 1);
  }
  await import('./bench-images.ts');
  process.exit(0);
}

const root = fileURLToPath(new URL('../', import.meta.url));
const huge = process.argv.includes('--huge');

/** The value after a flag (`--partners 20,50`), if the flag was given. */
function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** `--partners 20,50` picks other kit sizes, for a quick run. */
const sizes = option('--partners')?.split(',').map(Number) ?? (huge ? [100, 1_000, 10_000] : [100, 1_000]);
/**
 * `--rounds 3` measures each size three times, baseline and cold back to back each time, and
 * reports the median ratios: the machine's speed drifts between minutes, much less within a pair.
 */
const rounds = Number(option('--rounds') ?? 1);
if (!sizes.every((size) => Number.isInteger(size) && size > 0) || !Number.isInteger(rounds) || rounds < 1) {
  console.error('usage: npm run bench -- [--huge] [--partners 100,1000] [--rounds 3] | --images | --example');
  process.exit(2);
}

interface Run {
  seconds: number;
  rendered: number;
  total: number;
  pages: number;
  /** Pages rendered; the others were copied from the previous build. */
  pagesRendered: number;
  pageSeconds: number;
  rssMb: number;
  /** Seconds the machine check took just before this build. */
  check: number;
  /** Share of the machine's CPU time the hypervisor gave to other machines during the build. */
  steal: number;
}

/** The machine's CPU time so far, and how much of it was stolen (Linux /proc/stat, in ticks). */
function cpuTicks(): { total: number; steal: number } {
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is in user)
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  return { total: fields.reduce((sum, n) => sum + n, 0), steal: fields[7] ?? 0 };
}

/**
 * A fixed piece of CPU work, timed just before each build: on a shared virtual machine the same
 * work can take twice as long from one minute to the next, and this column shows when it did.
 */
function machineCheck(): number {
  const started = performance.now();
  let sum = 0;
  for (let i = 0; i < 200_000_000; i++) sum += i % 7;
  if (sum < 0) console.log(sum);
  return (performance.now() - started) / 1000;
}

/** One build in a child process; its peak memory counts the rendering processes it starts. */
async function build(
  content: string,
  out: string,
  environment: Record<string, string>,
  how: 'referral-kit' | 'baseline' | 'daemon' = 'referral-kit',
  /** A process whose memory counts too: the background builder a `daemon` build runs in. */
  alsoSampled?: number,
): Promise<Run & { daemonPid?: number }> {
  const check = machineCheck();
  const ticks = cpuTicks();
  const started = performance.now();
  const command =
    how === 'baseline'
      ? [join(root, 'test', 'bench-baseline', 'build.ts'), content, out]
      : [join(root, 'bin', 'referral-kit.js'), 'build', '--content', content, '--out', out, '--json', how === 'daemon' ? '--daemon' : '--no-daemon'];
  const child = spawn(process.execPath, command, {
    env: { ...benchEnvironment, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss(child.pid!) + (alsoSampled ? treeRss(alsoSampled) : 0))), 200);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const after = cpuTicks();
  if (code !== 0) throw new Error(`build failed:\n${stderr}`);
  if (how === 'daemon' && !stdout.includes('"daemon"')) throw new Error(`build --daemon built in its own process:\n${stderr}`);
  const result = JSON.parse(stdout) as { pages: number; stats: { pageSeconds: number; pagesRendered: number; images: { rendered: number; total: number } }; daemon?: { pid: number } };
  return {
    ...(result.daemon ? { daemonPid: result.daemon.pid } : {}),
    seconds,
    rendered: result.stats.images.rendered,
    total: result.stats.images.total,
    pages: result.pages,
    pagesRendered: result.stats.pagesRendered,
    pageSeconds: result.stats.pageSeconds,
    rssMb: peak / 1024 / 1024,
    check,
    steal: (after.steal - ticks.steal) / Math.max(1, after.total - ticks.total),
  };
}

function row(kit: string, name: string, run: Run): string {
  const perImage = run.rendered ? `${((run.seconds * 1000) / run.rendered).toFixed(0)}` : '–';
  // The baseline's endpoints render among the pages, so its page generation time is not the pages' own.
  const perPage = name === 'baseline' ? '–' : ((run.pageSeconds * 1000) / Math.max(1, run.pagesRendered)).toFixed(2);
  const cells = [
    kit,
    name,
    `${run.seconds.toFixed(1)} s`,
    `${run.rendered}/${run.total}`,
    perImage,
    `${run.pagesRendered}/${run.pages}`,
    `${run.rssMb.toFixed(0)} MB`,
    perPage,
    `${run.check.toFixed(2)} s`,
    `${(run.steal * 100).toFixed(0)}%`,
  ];
  return cells.map((cell, i) => cell.padEnd(widths[i]!)).join('');
}

const widths = [9, 12, 10, 13, 9, 13, 10, 8, 8, 6];

/** Stops the project's background builder, and waits (bounded) until it has ended. */
async function stopDaemon(pid: number | undefined): Promise<void> {
  await timed(['build', '--stop-daemon']);
  for (let i = 0; pid && i < 100 && isRunning(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
}

const work = mkdtempSync(join(tmpdir(), 'referral-kit-bench-'));
/**
 * Every command the bench runs: the background builder's socket in a folder of the bench's own,
 * so that it neither uses nor stops one the owner has running, and the setting of the owner's
 * terminal left out.
 */
const { REFERRAL_KIT_BUILD_DAEMON: _, ...ownEnvironment } = process.env;
const benchEnvironment: NodeJS.ProcessEnv = { ...ownEnvironment, XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'referral-kit-bench-runtime-')) };
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
if (process.argv.includes('--example')) {
  try {
    await benchExample();
  } finally {
    for (const dir of [work, benchEnvironment.XDG_RUNTIME_DIR!]) rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}
console.log(`Referral Kit build benchmark · ${new Date().toISOString().slice(0, 10)} · ${cpus()[0]?.model.trim()} · ${availableParallelism()} cores · Node ${process.version}`);
console.log(`(ms/image: wall time per rendered image; pages: rendered/in the site; ms/page: page generation per rendered page;`);
console.log(` check: a fixed CPU loop timed before the build, to see how fast the machine was just then;`);
console.log(` steal: CPU time the virtual machine's host gave to others during the build, when it says)\n`);
console.log(['partners', 'run', 'wall', 'images', 'ms/image', 'pages', 'peak RSS', 'ms/page', 'check', 'steal'].map((h, i) => h.padEnd(widths[i]!)).join(''));
const times = (values: number[]) => values.map((value) => `${value.toFixed(2)}×`).join(' ');

const perPartner: Record<number, number> = {};
try {
  for (const size of sizes) {
    const content = join(work, `kit-${size}`, 'content');
    syntheticKit(content, size);
    const out = join(work, `kit-${size}`, 'dist');
    const cacheDirs = [new ImageCache(root, content).dir, pageCacheDir(root, realpathSync(content))];
    const emptyCaches = () => {
      for (const dir of cacheDirs) rmSync(dir, { recursive: true, force: true });
    };
    const baselineOverCold: number[] = [];
    const inProcessOverCold: number[] = [];
    const coldOverWarm: number[] = [];
    const coldOverWatching: number[] = [];
    const coldOverDaemon: number[] = [];
    const coldSeconds: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      // The 10,000 run skips the baseline: it would take hours, and the target there is memory and growth.
      const baseline = size <= 1_000 ? await build(content, out, {}, 'baseline') : undefined;
      if (baseline) console.log(row(String(size), 'baseline', baseline));
      const inProcess = size <= 1_000 ? await build(content, out, { [imageEnvironment.workers]: '0', [imageEnvironment.cache]: 'off' }) : undefined;
      if (inProcess) console.log(row(String(size), 'in-process', inProcess));
      emptyCaches();
      const cold = await build(content, out, {});
      console.log(row(String(size), 'cold', cold));
      const edited = join(content, 'partners', 'partner-1.yaml');
      writeFileSync(edited, readFileSync(edited, 'utf8').replace(/^name: .*$/m, `name: "Edited Partner ${round}"`));
      const warm = await build(content, out, {});
      console.log(row(String(size), 'warm', warm));
      // The same edit again, made while `build --watch` runs: the rebuild in a process that stays.
      const session = await watchSession(content, out);
      let watching: Run;
      try {
        watching = await session.rebuild(() => writeFileSync(edited, readFileSync(edited, 'utf8').replace(/^name: .*$/m, `name: "Edited While Watching ${round}"`)));
      } finally {
        await session.stop();
      }
      console.log(row(String(size), 'watching', watching));
      // The same edit again, then a new `build --daemon`, in the background builder the one before it started.
      const daemonFirst = await build(content, out, {}, 'daemon');
      console.log(row(String(size), 'daemon 1st', daemonFirst));
      let daemon: Run;
      try {
        writeFileSync(edited, readFileSync(edited, 'utf8').replace(/^name: .*$/m, `name: "Edited For The Daemon ${round}"`));
        daemon = await build(content, out, {}, 'daemon', daemonFirst.daemonPid);
      } finally {
        await stopDaemon(daemonFirst.daemonPid);
      }
      console.log(row(String(size), 'daemon', daemon));
      coldOverDaemon.push(cold.seconds / daemon.seconds);
      if (baseline) baselineOverCold.push(baseline.seconds / cold.seconds);
      if (inProcess) inProcessOverCold.push(inProcess.seconds / cold.seconds);
      coldOverWarm.push(cold.seconds / warm.seconds);
      coldOverWatching.push(cold.seconds / watching.seconds);
      coldSeconds.push(cold.seconds);
      emptyCaches();
    }
    perPartner[size] = median(coldSeconds) / size;
    const ratios = [
      baselineOverCold.length ? `baseline/cold ${times([median(baselineOverCold)])}` : '',
      inProcessOverCold.length ? `in-process/cold ${times([median(inProcessOverCold)])}` : '',
      `cold/warm ${times([median(coldOverWarm)])}`,
      `cold/watching ${times([median(coldOverWatching)])}`,
      `cold/daemon ${times([median(coldOverDaemon)])}`,
    ].filter(Boolean);
    console.log(`${''.padEnd(9)}${ratios.join(', ')}${rounds > 1 ? ' (medians of the rounds)' : ''}`);
    if (rounds > 1) {
      const each = [
        baselineOverCold.length ? `baseline/cold ${times(baselineOverCold)}` : '',
        inProcessOverCold.length ? `in-process/cold ${times(inProcessOverCold)}` : '',
        `cold/warm ${times(coldOverWarm)}`,
        `cold/watching ${times(coldOverWatching)}`,
        `cold/daemon ${times(coldOverDaemon)}`,
      ].filter(Boolean);
      console.log(`${''.padEnd(9)}each round: ${each.join('; ')}`);
    }
    console.log('');
  }
  if (perPartner[10_000] && perPartner[1_000]) {
    console.log(`cold time per partner, 10,000 vs 1,000: ${(perPartner[10_000] / perPartner[1_000]).toFixed(2)}×`);
  }
} finally {
  for (const dir of [work, benchEnvironment.XDG_RUNTIME_DIR!]) rmSync(dir, { recursive: true, force: true });
}

/** Runs `referral-kit <args>` and returns its wall time in seconds. */
async function timed(args: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin', 'referral-kit.js'), ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: benchEnvironment });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`referral-kit ${args.join(' ')} failed:\n${stderr}`);
  return (performance.now() - started) / 1000;
}

/**
 * `--example`: the example kit (a copy of content/) built once, then rebuilt after editing one
 * script, `--rounds` times (5 by default), alternating with `check` on the same kit; then the
 * same edits again with one `build --watch` process. Prints the medians against the targets (a
 * rebuild under 3 s, `check` under 0.8 s).
 */
async function benchExample(): Promise<void> {
  const exampleRounds = Number(option('--rounds') ?? 5);
  const content = join(work, 'example', 'content');
  cpSync(join(root, 'content'), content, { recursive: true });
  const out = join(work, 'example', 'dist');
  console.log(`Referral Kit example-kit benchmark · ${new Date().toISOString().slice(0, 10)} · ${cpus()[0]?.model.trim()} · ${availableParallelism()} cores · Node ${process.version}`);
  const first = await timed(['build', '--content', content, '--out', out, '--json', '--no-daemon']);
  console.log(`first build (caches of this copy empty): ${first.toFixed(2)} s`);
  const script = join(content, 'scripts', 'one-liner.mdx');
  const rebuilds: number[] = [];
  const checks: number[] = [];
  const machine: number[] = [];
  for (let round = 1; round <= exampleRounds; round++) {
    machine.push(machineCheck());
    writeFileSync(script, `${readFileSync(script, 'utf8').trimEnd()}\n\n(Edited ${round}.)\n`);
    rebuilds.push(await timed(['build', '--content', content, '--out', out, '--json', '--no-daemon']));
    checks.push(await timed(['check', '--content', content]));
    console.log(`round ${round}: rebuild after editing scripts/one-liner.mdx ${rebuilds.at(-1)!.toFixed(2)} s, check ${checks.at(-1)!.toFixed(2)} s (machine check ${machine.at(-1)!.toFixed(2)} s)`);
  }
  console.log(`\nmedian of ${exampleRounds}: rebuild ${median(rebuilds).toFixed(2)} s (a new process each time), check ${median(checks).toFixed(2)} s (target < 0.8 s)`);

  // The same edits, each followed by a new `build --daemon`: its build made by the background
  // builder, which the first of them started (not counted).
  const started = await build(content, out, {}, 'daemon');
  console.log(`\nfirst build --daemon (starts the background builder): ${started.seconds.toFixed(2)} s`);
  const withDaemon: number[] = [];
  try {
    for (let round = 1; round <= exampleRounds; round++) {
      writeFileSync(script, `${readFileSync(script, 'utf8').trimEnd()}\n\n(Edited for the daemon ${round}.)\n`);
      withDaemon.push(await timed(['build', '--content', content, '--out', out, '--json', '--daemon']));
      console.log(`daemon, round ${round}: rebuild after editing scripts/one-liner.mdx ${withDaemon.at(-1)!.toFixed(2)} s (a new command, the build in the background builder)`);
    }
  } finally {
    await stopDaemon(started.daemonPid);
  }
  console.log(`\nmedian of ${exampleRounds}: rebuild with build --daemon ${median(withDaemon).toFixed(2)} s (target < 3 s)`);

  // The same edits with `build --watch`: from writing the file to the build's line of JSON, so the
  // wait for the folder to be calm and the watcher's own delay are counted too.
  const session = await watchSession(content, out);
  const watched: number[] = [];
  try {
    for (let round = 1; round <= exampleRounds; round++) {
      const { seconds, rssMb } = await session.rebuild(() => writeFileSync(script, `${readFileSync(script, 'utf8').trimEnd()}\n\n(Edited while watching ${round}.)\n`));
      watched.push(seconds);
      console.log(`watching, round ${round}: rebuilt ${seconds.toFixed(2)} s after the edit (memory ${rssMb.toFixed(0)} MB)`);
    }
  } finally {
    await session.stop();
  }
  console.log(`\nmedian of ${exampleRounds}: rebuild with build --watch ${median(watched).toFixed(2)} s after the edit (target < 3 s)`);
}

/**
 * A `referral-kit build --watch --json` process on `content`, its first build done. Each
 * `rebuild(edit)` makes the edit and waits (bounded) for the build it starts: its figures, timed
 * from the edit, with the peak memory of the process and its workers during it.
 */
async function watchSession(content: string, out: string): Promise<{ rebuild(edit: () => void): Promise<Run>; stop(): Promise<void> }> {
  const watcher = spawn(process.execPath, [join(root, 'bin', 'referral-kit.js'), 'build', '--watch', '--json', '--content', content, '--out', out], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: benchEnvironment,
  });
  let stderr = '';
  watcher.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const lines: string[] = [];
  let buffered = '';
  watcher.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      lines.push(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
    }
  });
  const build = async (count: number) => {
    const deadline = Date.now() + 600_000;
    while (lines.length < count) {
      if (watcher.exitCode !== null || Date.now() > deadline) throw new Error(`build --watch made no build ${count}:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const outcome = JSON.parse(lines[count - 1]!) as { ok: boolean; pages: number; stats: { pageSeconds: number; pagesRendered: number; images: { rendered: number; total: number } } };
    if (!outcome.ok) throw new Error(`build --watch failed:\n${stderr}`);
    return outcome;
  };
  await build(1);
  let count = 1;
  return {
    async rebuild(edit) {
      // Calm first, so the edit is the only change the next build sees.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const check = machineCheck();
      const ticks = cpuTicks();
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, treeRss(watcher.pid!))), 200);
      const started = performance.now();
      edit();
      const outcome = await build(++count).finally(() => clearInterval(sampler));
      const seconds = (performance.now() - started) / 1000;
      const after = cpuTicks();
      return {
        seconds,
        rendered: outcome.stats.images.rendered,
        total: outcome.stats.images.total,
        pages: outcome.pages,
        pagesRendered: outcome.stats.pagesRendered,
        pageSeconds: outcome.stats.pageSeconds,
        rssMb: Math.max(peak, treeRss(watcher.pid!)) / 1024 / 1024,
        check,
        steal: (after.steal - ticks.steal) / Math.max(1, after.total - ticks.total),
      };
    },
    async stop() {
      watcher.kill('SIGINT');
      if (watcher.exitCode === null) await new Promise((resolve) => watcher.once('close', resolve));
    },
  };
}
