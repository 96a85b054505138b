/**
 * A blank, noindex `index.html` in every folder of the built site that has none (`kit/`, `for/`,
 * image folders…). A server with directory listing on (a stock Apache) would otherwise answer
 * `/kit/` with "Index of /kit" and every partner's secret link in it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Says nothing and links nowhere: there is nothing to see in a folder. */
export const placeholderHtml =
  '<!doctype html>\n<html><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><title></title></head><body></body></html>\n';

/** Writes the placeholder into `dir` and each folder under it that lacks an index.html. */
export async function writePlaceholders(dir: string): Promise<string[]> {
  const written: string[] = [];
  const folders = [
    dir, // Synchronous: Node's asynchronous recursive listing awaits each folder in turn, seconds for a large kit.
    ...readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(entry.parentPath, entry.name)),
  ];
  for (const folder of folders) {
    const index = join(folder, 'index.html');
    if (existsSync(index)) continue;
    await writeFile(index, placeholderHtml);
    written.push(index);
  }
  return written;
}
