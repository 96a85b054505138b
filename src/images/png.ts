/**
 * PNG files from resvg's pixels, compressed by Node's own zlib. A card is flat colours and
 * anti-aliased text, about 130 colours, so it is stored as a palette image (one byte a pixel):
 * exact, half the size of RGBA, and no slower to write. Images with more colours (a photo) are
 * RGBA without row filters at a fast zlib level. docs/benchmarks.md has the
 * figures for the options measured (zlib levels and strategies, row filters, sharp, a WASM
 * encoder, resvg's own asPng()).
 */
import { constants, crc32, deflateSync, type ZlibOptions } from 'node:zlib';

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** zlib level 3 for RGBA: past it, files shrink by a few percent and take twice as long. */
const compressionLevel = 3;
/**
 * Palette rows are runs of one byte, which zlib's run-length strategy finds as well as level 3
 * does (within 2% on our cards) in two thirds of the time: see docs/benchmarks.md.
 */
const paletteDeflate = { strategy: constants.Z_RLE };

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  // The checksum covers the type and the data.
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

let scratch = Buffer.alloc(0);

/**
 * The rows to compress are laid out in one buffer kept for the next image: a fresh 3–5 MB buffer
 * per image costs the kernel a page fault for every 4 KB of it (a sixth of a worker's time went
 * to the kernel). Every byte in `size` is written before it is read; encoding is synchronous.
 */
function rowBuffer(size: number): Buffer {
  if (scratch.length < size) scratch = Buffer.allocUnsafeSlow(size);
  return scratch.subarray(0, size);
}

/** The largest palette PNG allows. */
const paletteLimit = 256;
/** Open-addressing table from a pixel's 32 bits to its palette index, reused between images. */
const slots = 1024;
const slotColour = new Int32Array(slots);
const slotIndex = new Int16Array(slots);

/**
 * Pixels compared with the row above at a time. Most of a card is flat colour or repeats the row
 * above, and a native comparison of 256 pixels costs less than looking at a few of them one by
 * one here: indexing a card went from 3–6 ms to 2–3 ms (shorter spans cost more in calls than
 * they save; measured 32, 64 and 256 pixels, and whole rows).
 */
const spanPixels = 256;

/**
 * Writes the rows as palette indices, one byte a pixel, if the image has at most 256 colours;
 * returns the palette (premultiplied RGBA as signed 32-bit numbers, in order of first
 * appearance), or undefined when there are more. A card is flat colours and anti-aliased text:
 * about 130 colours. (Signed, so V8 keeps every value a 32-bit integer: with unsigned ones over
 * 2³¹ this loop ran five times slower.) A span of pixels the same as the span above it takes
 * the indices written for that one: the same colours, all seen already, so the palette and its
 * order are what a look at every pixel gives.
 */
function indexRows(bytes: Buffer, pixels: Int32Array, width: number, height: number, rows: Uint8Array): Int32Array | undefined {
  const colourAt = slotColour;
  const indexAt = slotIndex;
  indexAt.fill(-1);
  const palette = new Int32Array(paletteLimit);
  let count = 0;
  // No pixel has this value before the first is read: it is compared only after `lastIndex` is set.
  let last = pixels[0]! ^ 1;
  let lastIndex = 0;
  for (let y = 0, p = 0; y < height; y++) {
    let out = y * (width + 1);
    rows[out++] = 0; // filter: none
    const rowEnd = p + width;
    while (p < rowEnd) {
      const end = Math.min(p + spanPixels, rowEnd);
      if (y > 0 && bytes.compare(bytes, (p - width) * 4, (end - width) * 4, p * 4, end * 4) === 0) {
        // The indices of the span above: `width + 1` bytes back, as each row starts with its filter byte.
        rows.copyWithin(out, out - width - 1, out - width - 1 + (end - p));
        out += end - p;
        p = end;
        last = pixels[p - 1]!;
        lastIndex = rows[out - 1]!;
        continue;
      }
      for (; p < end; p++, out++) {
        const colour = pixels[p]!;
        if (colour !== last) {
          // Knuth's multiplicative hash; the table is four times the palette, so probes are short.
          let slot = Math.imul(colour, -1640531535) >>> 22;
          let index = indexAt[slot]!;
          while (index !== -1 && colourAt[slot] !== colour) {
            slot = (slot + 1) & (slots - 1);
            index = indexAt[slot]!;
          }
          if (index === -1) {
            if (count === paletteLimit) return undefined;
            colourAt[slot] = colour;
            indexAt[slot] = count;
            palette[count] = colour;
            index = count++;
          }
          last = colour;
          lastIndex = index;
        }
        rows[out] = lastIndex;
      }
    }
  }
  return palette.subarray(0, count);
}

/**
 * Whether a sample of the pixels (every third of every third row) already has more than 256
 * colours: a photo does within a few rows of it, so its image goes straight to RGBA instead of
 * indexing most of the rows first (which doubled its encoding time).
 */
function sampleHasManyColours(pixels: Int32Array, width: number, height: number): boolean {
  const colourAt = slotColour;
  const indexAt = slotIndex;
  indexAt.fill(-1);
  let count = 0;
  let last = pixels[0]! ^ 1;
  for (let y = 0; y < height; y += 3) {
    for (let p = y * width, end = p + width; p < end; p += 3) {
      const colour = pixels[p]!;
      if (colour === last) continue;
      last = colour;
      let slot = Math.imul(colour, -1640531535) >>> 22;
      while (indexAt[slot] !== -1 && colourAt[slot] !== colour) slot = (slot + 1) & (slots - 1);
      if (indexAt[slot] === -1) {
        if (count === paletteLimit) return true;
        colourAt[slot] = colour;
        indexAt[slot] = count++;
      }
    }
  }
  return false;
}

/** A premultiplied channel as PNG stores it, straight. */
const straight = (channel: number, alpha: number) => (alpha === 255 || alpha === 0 ? channel : Math.min(255, Math.round((channel * 255) / alpha)));

function header(width: number, height: number, colourType: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bits per channel (or per palette index)
  ihdr[9] = colourType;
  // Bytes 10–12: deflate compression, standard filtering, no interlace (all 0).
  return chunk('IHDR', ihdr);
}

/** Other ways to encode, for the benchmark that measured them (`npm run bench -- --images --png`). */
export interface PngOptions {
  /** `false`: always RGBA, even for an image of few colours. */
  palette?: boolean;
  /** zlib options for palette rows. */
  paletteDeflate?: ZlibOptions;
  /** zlib options for RGBA rows. */
  rgbaDeflate?: ZlibOptions;
}

/**
 * Encodes 8-bit RGBA pixels, premultiplied by alpha as resvg (tiny-skia) keeps them. An image of
 * at most 256 colours becomes a palette PNG (one byte a pixel instead of four: half the file, in
 * about the same time), exactly, with no colour changed; any other an RGBA PNG, which stores
 * colours straight. Opaque pixels, nearly all of ours, are the same either way.
 */
export function encodePng(premultiplied: Uint8Array, width: number, height: number, options: PngOptions = {}): Buffer {
  const stride = width * 4;
  if (premultiplied.length !== stride * height) throw new Error(`expected ${width}×${height} RGBA pixels, got ${premultiplied.length} bytes`);
  // resvg's buffers start on a 4-byte boundary; a copy makes any other one readable 32 bits at a time.
  const aligned = premultiplied.byteOffset % 4 === 0 ? premultiplied : Uint8Array.from(premultiplied);
  const pixels = new Int32Array(aligned.buffer, aligned.byteOffset, width * height);
  const indexed = rowBuffer((width + 1) * height);
  const bytes = Buffer.from(aligned.buffer, aligned.byteOffset, aligned.length);
  const palette = options.palette === false || sampleHasManyColours(pixels, width, height) ? undefined : indexRows(bytes, pixels, width, height, indexed);
  if (palette) {
    const colours = Buffer.alloc(palette.length * 3);
    const alphas = Buffer.alloc(palette.length);
    palette.forEach((colour, i) => {
      // Little-endian: the 32-bit number of bytes R, G, B, A is A<<24 | B<<16 | G<<8 | R.
      const alpha = (colour >>> 24) & 0xff;
      colours[i * 3] = straight(colour & 0xff, alpha);
      colours[i * 3 + 1] = straight((colour >>> 8) & 0xff, alpha);
      colours[i * 3 + 2] = straight((colour >>> 16) & 0xff, alpha);
      alphas[i] = alpha;
    });
    const transparent = alphas.some((alpha) => alpha !== 255);
    return Buffer.concat([
      signature,
      header(width, height, 3),
      chunk('PLTE', colours),
      ...(transparent ? [chunk('tRNS', alphas)] : []),
      chunk('IDAT', deflateSync(indexed, options.paletteDeflate ?? paletteDeflate)),
      chunk('IEND', new Uint8Array()),
    ]);
  }
  const rows = rowBuffer((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1) + 1;
    // Each row starts with its filter type: 0, none.
    rows[start - 1] = 0;
    rows.set(premultiplied.subarray(y * stride, (y + 1) * stride), start);
    for (let x = start + 3; x < start + stride; x += 4) {
      const alpha = rows[x]!;
      if (alpha === 255 || alpha === 0) continue;
      for (let c = x - 3; c < x; c++) rows[c] = straight(rows[c]!, alpha);
    }
  }
  return Buffer.concat([signature, header(width, height, 6), chunk('IDAT', deflateSync(rows, options.rgbaDeflate ?? { level: compressionLevel })), chunk('IEND', new Uint8Array())]);
}
