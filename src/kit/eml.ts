/**
 * Email drafts as `.eml` files (RFC 5322, MIME, UTF-8) that a desktop mail client opens ready to
 * review and send. Nodemailer's MailComposer writes the message (RFC 2047 encoded names and
 * subject, quoted-printable bodies, a text and an HTML alternative); nothing is sent, and it
 * reads no file and no URL.
 */
import { dir } from '../i18n/catalog.ts';
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { fromHtml } from 'hast-util-from-html';
import MailComposer from 'nodemailer/lib/mail-composer';

export interface Mailbox {
  name: string;
  address: string;
}

export interface EmailDraft {
  from: Mailbox;
  to: Mailbox;
  subject: string;
  text: string;
  /** An HTML fragment; it becomes the body of a small HTML document. */
  html: string;
  /** Language of the HTML part, like `en`. */
  language: string;
  /** The Date header: when the draft was written. */
  date: Date;
  /** The Message-ID header, `<…@…>`; MailComposer makes one up when it is left out. */
  messageId?: string | undefined;
  /** False for a message sent or put in a Drafts folder: no `X-Unsent` header. Defaults to true. */
  unsent?: boolean | undefined;
}

/**
 * One line, whatever a value holds: line breaks (and other control characters) become spaces,
 * so no value can end a header and start another, on top of the encoding MailComposer applies.
 */
export function headerText(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** RFC 5322 ends every line with CRLF; MailComposer passes body text through as it is. */
function crlf(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

function mailbox({ name, address }: Mailbox): Mailbox {
  return { name: headerText(name), address: headerText(address) };
}

/**
 * Long words wrap instead of running past the screen's edge: a kit link is one long "word", and a
 * phone mail app would otherwise show it cut off or make the whole message scroll sideways. Inline
 * styles, because several mail apps drop a `<style>` element; `word-break` for those that do not
 * know `overflow-wrap: anywhere`.
 */
const wrapAnywhere = 'overflow-wrap:anywhere;word-break:break-word';
const linkWrap = 'overflow-wrap:anywhere;word-break:break-all';

function wrapLinks(node: Root | Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'a') child.properties.style = linkWrap;
    wrapLinks(child);
  }
}

/** The HTML part: the rendered script in a minimal document with its charset and language. */
export function emailHtml(fragment: string, subject: string, language: string): string {
  const body = fromHtml(fragment, { fragment: true });
  wrapLinks(body);
  const document: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: language, dir: dir(language) === 'rtl' ? 'rtl' : undefined }, [
        h('head', [h('meta', { charset: 'utf-8' }), h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }), h('title', subject)]),
        h('body', { style: wrapAnywhere }, body.children as never),
      ]),
    ],
  };
  return `${toHtml(document)}\n`;
}

/**
 * The `.eml` bytes of a draft. `X-Unsent: 1` makes Outlook and other desktop clients open it as
 * a draft to send rather than as a received message.
 */
export async function composeEml(draft: EmailDraft): Promise<Buffer> {
  const subject = headerText(draft.subject);
  const composer = new MailComposer({
    from: mailbox(draft.from),
    to: mailbox(draft.to),
    subject,
    text: crlf(draft.text),
    html: crlf(emailHtml(draft.html, subject, draft.language)),
    date: draft.date,
    ...(draft.messageId ? { messageId: draft.messageId } : {}),
    headers: draft.unsent === false ? {} : { 'X-Unsent': '1' },
    textEncoding: 'quoted-printable',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return composer.compile().build();
}
