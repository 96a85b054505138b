/**
 * Cache keys for the pages Astro's incremental build may reuse from the previous build of a kit
 * (`experimental.incrementalBuild`: a page whose key and code are both unchanged is copied, not
 * rendered). A key must change whenever anything the page shows could, so it is a hash of every
 * prop the page renders from (the very objects `getStaticPaths` hands it), plus what a page reads
 * outside its props (the owner's photo, by the digest in its path). The code, the catalogs and
 * the styles are not in it: Astro hashes each page's module graph, and its config, itself.
 */
import { createHash } from 'node:crypto';

/** Bumped when what goes into a key changes shape, so no key from older code is ever matched. */
const keyVersion = 1;

/** A hash of JSON-shaped values: what pages are given is data read from YAML and MDX. */
export function pageCacheKey(...parts: unknown[]): string {
  return createHash('sha256')
    .update(JSON.stringify([keyVersion, ...parts]))
    .digest('hex');
}
