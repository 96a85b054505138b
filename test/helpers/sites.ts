/**
 * Built sites for browser tests: the example kit in content/ and fixture kits, each built once per
 * test run with the real build and shared by every test file that asks for it. The first file to
 * ask builds it; others wait on a per-site lock and reuse it. The folder comes from
 * test/global-setup.ts, which removes it when the run ends.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { buildSite } from '../../src/build/build-site.ts';
import { withLock } from '../../src/build/lock.ts';
import type { KitContent } from '../../src/kit/load.ts';
import { contentDirOf, loadContent, type SiteName } from './site-pages.ts';

export interface BuiltSite {
  name: SiteName;
  dist: string;
  content: KitContent;
}

export async function builtSite(name: SiteName): Promise<BuiltSite> {
  const dist = join(inject('siteCache'), name, 'dist');
  await withLock(join(inject('siteCache'), `${name}.lock`), () => {}, async () => {
    if (existsSync(join(dist, 'index.html'))) return;
    const result = await buildSite({ contentDir: contentDirOf(name), outDir: dist });
    if (!result.ok) throw new Error(`building ${name} failed: ${result.reason}`);
  });
  return { name, dist, content: await loadContent(name) };
}
