/** Plain text of rendered HTML, as a browser's `innerText` gives it: what a partner copies or mails. */
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';

export function htmlToText(html: string): string {
  const text = toText(fromHtml(html, { fragment: true }));
  // Browsers drop collapsible spaces at both ends of a line (after a <br>, say); so does this.
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n[ \t]+/g, '\n')
    .trim();
}
