/** Which kit folder a build reads: `REFERRAL_KIT_CONTENT`, set by `referral-kit build --content`, or ./content. */
import { resolve } from 'node:path';
import type { ImageRun } from '../images/write.ts';
import { loadKit, type LoadResult } from '../kit/load.ts';

export const contentDirVariable = 'REFERRAL_KIT_CONTENT';

export function contentDir(root: string = process.cwd()): string {
  return resolve(root, process.env[contentDirVariable] || 'content');
}

/** On the global object: Astro loads the integration through its own module loader, not this module. */
const readByCli = Symbol.for('referral-kit.content-read-by-cli');
const imagesByCli = Symbol.for('referral-kit.images-started-by-cli');

/**
 * `referral-kit build` has read and checked the kit before starting Astro, and started its
 * images; the integration and the content loader take that reading rather than each reading
 * every file again (seconds, for thousands of partners), and the integration finishes those
 * images. `undefined` ends the sharing when the build is over.
 */
export function shareReading(result: LoadResult | undefined, images?: ImageRun): void {
  const slots = globalThis as Record<symbol, unknown>;
  slots[readByCli] = result;
  slots[imagesByCli] = result && images;
}

/** The images the CLI started for the kit in `dir`, if it did: once, to the one build that finishes them. */
export function takeSharedImages(dir: string): ImageRun | undefined {
  const slots = globalThis as Record<symbol, unknown>;
  const shared = slots[readByCli] as LoadResult | undefined;
  const images = slots[imagesByCli] as ImageRun | undefined;
  if (!images || shared?.content?.contentDir !== resolve(dir)) return undefined;
  delete slots[imagesByCli];
  return images;
}

/** The kit in `dir`: the CLI's reading of it when there is one, else read now. */
export async function readKit(dir: string): Promise<LoadResult> {
  const shared = (globalThis as Record<symbol, unknown>)[readByCli] as LoadResult | undefined;
  if (shared?.content?.contentDir === resolve(dir)) return shared;
  return loadKit(dir);
}
