/**
 * Photos for images: checked before use (a real picture, not absurdly large, by
 * src/kit/photos.ts) and scaled down before embedding, so a 12-megapixel phone photo costs the
 * card no more than a thumbnail. resvg both decodes and scales, so no image library is needed.
 */
import { readFileSync, statSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { inspectPhotoFile, photoMimeTypes } from '../kit/photo-file.ts';

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
  // The file's time and size are in the key: a process that builds again (`build --watch`) must
  // draw a photo the owner replaced under the same name.
  const stats = statSync(file);
  const key = `${file}:${stats.mtimeMs}:${stats.size}@${size}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const { info, problem } = inspectPhotoFile(file);
  if (!info) throw new Error(`${file} ${problem}`);
  const bytes = readFileSync(file);
  const turned = info.orientation >= 5;
  const scale = size / Math.min(turned ? info.height : info.width, turned ? info.width : info.height);
  const [w, h] = [info.width * scale, info.height * scale];
  const [shownW, shownH] = turned ? [h, w] : [w, h];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><g transform="translate(${(size - shownW) / 2} ${(size - shownH) / 2})"><image width="${w}" height="${h}" preserveAspectRatio="none" transform="${orientationMatrix(info.orientation, w, h)}" href="data:${photoMimeTypes[info.type]};base64,${bytes.toString('base64')}"/></g></svg>`;
  const png = new Resvg(svg).render().asPng();
  const uri = `data:image/png;base64,${png.toString('base64')}`;
  cache.set(key, uri);
  return uri;
}
