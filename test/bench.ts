/**
 * The build benchmark: `npm run bench` (`-- --huge` adds 10,000 partners; `-- --partners 20,50`
 * picks other sizes for a quick run; `-- --rounds 3` repeats each size and reports medians;
 * `-- --images` measures single images against Takumi instead: see test/bench-images.ts). It
 * prints figures
 * and is not a test: speed depends on the machine, correctness is tested in test/cache.test.ts.
 *
 * For kits of 100 and 1,000 partners (realistic names in several scripts, 5 scripts, 100
 * testimonials), it measures in one run:
 *   baseline  images rendered one by one in the build's thread, no cache
 *   cold      worker pool, empty cache
 *   warm      rebuild after editing one partner's file
 * and prints wall time, images rendered, ms per image, peak memory (the build and the processes it
 * starts, sampled), page generation per page, how fast the machine was just before each build
 * (a fixed CPU loop) and how much CPU time a virtual machine's host took away during it (steal),
 * and the ratios baseline/cold and cold/warm.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImageCache } from '../src/images/cache.ts';
import { treeRss } from './helpers/process-memory.ts';
import { syntheticKit } from './helpers/synthetic-kit.ts';
import { imageEnvironment } from '../src/integration/build-handoff.ts';

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
  console.error('usage: npm run bench -- [--huge] [--partners 100,1000] [--rounds 3]');
  process.exit(2);
}

interface Run {
  seconds: number;
  rendered: number;
  total: number;
  pages: number;
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
async function build(content: string, out: string, environment: Record<string, string>): Promise<Run> {
  const check = machineCheck();
  const ticks = cpuTicks();
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin', 'referral-kit.js'), 'build', '--content', content, '--out', out, '--json'], {
    env: { ...process.env, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss(child.pid!))), 200);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const after = cpuTicks();
  if (code !== 0) throw new Error(`build failed:\n${stderr}`);
  const result = JSON.parse(stdout) as { pages: number; stats: { pageSeconds: number; images: { rendered: number; total: number } } };
  return {
    seconds,
    rendered: result.stats.images.rendered,
    total: result.stats.images.total,
    pages: result.pages,
    pageSeconds: result.stats.pageSeconds,
    rssMb: peak / 1024 / 1024,
    check,
    steal: (after.steal - ticks.steal) / Math.max(1, after.total - ticks.total),
  };
}

function row(kit: string, name: string, run: Run): string {
  const perImage = run.rendered ? `${((run.seconds * 1000) / run.rendered).toFixed(0)}` : '–';
  const cells = [kit, name, `${run.seconds.toFixed(1)} s`, `${run.rendered}/${run.total}`, perImage, `${run.rssMb.toFixed(0)} MB`, String(run.pages), ((run.pageSeconds * 1000) / run.pages).toFixed(2), `${run.check.toFixed(2)} s`, `${(run.steal * 100).toFixed(0)}%`];
  const widths = [9, 9, 10, 13, 9, 10, 7, 8, 8, 6];
  return cells.map((cell, i) => cell.padEnd(widths[i]!)).join('');
}

const work = mkdtempSync(join(tmpdir(), 'referral-kit-bench-'));
console.log(`Referral Kit build benchmark · ${new Date().toISOString().slice(0, 10)} · ${cpus()[0]?.model.trim()} · ${availableParallelism()} cores · Node ${process.version}`);
console.log(`(ms/image: wall time per rendered image; ms/page: page generation per page;`);
console.log(` check: a fixed CPU loop timed before the build, to see how fast the machine was just then;`);
console.log(` steal: CPU time the virtual machine's host gave to others during the build, when it says)\n`);
console.log(['partners', 'run', 'wall', 'rendered', 'ms/image', 'peak RSS', 'pages', 'ms/page', 'check', 'steal'].map((h, i) => h.padEnd([9, 9, 10, 13, 9, 10, 7, 8, 8, 6][i]!)).join(''));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const times = (values: number[]) => values.map((value) => `${value.toFixed(2)}×`).join(' ');

const perPartner: Record<number, number> = {};
try {
  for (const size of sizes) {
    const content = join(work, `kit-${size}`, 'content');
    syntheticKit(content, size);
    const out = join(work, `kit-${size}`, 'dist');
    const cacheDir = new ImageCache(root, content).dir;
    const baselineOverCold: number[] = [];
    const coldOverWarm: number[] = [];
    const coldSeconds: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      // The 10,000 run skips the baseline: it would take hours, and the target there is memory and growth.
      const baseline = size <= 1_000 ? await build(content, out, { [imageEnvironment.workers]: '0', [imageEnvironment.cache]: 'off' }) : undefined;
      if (baseline) console.log(row(String(size), 'baseline', baseline));
      rmSync(cacheDir, { recursive: true, force: true });
      const cold = await build(content, out, {});
      console.log(row(String(size), 'cold', cold));
      const edited = join(content, 'partners', 'partner-1.yaml');
      writeFileSync(edited, readFileSync(edited, 'utf8').replace(/^name: .*$/m, `name: "Edited Partner ${round}"`));
      const warm = await build(content, out, {});
      console.log(row(String(size), 'warm', warm));
      if (baseline) baselineOverCold.push(baseline.seconds / cold.seconds);
      coldOverWarm.push(cold.seconds / warm.seconds);
      coldSeconds.push(cold.seconds);
      rmSync(cacheDir, { recursive: true, force: true });
    }
    perPartner[size] = median(coldSeconds) / size;
    const ratios = [
      baselineOverCold.length ? `baseline/cold ${times([median(baselineOverCold)])}` : '',
      `cold/warm ${times([median(coldOverWarm)])}`,
    ].filter(Boolean);
    console.log(`${''.padEnd(9)}${ratios.join(', ')}${rounds > 1 ? ' (medians of the rounds)' : ''}`);
    if (rounds > 1) {
      const each = [baselineOverCold.length ? `baseline/cold ${times(baselineOverCold)}` : '', `cold/warm ${times(coldOverWarm)}`].filter(Boolean);
      console.log(`${''.padEnd(9)}each round: ${each.join('; ')}`);
    }
    console.log('');
  }
  if (perPartner[10_000] && perPartner[1_000]) {
    console.log(`cold time per partner, 10,000 vs 1,000: ${(perPartner[10_000] / perPartner[1_000]).toFixed(2)}×`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
