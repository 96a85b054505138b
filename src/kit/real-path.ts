/**
 * Paths compared as the file system sees them. `content` may be a symbolic link into `site/`, and
 * `site` may not exist yet: every "is this inside that" check resolves both sides through
 * `realpath` of the nearest existing ancestor, never the path as typed.
 */
import { realpathSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

function missing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The real path of `path`: its nearest existing ancestor resolved, the missing rest appended. */
export async function realPathOf(path: string): Promise<string> {
  const absolute = resolve(path);
  const rest: string[] = [];
  // Bounded: each step removes one segment, and the root always exists.
  for (let existing = absolute; ; existing = dirname(existing)) {
    try {
      return join(await realpath(existing), ...rest.reverse());
    } catch (error) {
      if (!missing(error) || dirname(existing) === existing) return absolute;
      rest.push(basename(existing));
    }
  }
}

/** `realPathOf`, synchronously, for checks made while loading content. */
export function realPathOfSync(path: string): string {
  const absolute = resolve(path);
  const rest: string[] = [];
  for (let existing = absolute; ; existing = dirname(existing)) {
    try {
      return join(realpathSync(existing), ...rest.reverse());
    } catch (error) {
      if (!missing(error) || dirname(existing) === existing) return absolute;
      rest.push(basename(existing));
    }
  }
}

/** Whether `child` is `parent` or inside it, comparing the paths as given (resolve them first). */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
