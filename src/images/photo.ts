/**
 * Photos for images: checked before use (a real picture, not absurdly large) and scaled down
 * before embedding, so a 12-megapixel phone photo costs the card no more than a thumbnail.
 * resvg both decodes and scales, so no image library is needed.
 */
import { readFileSync, statSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { imageSize } from 'image-size';

export const photoLimits = { bytes: 25 * 1024 * 1024, pixels: 60_000_000 };

const mimeTypes: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' };

export interface PhotoInfo {
  type: string;
  width: number;
  height: number;
  /** EXIF orientation (1–8) of phone photos. */
  orientation: number;
}

/** What is wrong with a photo file, or its size and type when it is usable. */
export function inspectPhoto(bytes: Uint8Array): { info?: PhotoInfo; problem?: string } {
  let size;
  try {
    size = imageSize(bytes);
  } catch {
    return { problem: 'is not a picture (expected a JPEG, PNG, WebP or GIF file)' };
  }
  const type = size.type ?? '';
  if (!mimeTypes[type]) return { problem: `is a ${type.toUpperCase()} file; use a JPEG, PNG, WebP or GIF` };
  if (size.width * size.height > photoLimits.pixels) {
    return { problem: `is ${size.width}×${size.height} pixels; use a photo under ${photoLimits.pixels / 1_000_000} megapixels` };
  }
  if (!size.width || !size.height) return { problem: 'has no size: the file looks damaged' };
  return { info: { type, width: size.width, height: size.height, orientation: size.orientation ?? 1 } };
}

/** Like `inspectPhoto`, for a file: a huge file is refused from its size, without reading it. */
export function inspectPhotoFile(file: string): { info?: PhotoInfo; problem?: string } {
  const { size } = statSync(file);
  if (size > photoLimits.bytes) return { problem: `is ${(size / 1024 / 1024).toFixed(0)} MB; use a photo under ${photoLimits.bytes / 1024 / 1024} MB` };
  return inspectPhoto(readFileSync(file));
}

/** Maps the stored picture onto the upright one, for each EXIF orientation (w, h: stored size). */
function orientationMatrix(orientation: number, w: number, h: number): string {
  const matrices: Record<number, number[]> = {
    2: [-1, 0, 0, 1, w, 0],
    3: [-1, 0, 0, -1, w, h],
    4: [1, 0, 0, -1, 0, h],
    5: [0, 1, 1, 0, 0, 0],
    6: [0, 1, -1, 0, h, 0],
    7: [0, -1, -1, 0, h, w],
    8: [0, -1, 1, 0, 0, w],
  };
  return `matrix(${(matrices[orientation] ?? [1, 0, 0, 1, 0, 0]).join(' ')})`;
}

const cache = new Map<string, string>();

/** The photo cropped to a centred square of `size` pixels, as a PNG data URI. */
export function squarePhoto(file: string, size: number): string {
  const key = `${file}@${size}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const { info, problem } = inspectPhotoFile(file);
  if (!info) throw new Error(`${file} ${problem}`);
  const bytes = readFileSync(file);
  const turned = info.orientation >= 5;
  const scale = size / Math.min(turned ? info.height : info.width, turned ? info.width : info.height);
  const [w, h] = [info.width * scale, info.height * scale];
  const [shownW, shownH] = turned ? [h, w] : [w, h];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><g transform="translate(${(size - shownW) / 2} ${(size - shownH) / 2})"><image width="${w}" height="${h}" preserveAspectRatio="none" transform="${orientationMatrix(info.orientation, w, h)}" href="data:${mimeTypes[info.type]};base64,${bytes.toString('base64')}"/></g></svg>`;
  const png = new Resvg(svg).render().asPng();
  const uri = `data:image/png;base64,${png.toString('base64')}`;
  cache.set(key, uri);
  return uri;
}
