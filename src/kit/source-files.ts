/**
 * What a cache key needs to know about code: the versions of installed packages, and every source
 * file of ours that a module runs. Used by the image cache (src/images/cache.ts), the script cache
 * (src/integration/script-cache.ts) and the partner-file cache (src/kit/yaml-cache.ts), so that
 * none of them keeps a list of files by hand.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

const packageVersions = new Map<string, string>();

/** An installed package's version, read once per process (every image key asks). Throws when it is not installed. */
export function packageVersion(name: string): string {
  let version = packageVersions.get(name);
  if (version === undefined) {
    version = readPackageVersion(name);
    packageVersions.set(name, version);
  }
  return version;
}

function readPackageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    // Some packages do not export package.json; find it next to their entry point.
    let dir = require.resolve(name);
    while (!existsSync(join(dir, 'package.json'))) dir = join(dir, '..');
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  }
}

/**
 * The relative modules a source file runs: static imports and re-exports, side-effect imports
 * and dynamic imports, but not `import type` (types run nothing). A regex is enough: it reads
 * only our own files, written in one style.
 */
function runtimeImports(text: string): string[] {
  const pattern = /^\s*(?:import|export)\s+(?!type\s)[^;'"]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|^\s*import\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/gm;
  return [...text.matchAll(pattern)].map((match) => (match[1] ?? match[2] ?? match[3])!);
}

/** Every source file of ours that the given modules run, found by following their imports; sorted. */
export function sourceFilesRunBy(roots: readonly string[]): string[] {
  const found = new Set<string>();
  const waiting = [...roots];
  // Bounded: each file is read once, and there are only so many files in src/.
  while (waiting.length) {
    const file = waiting.pop()!;
    if (found.has(file)) continue;
    found.add(file);
    for (const specifier of runtimeImports(readFileSync(file, 'utf8'))) waiting.push(resolve(dirname(file), specifier));
  }
  return [...found].sort();
}
