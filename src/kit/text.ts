/** Plain text of rendered HTML, as a browser's `innerText` gives it: what a partner copies or mails. */
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';

export function htmlToText(html: string): string {
  const text = toText(fromHtml(html, { fragment: true }));
  // Browsers drop collapsible spaces at both ends of a line (after a <br>, say); so does this.
  return text.replace(/[ \t]+\n/g, '\n').replace(/\n[ \t]+/g, '\n').trim();
}

/** Paragraphs of a plain-text field (a partner's greeting): split on blank lines. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

/** A value for the terminal: control characters shown escaped, so a hostile name cannot move the cursor or recolour the screen. */
export function printable(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}
