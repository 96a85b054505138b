/**
 * `npm run bench:cli`: how long the everyday commands take on the example kit, as real processes
 * (Node's start included), median of several runs each. Targets: `--version` and `--help` under
 * 0.3 s; `check`, `log`, `update`, `links` and `report` under 0.8 s. Commands that write run on a
 * copy of the example kit. Options: `--runs N` (default 7).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineCheck } from './helpers/machine-check.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'referral-kit.js');
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 7;
if (!Number.isInteger(runs) || runs < 1 || runs > 100) {
  console.error('usage: npm run bench:cli -- [--runs N]   (N from 1 to 100)');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'referral-kit-bench-cli-'));
const content = join(work, 'content');
cpSync(join(root, 'content'), content, { recursive: true });

const commands: { args: string[]; target: number }[] = [
  { args: ['--version'], target: 0.3 },
  { args: ['--help'], target: 0.3 },
  { args: ['check', '--content', content], target: 0.8 },
  { args: ['links', '--content', content], target: 0.8 },
  { args: ['report', '--content', content, '--today', '2026-12-01'], target: 0.8 },
  { args: ['log', 'ask', 'dana-wu', '--content', content], target: 0.8 },
  { args: ['update', 'Aiko Tanaka', '--contacted', '--content', content], target: 0.8 },
];

function seconds(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: work });
  const elapsed = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`referral-kit ${args.join(' ')} failed:\n${result.stderr}`);
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

try {
  console.log(`node ${process.version}; median of ${runs} runs; check: a fixed CPU loop, timed before each command`);
  console.log(['command', 'median', 'fastest', 'target', '', 'check'].map((h, i) => h.padEnd([34, 9, 9, 8, 6, 6][i]!)).join(''));
  for (const { args, target } of commands) {
    const check = machineCheck();
    const times = Array.from({ length: runs }, () => seconds(args));
    const shown = args.filter((arg) => arg !== content && arg !== '--content').join(' ');
    const cells = [shown, `${median(times).toFixed(2)} s`, `${Math.min(...times).toFixed(2)} s`, `${target} s`, median(times) <= target ? 'ok' : 'over', `${check.toFixed(2)} s`];
    console.log(cells.map((c, i) => c.padEnd([34, 9, 9, 8, 6, 6][i]!)).join(''));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
