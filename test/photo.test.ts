import { copyFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { squarePhoto } from '../src/images/photo.ts';
import { inspectPhoto, inspectPhotoFile, photoLimits } from '../src/kit/photo-file.ts';
import { fixture, tempDir } from './helpers/fixtures.ts';
import { decodePng, pixel } from './helpers/png.ts';

describe('photos', () => {
  it('accepts pictures and says what is wrong with anything else', () => {
    expect(inspectPhoto(new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="6"/>').render().asPng()).info).toMatchObject({ type: 'png', width: 8, height: 6 });
    expect(inspectPhoto(Buffer.from('not a picture at all')).problem).toBe('is not a picture (expected a JPEG, PNG, WebP or GIF file)');
    expect(inspectPhoto(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')).problem).toBe('is a SVG file; use a JPEG, PNG, WebP or GIF');
  });

  it('refuses a huge file without reading it', () => {
    const file = join(tempDir('huge'), 'huge.jpg');
    writeFileSync(file, Buffer.alloc(photoLimits.bytes + 1));
    expect(inspectPhotoFile(file).problem).toBe('is 25 MB; use a photo under 25 MB');
  });

  it('crops to a centred square and scales down before embedding', () => {
    const uri = squarePhoto(fixture('basic/photos/pat-lee.png'), 64);
    const picture = decodePng(Buffer.from(uri.replace('data:image/png;base64,', ''), 'base64'));
    expect([picture.width, picture.height]).toEqual([64, 64]);
    // Portrait 320×400: the square keeps the middle, so the head (brown) is near the top third.
    const [r, g, b] = pixel(picture, 32, 24);
    expect(r).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(b);
  });

  it('draws a photo replaced under the same name anew, in a process that builds again (build --watch)', () => {
    const file = join(tempDir('replaced-photo'), 'owner.png');
    copyFileSync(fixture('basic/photos/pat-lee.png'), file);
    utimesSync(file, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    const before = squarePhoto(file, 32);
    copyFileSync(fixture('basic/photos/alex-rivera.png'), file);
    utimesSync(file, new Date('2026-01-02T00:00:00Z'), new Date('2026-01-02T00:00:00Z'));
    const after = squarePhoto(file, 32);
    expect(after).not.toBe(before);
    expect(after).toBe(squarePhoto(fixture('basic/photos/alex-rivera.png'), 32));
  });
});
