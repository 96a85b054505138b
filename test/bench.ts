/**
 * The build benchmark: `npm run bench` (`-- --huge` adds 10,000 partners; `-- --partners 20,50`
 * picks other sizes for a quick run). It prints figures
 * and is not a test: speed depends on the machine, correctness is tested in test/cache.test.ts.
 *
 * For kits of 100 and 1,000 partners (realistic names in several scripts, 5 scripts, 100
 * testimonials), it measures in one run:
 *   baseline  images rendered one by one in the build's thread, no cache
 *   cold      worker pool, empty cache
 *   warm      rebuild after editing one partner's file
 * and prints wall time, images rendered, ms per image, peak memory (the build and the processes it
 * starts, sampled), page generation per page, how fast the machine was just before each build
 * (a fixed CPU loop), and the ratios baseline/cold and cold/warm.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImageCache } from '../src/images/cache.ts';
import { treeRss } from './helpers/process-memory.ts';
import { syntheticKit } from './helpers/synthetic-kit.ts';
import { imageEnvironment } from '../src/integration/build-stats.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const huge = process.argv.includes('--huge');
/** `--partners 20,50` picks other kit sizes, for a quick run. */
const chosen = process.argv[process.argv.indexOf('--partners') + 1];
const sizes = process.argv.includes('--partners') && chosen ? chosen.split(',').map(Number) : huge ? [100, 1_000, 10_000] : [100, 1_000];

interface Run {
  seconds: number;
  rendered: number;
  total: number;
  pages: number;
  pageSeconds: number;
  rssMb: number;
  /** Seconds the machine check took just before this build. */
  check: number;
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
  };
}

function row(kit: string, name: string, run: Run): string {
  const perImage = run.rendered ? `${((run.seconds * 1000) / run.rendered).toFixed(0)}` : '–';
  const cells = [kit, name, `${run.seconds.toFixed(1)} s`, `${run.rendered}/${run.total}`, perImage, `${run.rssMb.toFixed(0)} MB`, String(run.pages), ((run.pageSeconds * 1000) / run.pages).toFixed(2), `${run.check.toFixed(2)} s`];
  const widths = [9, 9, 10, 13, 9, 10, 7, 8, 8];
  return cells.map((cell, i) => cell.padEnd(widths[i]!)).join('');
}

const work = mkdtempSync(join(tmpdir(), 'referral-kit-bench-'));
console.log(`Referral Kit build benchmark · ${new Date().toISOString().slice(0, 10)} · ${cpus()[0]?.model.trim()} · ${availableParallelism()} cores · Node ${process.version}`);
console.log(`(ms/image: wall time per rendered image; ms/page: page generation per page;`);
console.log(` check: a fixed CPU loop timed before the build, to see how fast the machine was just then)\n`);
console.log(['partners', 'run', 'wall', 'rendered', 'ms/image', 'peak RSS', 'pages', 'ms/page', 'check'].map((h, i) => h.padEnd([9, 9, 10, 13, 9, 10, 7, 8, 8][i]!)).join(''));
const perPartner: Record<number, number> = {};
try {
  for (const size of sizes) {
    const content = join(work, `kit-${size}`, 'content');
    syntheticKit(content, size);
    const out = join(work, `kit-${size}`, 'dist');
    // The 10,000 run skips the baseline: it would take hours, and the target there is memory and growth.
    const baseline = size <= 1_000 ? await build(content, out, { [imageEnvironment.threads]: '0', [imageEnvironment.cache]: 'off' }) : undefined;
    if (baseline) console.log(row(String(size), 'baseline', baseline));
    rmSync(new ImageCache(root, content).dir, { recursive: true, force: true });
    const cold = await build(content, out, {});
    console.log(row(String(size), 'cold', cold));
    const edited = join(content, 'partners', 'partner-1.yaml');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace(/^name: .*$/m, 'name: "Edited Partner"'));
    const warm = await build(content, out, {});
    console.log(row(String(size), 'warm', warm));
    perPartner[size] = cold.seconds / size;
    const ratios = [baseline ? `baseline/cold ${(baseline.seconds / cold.seconds).toFixed(2)}×` : '', `cold/warm ${(cold.seconds / warm.seconds).toFixed(2)}×`].filter(Boolean);
    console.log(`${''.padEnd(9)}${ratios.join(', ')}\n`);
    rmSync(new ImageCache(root, content).dir, { recursive: true, force: true });
  }
  if (perPartner[10_000] && perPartner[1_000]) {
    console.log(`cold time per partner, 10,000 vs 1,000: ${(perPartner[10_000] / perPartner[1_000]).toFixed(2)}×`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
