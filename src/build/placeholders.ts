/**
 * A blank, noindex `index.html` in every folder of the built site that has none (`kit/`, `for/`,
 * image folders…). A server with directory listing on (a stock Apache) would otherwise answer
 * `/kit/` with "Index of /kit" and every partner's secret link in it.
 */
import { type Dirent, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Says nothing and links nowhere: there is nothing to see in a folder. */
export const placeholderHtml =
  '<!doctype html>\n<html><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer"><title></title></head><body></body></html>\n';

/** Everything under a site folder, listed once: synchronously, as Node's asynchronous recursive listing awaits each folder in turn (seconds for a large kit). */
export function listSite(dir: string): Dirent[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true });
}

/** The pages in a listing of the site: its HTML files. */
export function countPages(listing: readonly Dirent[]): number {
  return listing.filter((entry) => entry.isFile() && entry.name.endsWith('.html')).length;
}

/** Writes the placeholder into `dir` and each folder under it that lacks an index.html (`listing`: `listSite(dir)`). */
export async function writePlaceholders(dir: string, listing: readonly Dirent[] = listSite(dir)): Promise<string[]> {
  const written: string[] = [];
  const withIndex = new Set(listing.filter((entry) => entry.name === 'index.html' && !entry.isDirectory()).map((entry) => join(entry.parentPath)));
  const folders = [join(dir), ...listing.filter((entry) => entry.isDirectory()).map((entry) => join(entry.parentPath, entry.name))];
  for (const folder of folders) {
    if (withIndex.has(folder)) continue;
    const index = join(folder, 'index.html');
    await writeFile(index, placeholderHtml);
    written.push(index);
  }
  return written;
}
