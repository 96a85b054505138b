/** The folder holding astro.config.mjs and src/: where the build runs Astro, whatever the working folder. */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Where a project keeps its caches (images, pages, scripts, partner files, Node's compiled code, the build lock). */
export function cacheDirOf(root: string): string {
  return join(root, 'node_modules', '.cache', 'referral-kit');
}

/** This project's caches. */
export const projectCacheDir = cacheDirOf(projectRoot);

/** The name a kit folder's entries go under in a cache (16 hex digits of its path's sha-256), so that two kit folders never share them. */
export function kitFolderId(contentDir: string): string {
  return createHash('sha256').update(contentDir).digest('hex').slice(0, 16);
}
