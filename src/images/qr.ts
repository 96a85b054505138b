/** QR codes as vector paths (via `qrcode`), for PNG cards and the printable pocket card alike. */
import QRCode from 'qrcode';
import { Recent } from './recent.ts';

export interface QrCode {
  /** Width and height in modules, quiet zone included. */
  size: number;
  /** Dark modules as one SVG path, one unit per module. */
  path: string;
}

/** Four modules of white border: the quiet zone scanners need. */
const quietZone = 4;

/**
 * A partner's link is drawn five times on their two pocket-card pages (one card, then a sheet of
 * four) and once on each of their cards, one after another: making a code costs about 1 ms, which
 * was most of a pocket-card page's rendering time. The text is the code's one input.
 */
const recentCodes = new Recent<QrCode>(16);

export function qrCode(text: string): QrCode {
  return recentCodes.get(text, () => encode(text));
}

function encode(text: string): QrCode {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      parts.push(`M${start + quietZone} ${row + quietZone}h${col - start}v1h${start - col}z`);
    }
  }
  return { size: modules.size + 2 * quietZone, path: parts.join('') };
}

export function qrSvg(text: string, dark = '#111111', light = '#ffffff'): string {
  const { size, path } = qrCode(text);
  // Every module lies inside the viewBox, so the drawing needs no clipping where it is placed.
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" overflow="visible" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="${light}"/><path fill="${dark}" d="${path}"/></svg>`;
}
