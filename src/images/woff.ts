/**
 * WOFF 1.0 → plain OpenType. @fontsource ships WOFF (satori reads it), HarfBuzz reads only
 * OpenType; WOFF 1.0 is OpenType with each table zlib-compressed, so unpacking is cheap.
 */
import { inflateSync } from 'node:zlib';

const woffSignature = 0x774f4646; // 'wOFF'

export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (view.getUint32(0) !== woffSignature) return woff; // already OpenType
  const flavor = view.getUint32(4);
  const count = view.getUint16(12);
  const tables = Array.from({ length: count }, (_, i) => {
    const entry = 44 + i * 20;
    return {
      tag: view.getUint32(entry),
      offset: view.getUint32(entry + 4),
      compressedLength: view.getUint32(entry + 8),
      length: view.getUint32(entry + 12),
      checksum: view.getUint32(entry + 16),
    };
  });
  const headerLength = 12 + 16 * count;
  const padded = (n: number) => (n + 3) & ~3;
  const out = new Uint8Array(headerLength + tables.reduce((sum, t) => sum + padded(t.length), 0));
  const outView = new DataView(out.buffer);
  const power = 2 ** Math.floor(Math.log2(count));
  outView.setUint32(0, flavor);
  outView.setUint16(4, count);
  outView.setUint16(6, power * 16);
  outView.setUint16(8, Math.log2(power));
  outView.setUint16(10, count * 16 - power * 16);
  let offset = headerLength;
  tables.forEach((table, i) => {
    const stored = woff.subarray(table.offset, table.offset + table.compressedLength);
    const data = table.compressedLength < table.length ? inflateSync(stored) : stored;
    if (data.length !== table.length) throw new Error('corrupt WOFF table');
    out.set(data, offset);
    const record = 12 + 16 * i;
    outView.setUint32(record, table.tag);
    outView.setUint32(record + 4, table.checksum);
    outView.setUint32(record + 8, offset);
    outView.setUint32(record + 12, table.length);
    offset += padded(table.length);
  });
  return out;
}
