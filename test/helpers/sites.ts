/**
 * Built sites shared by every test file that needs an unmodified kit: the example kit in content/
 * and the fixture kits, each built once per test run by `referral-kit build` (run in-process, as
 * test/helpers/cli.ts does) and shared by every file that asks for it, in any project. The first
 * file to ask builds it and keeps what the command printed; others wait on a per-site lock and
 * reuse both. The folder comes from test/global-setup.ts, which removes it when the run ends.
 *
 * A shared site is read-only: a test that changes a site, or builds changed content, builds its
 * own copy (copy `dist` with cpSync to start from a previous build).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { withLock } from '../../src/build/lock.ts';
import type { KitContent } from '../../src/kit/load.ts';
import { runCli, type CliRun } from './cli.ts';
import { contentDirOf, loadContent, type SiteName } from './site-pages.ts';

export interface BuiltSite {
  name: SiteName;
  dist: string;
  content: KitContent;
  /** What `referral-kit build` printed when it built this site, and its exit code (0). */
  run: CliRun;
}

export async function builtSite(name: SiteName): Promise<BuiltSite> {
  const folder = join(inject('siteCache'), name);
  const dist = join(folder, 'dist');
  // Written once the build succeeded, so its presence means the site is complete.
  const runFile = join(folder, 'build-run.json');
  await withLock(
    join(inject('siteCache'), `${name}.lock`),
    () => {},
    async () => {
      if (existsSync(runFile)) return;
      const run = await runCli(['build', '--content', contentDirOf(name), '--out', dist]);
      if (run.code !== 0) throw new Error(`building ${name} failed (exit code ${run.code}):\n${run.stderr}`);
      writeFileSync(runFile, JSON.stringify(run));
    },
  );
  return { name, dist, content: await loadContent(name), run: JSON.parse(readFileSync(runFile, 'utf8')) as CliRun };
}
