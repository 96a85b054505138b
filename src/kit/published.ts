/**
 * Where a private file must never go: anywhere the build publishes. Reports name prospects and
 * drafts hold secret kit links; in the project's `public/` (copied into the site as it is) or
 * `src/` (pages and what they import), in the output folder, or in a folder that is a built site,
 * the next deploy would publish them. Compared by real path, so a symbolic link into `public/`
 * is refused as `public/` itself.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { displayPath } from './diagnostics.ts';
import { isInside, realPathOf } from './real-path.ts';

/** The project's folders that end up in the site, and what to call them. */
const publishedProjectFolders = [
  ['public', 'is copied into the site'],
  ['src', 'holds the pages the site is built from'],
  ['dist', 'is where the site is built'],
] as const;

function looksBuilt(dir: string): boolean {
  return existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'kit')) && statSync(join(dir, 'kit')).isDirectory();
}

/** Why `path` (a file or folder to write) would be published, or undefined when it would not. */
export async function publishedPlace(path: string, projectRoot: string, outDirs: readonly string[] = []): Promise<string | undefined> {
  const real = await realPathOf(path);
  for (const [folder, why] of publishedProjectFolders) {
    const dir = await realPathOf(join(projectRoot, folder));
    if (isInside(real, dir)) return `${displayPath(dir)} ${why}`;
  }
  for (const out of outDirs) {
    const dir = await realPathOf(out);
    if (isInside(real, dir)) return `${displayPath(dir)} is where the site is built`;
  }
  // Bounded: each step goes one folder up, and the root is its own parent.
  for (let dir = real; ; dir = dirname(dir)) {
    if (looksBuilt(dir)) return `${displayPath(dir)} looks like a built site`;
    if (dirname(dir) === dir) return undefined;
  }
}
