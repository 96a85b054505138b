/** Reading built pages the way a browser would: parsed HTML, CSS selectors, innerText. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';

export interface Page {
  html: string;
  tree: Root;
  one(selector: string): Element;
  all(selector: string): Element[];
  text(selector: string): string;
  attr(selector: string, name: string): string;
}

export function readPage(file: string): Page {
  const html = readFileSync(file, 'utf8');
  const tree = fromHtml(html);
  const one = (selector: string) => {
    const found = select(selector, tree);
    if (!found) throw new Error(`no ${selector} in ${file}`);
    return found;
  };
  return {
    html,
    tree,
    one,
    all: (selector) => selectAll(selector, tree),
    text: (selector) => toText(one(selector)).trim(),
    attr: (selector, name) => String(one(selector).properties[name] ?? ''),
  };
}

/**
 * Inline <style> blocks whose hash the page's own Content-Security-Policy does not list: what a
 * browser would refuse to apply. Hashed over the exact source text, as browsers do.
 */
export function unhashedStyles(page: Page): string[] {
  const policy = String(select('meta[http-equiv="content-security-policy"]', page.tree)?.properties.content ?? '');
  const allowed = /style-src ([^;]+)/.exec(policy)?.[1]?.split(' ') ?? [];
  return [...page.html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((match) => match[1]!).filter((css) => !allowed.includes(`'sha256-${createHash('sha256').update(css).digest('base64')}'`));
}
