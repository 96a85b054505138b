/**
 * Reading a content file safely: its size is checked before it is read (a 59 MB YAML file would
 * take minutes and gigabytes to check), and its bytes must be UTF-8 (anything else would be
 * published as "�"); either problem is a diagnostic at the file, not a crash.
 */
import { readFileSync, statSync } from 'node:fs';
import { diagnostic, startOfFile, type Diagnostic, type Position } from './diagnostics.ts';

const KiB = 1024;

/** The largest file of each kind `check` and the build read. Stated in the README's "Reliability" section. */
export const fileSizeLimits = {
  kit: 256 * KiB,
  partner: 64 * KiB,
  script: 64 * KiB,
  testimonial: 64 * KiB,
  ledger: 8 * KiB * KiB,
} as const;

export type ContentFileKind = keyof typeof fileSizeLimits;

function sizeText(bytes: number): string {
  return bytes >= KiB * KiB ? `${Math.round(bytes / KiB / KiB)} MB` : `${Math.round(bytes / KiB)} KB`;
}

/** The byte offset of the first byte that is not part of valid UTF-8, or -1 when all is valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    let length: number;
    let min: number;
    if (byte < 0x80) {
      i++;
      continue;
    } else if (byte >= 0xc2 && byte <= 0xdf) [length, min] = [2, 0x80];
    else if (byte >= 0xe0 && byte <= 0xef) [length, min] = [3, 0x800];
    else if (byte >= 0xf0 && byte <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    if (i + length > bytes.length) return i;
    let code = byte & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8 either.
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return i;
    i += length;
  }
  return -1;
}

/** The line and column (in characters) of a byte offset. */
function positionOfByte(bytes: Uint8Array, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = new TextDecoder().decode(bytes.subarray(lineStart, offset));
  return { line, column: [...before].length + 1 };
}

export type ContentFileText = { text: string; diagnostic?: undefined } | { text?: undefined; diagnostic: Diagnostic };

/**
 * A content file's text, or the diagnostic that says why it is not read. Read synchronously: a
 * content folder is a few hundred small files, and each asynchronous read is several round trips
 * through libuv's thread pool, which took a tenth of a second off every command.
 */
export async function readContentFile(file: string, kind: ContentFileKind): Promise<ContentFileText> {
  const limit = fileSizeLimits[kind];
  const { size } = statSync(file);
  if (size > limit) {
    return { diagnostic: diagnostic(file, startOfFile, 'error', `the file is ${sizeText(size)}; a ${kind} file can be at most ${sizeText(limit)}, so it was not read`) };
  }
  const bytes = readFileSync(file);
  return decodeContent(file, bytes);
}

/** UTF-8 bytes as text, or a diagnostic at the first byte that is not UTF-8. */
export function decodeContent(file: string, bytes: Uint8Array): ContentFileText {
  const invalid = firstInvalidUtf8(bytes);
  if (invalid >= 0) {
    const message = `byte 0x${bytes[invalid]!.toString(16).padStart(2, '0')} is not UTF-8 text: save the file as UTF-8 in your editor`;
    return { diagnostic: diagnostic(file, positionOfByte(bytes, invalid), 'error', message) };
  }
  // The byte-order mark stays, as readFile(…, 'utf8') keeps it: positions do not move.
  return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}
