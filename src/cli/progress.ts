/**
 * Progress of a long build on a terminal: one line, rewritten in place, such as
 * `Drawing images: 1,204 of 3,201 · 850 pages generated`. Nothing at all when the output is not
 * a terminal (a CI log, a pipe) or when `--json` asks for machine-readable output.
 */
import type { BuildProgress } from '../build/build-site.ts';

const count = (n: number) => n.toLocaleString('en-US');

/** The line for a moment of the build; empty while there is nothing to tell yet. */
export function progressText({ imagesDrawn, imagesToDraw, pages }: BuildProgress): string {
  const parts = [
    ...(imagesToDraw ? [imagesDrawn < imagesToDraw ? `Drawing images: ${count(imagesDrawn)} of ${count(imagesToDraw)}` : `Drew ${count(imagesToDraw)} images`] : []),
    ...(pages ? [`${count(pages)} ${pages === 1 ? 'page' : 'pages'} generated`] : []),
  ];
  return parts.join(' · ');
}

/** Where progress goes: a terminal's error stream, say. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** A progress line on `stream` if it is a terminal; `done` clears it before the summary is printed. */
export function terminalProgress(stream: ProgressStream): { update: (progress: BuildProgress) => void; done: () => void } | undefined {
  if (!stream.isTTY) return undefined;
  let shown = '';
  return {
    update(progress) {
      const text = progressText(progress);
      if (text === shown) return;
      // Carriage return, then erase the line: the new text replaces the old in place.
      stream.write(`\r\x1b[2K${text}`);
      shown = text;
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
      shown = '';
    },
  };
}
