/**
 * The owner's photo on the home and prospect pages: `owner.photo`, cropped to a square and scaled
 * down, as one small PNG the site serves itself. The build writes it next to the pages; the dev
 * server draws it on request. Its path changes with the photo, so a new photo is never hidden
 * behind a cached old one.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { KitData } from '../schemas/kit.ts';
import { squarePhoto } from './photo.ts';

/** Pixels a side: twice the 96 CSS pixels it is shown at, for sharp phone screens. */
export const ownerPhotoSize = 192;

export interface OwnerPhoto {
  /** Path inside the site. */
  path: string;
  file: string;
}

const digests = new Map<string, string>();

/** Where the photo is published, or undefined when kit.yaml names none. */
export function ownerPhoto(kit: KitData, contentDir: string): OwnerPhoto | undefined {
  if (!kit.owner.photo) return undefined;
  const file = resolve(contentDir, kit.owner.photo);
  // Every page asks; the file is read again only when it changed (in dev, as the owner edits).
  const { mtimeMs, size } = statSync(file);
  const key = `${file}:${mtimeMs}:${size}`;
  let digest = digests.get(key);
  if (!digest) {
    digest = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 10);
    digests.set(key, digest);
  }
  return { path: `owner-${digest}.png`, file };
}

/** The PNG the site serves. */
export function ownerPhotoPng(photo: OwnerPhoto): Buffer {
  return Buffer.from(squarePhoto(photo.file, ownerPhotoSize).replace(/^data:image\/png;base64,/, ''), 'base64');
}
