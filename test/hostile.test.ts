/**
 * A kit whose every value is an injection attempt builds, and its pages stay inert: values are
 * text wherever they land (elements, attributes, mailto links, images), never markup or code.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from './helpers/cli.ts';
import { readPage, unhashedStyles } from './helpers/html.ts';
import { parseMailto } from './helpers/mailto.ts';
import { builtSite } from './helpers/sites.ts';

let out: string;
let run: CliRun;

beforeAll(async () => {
  // Built once per run by `referral-kit build`, shared with the browser tests.
  ({ dist: out, run } = await builtSite('hostile'));
});

function pages(): string[] {
  return readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name));
}

describe('a kit full of hostile values', () => {
  it('builds', () => {
    expect(run.code, run.stderr).toBe(0);
    // 11 pages, the 404 page, each partner's sheet of four pocket cards, and the blank noindex
    // placeholders of kit/, for/ and _astro/ (no folder is listed).
    expect(pages().length).toBe(18);
  });

  it('adds no element, script or event handler to any page', () => {
    for (const file of pages()) {
      const page = readPage(file);
      for (const script of page.all('script')) expect(String(script.properties.src), file).toMatch(/^\/referrals\/_astro\/[\w.-]+\.js$/);
      expect(page.all('iframe, object, embed, svg:not(.pocket-qr-code), b, img:not([src$=".png"])'), file).toHaveLength(0);
      // The only styles are the site's own, each allowed by hash in the page's policy.
      expect(unhashedStyles(page), file).toEqual([]);
      for (const element of page.all('*')) {
        for (const [name, value] of Object.entries(element.properties)) {
          expect(/^on/i.test(name), `${file}: ${name}`).toBe(false);
          if (['href', 'src', 'action', 'formAction'].includes(name)) {
            expect(String(value), `${file}: ${name}`).not.toMatch(/^\s*(javascript|data|vbscript):/i);
          }
        }
      }
    }
  });

  it('keeps every value as text', () => {
    const home = readPage(join(out, 'index.html'));
    expect(home.text('title')).toBe("Mal <script>alert('owner')</script> O'Brien · </title><script>alert('business')</script> & Sons");
    expect(home.text('.signals')).toContain(`"><script>alert('signal')</script>`);
    const kit = readPage(join(out, 'kit', 'aNgLeBrAcKeTsT0kenXXyyZZ', 'index.html'));
    expect(kit.text('h1')).toBe("Hi </h1><img src=x onerror=alert('h1')>, here is how to introduce people to me");
    expect(kit.text('.greeting')).toContain("<script>alert('message')</script>");
  });

  it('cannot add recipients or headers to any email link', () => {
    for (const file of pages()) {
      for (const link of readPage(file).all('a[href^="mailto:"]')) {
        const mail = parseMailto(String(link.properties.href));
        expect(
          mail.keys.every((key) => ['cc', 'subject', 'body'].includes(key)),
          file,
        ).toBe(true);
        expect(mail.fields.subject ?? '', file).not.toMatch(/[\r\n]/);
        expect(['', 'mal+kit@example.com']).toContain(mail.to);
      }
    }
  });

  it('keeps the booking link on its own address, with its parameters encoded', () => {
    const prospect = readPage(join(out, 'for', 'angle-brackets', 'index.html'));
    const booking = new URL(prospect.attr('a[data-cta=booking]', 'href'));
    expect(booking.origin).toBe('https://book.example');
    expect(booking.searchParams.get('ref')).toBe('angle-brackets');
  });
});
