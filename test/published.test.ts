/** Private files (reports naming prospects, drafts with secret links) are never written where the build publishes. */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.ts';
import { copyFixture, repoRoot, tempDir } from './helpers/fixtures.ts';

const cleanup: string[] = [];
afterEach(() => {
  for (const path of cleanup.splice(0)) rmSync(path, { recursive: true, force: true });
});

/** A path in the project that the test removes afterwards, whether or not the command wrote it. */
function projectPath(...parts: string[]): string {
  const path = join(repoRoot, ...parts);
  cleanup.push(path);
  return path;
}

describe('report --html', () => {
  const refused = /--html: not writing the report there: .*It names your prospects/;

  it('refuses a file in src/, where pages are built from', async () => {
    const file = projectPath('src', 'pages', `report-${process.pid}.html`);
    const run = await runCli(['report', '--content', copyFixture('basic'), '--html', file]);
    expect(run.stderr).toMatch(refused);
    expect(run.stderr).toMatch(/src holds the pages the site is built from/);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a symbolic link into public/, by real path', async () => {
    const link = join(tempDir('report'), 'to-public');
    symlinkSync(join(repoRoot, 'public'), link);
    const file = join(link, `report-${process.pid}.html`);
    cleanup.push(join(repoRoot, 'public', `report-${process.pid}.html`));
    const run = await runCli(['report', '--content', copyFixture('basic'), '--html', file]);
    expect(run.stderr).toMatch(refused);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses the output folder of the build, dist/', async () => {
    const file = projectPath('dist', `report-${process.pid}.html`);
    const run = await runCli(['report', '--content', copyFixture('basic'), '--html', file]);
    expect(run.stderr).toMatch(refused);
    expect(existsSync(file)).toBe(false);
  });

  it('writes the report elsewhere readable by its owner only', async () => {
    const file = join(tempDir('report'), 'report.html');
    const run = await runCli(['report', '--content', copyFixture('basic'), '--html', file]);
    expect(run.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('invite --out', () => {
  it('refuses a folder in public/: the drafts hold secret kit links', async () => {
    const content = copyFixture('basic');
    const out = projectPath('public', `drafts-${process.pid}`);
    const run = await runCli(['invite', '--content', content, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--out: not writing drafts there: public is copied into the site\. They hold each partner's secret kit link/);
    expect(existsSync(out)).toBe(false);
  });

  it('writes drafts readable by their owner only, also when replacing older ones', async () => {
    const content = copyFixture('basic');
    const out = join(tempDir('invite'), 'outbox');
    mkdirSync(out);
    writeFileSync(join(out, 'jane-smith.eml'), 'old draft', { mode: 0o644 });
    const run = await runCli(['invite', '--content', content, '--out', out, '--force']);
    expect(run.code, run.stderr).toBe(0);
    const drafts = readdirSync(out);
    expect(drafts).toContain('jane-smith.eml');
    for (const draft of drafts) expect(statSync(join(out, draft)).mode & 0o777, draft).toBe(0o600);
  });
});
