/** Reading rendered PNGs back: size, pixels, colour checks and QR decoding. */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export interface Picture {
  width: number;
  height: number;
  data: Buffer;
}

export function decodePng(bytes: Buffer): Picture {
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height, data: png.data };
}

export function pixel(picture: Picture, x: number, y: number): [number, number, number] {
  const i = (y * picture.width + x) * 4;
  return [picture.data[i]!, picture.data[i + 1]!, picture.data[i + 2]!];
}

export function hex(color: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as [number, number, number];
}

/** Pixels in a rectangle that differ from `color` by more than a rounding error. */
export function strayPixels(picture: Picture, rect: { x: number; y: number; width: number; height: number }, color: string): number {
  const [r, g, b] = hex(color);
  let stray = 0;
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x; x < rect.x + rect.width; x++) {
      const [pr, pg, pb] = pixel(picture, x, y);
      if (Math.abs(pr - r) + Math.abs(pg - g) + Math.abs(pb - b) > 6) stray++;
    }
  }
  return stray;
}

/** How many distinct colours a picture uses: a blank image has one. */
export function colourCount(picture: Picture): number {
  const seen = new Set<number>();
  for (let i = 0; i < picture.data.length; i += 4 * 7) seen.add(picture.data.readUInt32BE(i));
  return seen.size;
}

export function decodeQr(picture: Picture): string | undefined {
  return jsQR(new Uint8ClampedArray(picture.data), picture.width, picture.height)?.data;
}

/** Share of pixels whose colour differs noticeably between two same-sized pictures. */
export function differingShare(a: Picture, b: Picture): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const delta = Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!);
    if (delta > 48) differing++;
  }
  return differing / (a.width * a.height);
}
