/**
 * Web addresses in an email's HTML part made clickable. A script's `{kit_url}` is filled in as
 * text, so the HTML a script renders to holds bare addresses; a mail app shows them as links only
 * sometimes. Text already inside a link, and anything that is not an http(s) address, is left as it is.
 */
import type { Element, ElementContent, Root, Text } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';

const webAddress = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

function split(node: Text): ElementContent[] {
  const parts: ElementContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(webAddress)) {
    if (match.index > last) parts.push({ type: 'text', value: node.value.slice(last, match.index) });
    parts.push({ type: 'element', tagName: 'a', properties: { href: match[0] }, children: [{ type: 'text', value: match[0] }] });
    last = match.index + match[0].length;
  }
  if (!parts.length) return [node];
  if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
  return parts;
}

function visit(parent: Root | Element): void {
  const children: unknown[] = [];
  for (const child of parent.children) {
    if (child.type === 'text') children.push(...split(child));
    else {
      if (child.type === 'element' && child.tagName !== 'a') visit(child);
      children.push(child);
    }
  }
  parent.children = children as typeof parent.children;
}

export function linkifyHtml(fragment: string): string {
  const tree = fromHtml(fragment, { fragment: true });
  visit(tree);
  return toHtml(tree);
}
