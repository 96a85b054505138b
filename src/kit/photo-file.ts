/**
 * Whether a photo file is a usable picture (a JPEG, PNG, WebP or GIF of a sane size), read with
 * image-size alone: checking content never loads the native image renderer.
 */
import { readFileSync, statSync } from 'node:fs';
import { imageSize } from 'image-size';

export const photoLimits = { bytes: 25 * 1024 * 1024, pixels: 60_000_000 };

export const photoMimeTypes: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' };

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
  if (!photoMimeTypes[type]) return { problem: `is a ${type.toUpperCase()} file; use a JPEG, PNG, WebP or GIF` };
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
