/**
 * The process a build starts to tidy up after earlier builds while Astro bundles: it removes the
 * sites they replaced (the folders given as arguments) and trims Node's compile cache
 * (src/build/compile-cache.ts). A process of its own, in a session of its own and at a lower
 * priority: src/build/build-site.ts says why.
 */
import { rmSync } from 'node:fs';
import { lowerOwnSession, lowerProcess } from '../kit/priority.ts';
import { compileCacheDir, trimCompileCache } from './compile-cache.ts';

lowerOwnSession();
lowerProcess(0);
for (const dir of process.argv.slice(2)) rmSync(dir, { recursive: true, force: true });
trimCompileCache(compileCacheDir);
