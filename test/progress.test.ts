import { describe, expect, it } from 'vitest';
import { progressText, terminalProgress } from '../src/cli/progress.ts';

describe('build progress', () => {
  it('says how many images are drawn of those to draw, and how many pages are generated', () => {
    expect(progressText({ imagesDrawn: 0, imagesToDraw: 0, pages: 0 })).toBe('');
    expect(progressText({ imagesDrawn: 1204, imagesToDraw: 3201, pages: 0 })).toBe('Drawing images: 1,204 of 3,201');
    expect(progressText({ imagesDrawn: 1204, imagesToDraw: 3201, pages: 1 })).toBe('Drawing images: 1,204 of 3,201 · 1 page generated');
    expect(progressText({ imagesDrawn: 3201, imagesToDraw: 3201, pages: 3002 })).toBe('Drew 3,201 images · 3,002 pages generated');
    // Every image came from the cache: only the pages.
    expect(progressText({ imagesDrawn: 0, imagesToDraw: 0, pages: 12 })).toBe('12 pages generated');
  });

  it('rewrites one line on a terminal, and clears it when done', () => {
    const written: string[] = [];
    const progress = terminalProgress({ isTTY: true, write: (text: string) => written.push(text) })!;
    progress.update({ imagesDrawn: 1, imagesToDraw: 4, pages: 0 });
    progress.update({ imagesDrawn: 1, imagesToDraw: 4, pages: 0 });
    progress.update({ imagesDrawn: 2, imagesToDraw: 4, pages: 0 });
    progress.done();
    expect(written).toEqual(['\r\x1b[2KDrawing images: 1 of 4', '\r\x1b[2KDrawing images: 2 of 4', '\r\x1b[2K']);
  });

  it('writes nothing when the output is not a terminal', () => {
    expect(terminalProgress({ isTTY: false, write: () => expect.unreachable() })).toBeUndefined();
    expect(terminalProgress({ write: () => expect.unreachable() })).toBeUndefined();
  });
});
