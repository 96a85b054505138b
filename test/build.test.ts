import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { toText } from 'hast-util-to-text';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { parse } from 'yaml';
import { placeholderHtml } from '../src/build/placeholders.ts';
import { loadKit } from '../src/kit/load.ts';
import { compileScript } from '../src/kit/render-script.ts';
import { scriptsFor } from '../src/kit/script-selection.ts';
import { scriptContext } from '../src/kit/script-variables.ts';
import { htmlToText } from '../src/kit/html-text.ts';
import { scriptUrls } from '../src/kit/urls.ts';
import { runCli, type CliRun } from './helpers/cli.ts';
import { fixture, repoRoot, tempDir } from './helpers/fixtures.ts';
import { readPage, unhashedStyles, type Page } from './helpers/html.ts';
import { parseMailto } from './helpers/mailto.ts';
import { decodePng, decodeQr } from './helpers/png.ts';
import { builtSite } from './helpers/sites.ts';

const tokens = {
  jane: 'jAn3sm1thT0kenXXaaBBccDD',
  omar: '0marHaddadT0kenQQrrSSttUU',
  wang: 'wangXiaoMingT0kenMMnnOOpp',
  eve: 'eveH0stileT0kenGGhhIIjjKK',
  quiet: 'qu1nnQuietT0kenVVwwXXyyZZ',
};

let out: string;
let run: CliRun;
const page = (path: string): Page => readPage(join(out, path, 'index.html'));
const kitPage = (who: keyof typeof tokens) => page(`kit/${tokens[who]}`);

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

beforeAll(async () => {
  // Built once per run by `referral-kit build`, shared with the other files that read it.
  ({ dist: out, run } = await builtSite('basic'));
});

describe('building the basic fixture kit', () => {
  it('succeeds and says what it built', () => {
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✓ Built 22 pages and 17 images \(\d+ rendered, \d+ from the cache\) for 5 partners into .*dist in [\d.]+s \(0 errors, 6 warnings\)/);
  });

  it('makes a kit for every partner and a share page for every partner who wants one', () => {
    for (const token of Object.values(tokens)) expect(existsSync(join(out, 'kit', token, 'index.html')), token).toBe(true);
    for (const slug of ['jane-smith', 'omar-haddad', 'wang-xiaoming', 'eve-hostile']) {
      expect(existsSync(join(out, 'for', slug, 'index.html')), slug).toBe(true);
    }
    expect(existsSync(join(out, 'for', 'quiet-partner'))).toBe(false);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'testimonials', 'index.html'))).toBe(true);
  });
});

describe('a partner kit', () => {
  it('greets the partner and stays out of search engines and referrer headers', () => {
    const kit = kitPage('jane');
    expect(kit.text('h1')).toBe('Hi Jane, here is how to introduce people to me');
    expect(kit.attr('meta[name=robots]', 'content')).toBe('noindex, nofollow');
    expect(kit.attr('meta[name=referrer]', 'content')).toBe('no-referrer');
    expect(kit.attr('link[rel=canonical]', 'href')).toBe(`https://kit.rivera.test/team/kit/${tokens.jane}/`);
  });

  it('shows the one-liner with its own copy button, and who to introduce', () => {
    const kit = kitPage('jane');
    expect(kit.text('#one-liner-text')).toBe('Alex does the books for small design studios.');
    expect(kit.attr('#one-liner button[data-copy]', 'dataCopy')).toBe('one-liner-text');
    expect(kit.text('#who')).toContain('Our books are a mess before tax season.');
    expect(kit.text('#who')).toContain('Restaurants');
    expect(kit.text('#next')).toContain('I reply within one business day');
    expect(kit.text('#both-ways h2')).toBe('Who can I introduce you to?');
  });

  it("fills every script with this partner's values", () => {
    const kit = kitPage('jane');
    expect(kit.text('#script-email-intro-client')).toBe('Hi, Alex has done the books at Smith & Co for years. CLIENT-VARIANT-MARKER');
    expect(kit.text('#script-phone')).toBe('Say: "Alex does the books for small design studios." GENERAL-PHONE-MARKER');
  });

  it('shows the category variant instead of the general script, and never the invite', () => {
    const jane = kitPage('jane').html;
    expect(jane).toContain('CLIENT-VARIANT-MARKER');
    expect(jane).not.toContain('id="script-email-intro"');
    expect(jane).not.toContain('COLLEAGUE-PHONE-MARKER');
    const omar = kitPage('omar').html;
    expect(omar).toContain('COLLEAGUE-PHONE-MARKER');
    expect(omar).not.toContain('GENERAL-PHONE-MARKER');
    expect(omar).not.toContain('CLIENT-VARIANT-MARKER');
    for (const who of Object.keys(tokens) as (keyof typeof tokens)[]) expect(kitPage(who).html).not.toContain('INVITE-MARKER');
  });

  it('gives every script a copy button aimed at its text', () => {
    const kit = kitPage('omar');
    const buttons = kit.all('.script-card button[data-copy]');
    expect(buttons.length).toBe(kit.all('.script-card').length);
    for (const button of buttons) expect(kit.all(`#${String(button.properties.dataCopy)}`)).toHaveLength(1);
  });

  it('opens the email introduction as a three-way email that says exactly what the card shows', () => {
    const kit = kitPage('omar');
    const href = kit.attr('.script-card[data-channel=email-intro] a[href^="mailto:"]', 'href');
    const mail = parseMailto(href);
    expect(mail.to).toBe('');
    expect(Object.keys(mail.fields)).toEqual(['cc', 'subject', 'body']);
    expect(mail.fields.cc).toBe('alex@rivera.test');
    expect(mail.fields.subject).toBe('Meet Alex Rivera, from عمر');
    expect(mail.fields.body).toBe(htmlToText(kit.html.match(/<div class="script-body" id="script-email-intro">([\s\S]*?)<\/div>/)![1]!).replace(/\n/g, '\r\n'));
    expect(mail.fields.body).toBe('Hi,\r\n\r\nMeet Alex Rivera. She works with my clients.\r\n\r\nMore: https://kit.rivera.test/team/for/omar-haddad/\r\n\r\nعمر');
  });

  it('hands out the absolute share link, or the home page when the partner has none', () => {
    expect(kitPage('jane').attr('#share-url', 'href')).toBe('https://kit.rivera.test/team/for/jane-smith/');
    expect(kitPage('jane').text('#share-url')).toBe('https://kit.rivera.test/team/for/jane-smith/');
    expect(kitPage('quiet').attr('#share-url', 'href')).toBe('https://kit.rivera.test/team/');
  });

  it('says exactly what referral-kit invite renders, Markdown and all', async () => {
    const { content } = await loadKit(fixture('basic'));
    const normalized = (html: string) => toHtml(fromHtml(html, { fragment: true }));
    let compared = 0;
    for (const { slug, data } of content!.partners) {
      const kit = page(`kit/${data.token}`);
      for (const script of scriptsFor(content!.scripts, { slug, category: data.category, tags: data.tags }).filter((s) => s.data.channel !== 'invite')) {
        const rendered = (await compileScript(script.file))(scriptContext(content!.kit, data, scriptUrls(content!.kit.site, slug, data)));
        const shown = kit.html.match(new RegExp(`<div class="script-body" id="script-${script.id}">([\\s\\S]*?)</div>`))![1]!;
        expect(normalized(rendered.html), `${slug}: ${script.id}`).toBe(normalized(shown));
        expect(rendered.text).toBe(kit.text(`#script-${script.id}`));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(8);
    expect(kitPage('omar').html).toContain('<strong>bookkeeping</strong> — it’s <del>not</del> “simple”…');
  });

  it('renders names in any script', () => {
    expect(kitPage('omar').text('h1')).toContain('Hi عمر,');
    expect(kitPage('wang').text('.eyebrow')).toBe('Introduction kit for 王小明');
    expect(kitPage('wang').text('#script-email-intro-client')).toContain('明亮设计');
  });
});

describe("the owner's photo", () => {
  it('shows on the home page and every share page, as a small PNG the site serves', () => {
    const src = page('').attr('img.owner-photo', 'src');
    expect(src).toMatch(/^\/team\/owner-[0-9a-f]{10}\.png$/);
    expect(page('').attr('img.owner-photo', 'alt')).toBe('Alex Rivera');
    for (const slug of ['jane-smith', 'omar-haddad']) expect(page(`for/${slug}`).attr('img.owner-photo', 'src'), slug).toBe(src);
    const png = decodePng(readFileSync(join(out, src.replace('/team/', ''))));
    expect([png.width, png.height]).toEqual([192, 192]);
  });
});

describe('the pocket cards', () => {
  it('break the share address only after a slash, never at a hyphen in the name', () => {
    const card = page(`kit/${tokens.jane}/card`);
    expect(card.all('.pocket-url span').map((span) => toText(span))).toEqual(['kit.rivera.test/', 'team/', 'for/', 'jane-smith']);
    expect(card.all('.pocket-url wbr')).toHaveLength(4);
  });

  it('come four to an A4 sheet, linked from the kit and the single card', () => {
    expect(page(`kit/${tokens.jane}/cards`).all('.pocket-card')).toHaveLength(4);
    expect(kitPage('jane').all(`a[href="/team/kit/${tokens.jane}/cards/"]`)).toHaveLength(1);
    expect(page(`kit/${tokens.jane}/card`).all(`a[href="/team/kit/${tokens.jane}/cards/"]`)).toHaveLength(1);
  });
});

describe('a prospect page', () => {
  it('credits the partner and carries them into the booking link and the email', () => {
    const prospect = page('for/jane-smith');
    expect(prospect.text('h1')).toBe('Jane Smith introduced you to Alex Rivera');
    const booking = new URL(prospect.attr('a[data-cta=booking]', 'href'));
    expect(Object.fromEntries(booking.searchParams)).toEqual({
      source: 'site',
      ref: 'jane-smith',
      utm_source: 'referral-kit',
      utm_medium: 'referral',
      utm_campaign: 'jane-smith',
    });
    const mail = parseMailto(prospect.attr('a[data-cta=email]', 'href'));
    expect(mail.to).toBe('alex@rivera.test');
    expect(mail.fields.subject).toBe('Introduced by Jane Smith');
  });

  it('shows the value, who it is for, and only consented testimonials', () => {
    const prospect = page('for/jane-smith');
    expect(toText(prospect.tree)).toContain('Alex does the books for small design studios.');
    expect(prospect.text('.testimonials')).toContain('Alex saved our tax season.');
    expect(prospect.html).not.toContain('UNPUBLISHED-TESTIMONIAL-MARKER');
  });
});

describe('the whole site', () => {
  const publicPages = ['', 'testimonials', 'for/jane-smith', 'for/omar-haddad', 'for/wang-xiaoming', 'for/eve-hostile'];

  it('gives every page a title, description, canonical URL and Open Graph tags', () => {
    for (const path of [...publicPages, ...Object.values(tokens).map((t) => `kit/${t}`)]) {
      const p = page(path);
      expect(p.text('title'), path).not.toBe('');
      expect(p.attr('meta[name=description]', 'content'), path).not.toBe('');
      expect(p.attr('link[rel=canonical]', 'href'), path).toBe(`https://kit.rivera.test/team/${path ? `${path}/` : ''}`);
      expect(p.attr('meta[property="og:title"]', 'content'), path).toBe(p.text('title'));
      expect(p.attr('meta[property="og:description"]', 'content'), path).not.toBe('');
    }
  });

  it('never links a public page to a kit', () => {
    for (const path of publicPages) expect(page(path).html, path).not.toMatch(/\/kit\//);
  });

  it('loads everything from the site itself, under its base folder', () => {
    for (const path of [...publicPages, `kit/${tokens.jane}`]) {
      const p = page(path);
      for (const element of [...p.all('link[href]'), ...p.all('script[src]'), ...p.all('img[src]')]) {
        const url = String(element.properties.href ?? element.properties.src);
        if (element.properties.rel && String(element.properties.rel).includes('canonical')) continue;
        expect(url, `${path}: ${url}`).toMatch(/^\/team\//);
      }
    }
  });

  it('publishes none of the private fields, unconsented testimonials or invitations', () => {
    const secrets = ['jane-private-marker@example.com', '+1 555 010 9999', 'PRIVATE-NOTE-MARKER-4471', 'UNPUBLISHED-TESTIMONIAL-MARKER', 'INVITE-MARKER'];
    for (const file of allFiles(out)) {
      const bytes = readFileSync(file, 'latin1');
      for (const secret of secrets) expect(bytes.includes(secret), `${relative(out, file)} holds ${secret}`).toBe(false);
    }
  });

  it('publishes nothing from the private ledger or the sent log: no prospect, note or value, in any file', () => {
    const ledger = parse(readFileSync(join(fixture('basic'), 'referrals.yaml'), 'utf8')) as Record<string, Record<string, unknown>[]>;
    const secrets = Object.values(ledger)
      .flat()
      .flatMap((entry) => [entry.prospect, entry.notes, entry.value])
      .filter((value) => value !== undefined)
      .flatMap((value) => (typeof value === 'number' ? [String(value), value.toLocaleString('en-US')] : [String(value)]));
    expect(secrets.length).toBeGreaterThanOrEqual(10);
    for (const file of allFiles(out)) {
      const bytes = readFileSync(file, 'utf8');
      for (const secret of [...secrets, 'PROSPECT-MARKER', 'LEDGER-NOTE-MARKER', 'GIVEN-MARKER', 'referrals.yaml', 'SENT-LOG-MARKER', 'sent-log']) {
        expect(bytes.includes(secret), `${relative(out, file)} holds ${secret}`).toBe(false);
      }
    }
  });

  it('keeps hostile names as text', () => {
    for (const path of ['for/eve-hostile', `kit/${tokens.eve}`]) {
      const p = page(path);
      expect(p.all('script:not([src])'), path).toHaveLength(0);
      expect(p.all('[onerror], [onload], [onclick], svg'), path).toHaveLength(0);
      // The only pictures are the site's own images.
      for (const img of p.all('img')) expect(String(img.properties.src), path).toMatch(/^\/team\/((kit|testimonials|for)\/[^"<>]+|owner-[0-9a-f]{10})\.png$/);
    }
    expect(page('for/eve-hostile').text('h1')).toBe("Eve <script>alert('name')</script> O'Hara introduced you to Alex Rivera");
    const kit = kitPage('eve');
    expect(kit.text('h1')).toBe('Hi <img src=x onerror=alert(1)>, here is how to introduce people to me');
    expect(kit.text('.greeting')).toContain('Line one <b>not bold</b>');
    for (const link of kit.all('a[href^="mailto:"]')) {
      const mail = parseMailto(String(link.properties.href));
      expect(Object.keys(mail.fields).every((key) => ['cc', 'subject', 'body'].includes(key))).toBe(true);
      expect([undefined, 'alex@rivera.test']).toContain(mail.fields.cc);
    }
  });
});

describe('the example kit in content/', () => {
  it('builds', async () => {
    const { dist: exampleOut, run: example } = await builtSite('example');
    expect(example.code, example.stderr).toBe(0);
    const kits = readdirSync(join(exampleOut, 'kit')).filter((name) => name !== 'index.html');
    const partners = readdirSync(join(repoRoot, 'content', 'partners'));
    expect(kits).toHaveLength(partners.length);
    // The example's ledger stays private too.
    const ledger = parse(readFileSync(join(repoRoot, 'content', 'referrals.yaml'), 'utf8')) as Record<string, Record<string, unknown>[]>;
    const prospects = Object.values(ledger)
      .flat()
      .flatMap((entry) => [entry.prospect, entry.notes])
      .filter((value) => typeof value === 'string');
    expect(prospects.length).toBeGreaterThan(15);
    for (const file of allFiles(exampleOut)) {
      const bytes = readFileSync(file, 'utf8');
      for (const secret of prospects) expect(bytes.includes(secret), `${relative(exampleOut, file)} holds ${secret}`).toBe(false);
    }
  });
});

describe('building from any folder', () => {
  it('builds a kit outside the project, run from a third folder, and writes nothing into the kit', async () => {
    const elsewhere = tempDir('elsewhere');
    const kit = join(elsewhere, 'my-kit');
    cpSync(fixture('basic'), kit, { recursive: true });
    const before = readdirSync(kit, { recursive: true }).sort();
    const cwd = tempDir('cwd');
    const result = spawnSync(process.execPath, [join(repoRoot, 'bin', 'referral-kit.js'), 'build', '--content', kit, '--out', 'site'], { cwd, encoding: 'utf8' });
    expect(result.stderr).not.toMatch(/error/);
    expect(result.status).toBe(0);
    expect(existsSync(join(cwd, 'site', 'index.html'))).toBe(true);
    expect(readdirSync(kit, { recursive: true }).sort()).toEqual(before);
    expect(readdirSync(cwd).sort()).toEqual(['site']);
  });
});

describe('images in the built site', () => {
  const site = 'https://kit.rivera.test/team/';
  const fileOf = (url: string) => join(out, ...decodeURI(url.startsWith(site) ? url.slice(site.length) : url.replace(/^\/team\//, '')).split('/'));
  // The blank placeholders that keep folders from being listed are not pages.
  const htmlPages = () => allFiles(out).filter((file) => file.endsWith('.html') && readFileSync(file, 'utf8') !== placeholderHtml);

  it('gives every page a link preview that exists, at the size it states', () => {
    for (const file of htmlPages()) {
      const p = readPage(file);
      const url = p.attr('meta[property="og:image"]', 'content');
      expect(url.startsWith(site), file).toBe(true);
      const picture = decodePng(readFileSync(fileOf(url)));
      expect([picture.width, picture.height], file).toEqual([Number(p.attr('meta[property="og:image:width"]', 'content')), Number(p.attr('meta[property="og:image:height"]', 'content'))]);
      expect(p.attr('meta[property="og:image:alt"]', 'content'), file).not.toBe('');
      expect(p.attr('meta[name="twitter:card"]', 'content'), file).toBe('summary_large_image');
    }
  });

  it('previews a prospect page with who recommends whom', () => {
    const prospect = page('for/jane-smith');
    expect(prospect.attr('meta[property="og:image"]', 'content')).toBe(`${site}for/jane-smith/preview.png`);
    expect(prospect.attr('meta[property="og:image:alt"]', 'content')).toBe('Jane Smith recommends Alex Rivera: Alex does the books for small design studios.');
  });

  it("keeps a partner's cards under their secret kit path, with download links that work", () => {
    const kit = kitPage('jane');
    const downloads = kit.all('a[download]').map((a) => String(a.properties.href));
    const cards = downloads.filter((href) => href.includes('/card-'));
    expect(cards).toEqual([`/team/kit/${tokens.jane}/card-1200x630.png`, `/team/kit/${tokens.jane}/card-1080x1080.png`]);
    for (const href of downloads) {
      const [, width, height] = /(\d+)x(\d+)\.png$/.exec(href)!;
      const picture = decodePng(readFileSync(fileOf(href)));
      expect([picture.width, picture.height], href).toEqual([Number(width), Number(height)]);
    }
    expect(
      readdirSync(join(out, 'kit', tokens.jane))
        .filter((f) => f.endsWith('.png'))
        .sort(),
    ).toEqual(['card-1080x1080.png', 'card-1200x630.png']);
  });

  it('puts a QR code to the share link on the card, and on the printable pocket card', () => {
    for (const format of ['1200x630', '1080x1080']) {
      const card = decodePng(readFileSync(join(out, 'kit', tokens.jane, `card-${format}.png`)));
      expect(decodeQr(card), format).toBe(`${site}for/jane-smith/`);
    }
    const pocket = page(`kit/${tokens.jane}/card`);
    expect(pocket.attr('meta[name=robots]', 'content')).toBe('noindex, nofollow');
    const svg = pocket.html.match(/<svg[^>]*class="pocket-qr-code"[\s\S]*?<\/svg>/)![0];
    const png = new Resvg(svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"'), { fitTo: { mode: 'width', value: 400 } }).render().asPng();
    expect(decodeQr(decodePng(png))).toBe(`${site}for/jane-smith/`);
    // A partner without a share page points people at the home page instead.
    const quietCard = decodePng(readFileSync(join(out, 'kit', tokens.quiet, 'card-1200x630.png')));
    expect(decodeQr(quietCard)).toBe(site);
  });

  it('makes testimonial images only with consent, linked from the testimonials page', () => {
    expect(
      readdirSync(join(out, 'testimonials'))
        .filter((f) => f.endsWith('.png'))
        .sort(),
    ).toEqual(['published-1080x1080.png', 'published-1200x630.png']);
    const testimonials = page('testimonials');
    expect(testimonials.attr('meta[property="og:image"]', 'content')).toBe(`${site}testimonials/published-1200x630.png`);
    expect(testimonials.all('a[download]').map((a) => String(a.properties.href))).toEqual(['/team/testimonials/published-1200x630.png', '/team/testimonials/published-1080x1080.png']);
  });
});

describe('hosting and privacy', () => {
  it('writes host headers whose rules carry the base folder', () => {
    const headers = readFileSync(join(out, '_headers'), 'utf8');
    expect(headers).toContain('\n/team/kit/*\n  X-Robots-Tag: noindex, nofollow\n  Referrer-Policy: no-referrer\n');
    expect(headers).toContain('\n/team/_astro/*\n  Cache-Control: public, max-age=31536000, immutable\n');
    expect(headers).toMatch(/^\/\*\n {2}Content-Security-Policy: .*script-src 'self'/);
  });

  it('lists public pages in the sitemap, never a kit, a 404 or an unlisted share page, and points robots.txt at it', () => {
    const sitemap = readFileSync(join(out, 'sitemap-0.xml'), 'utf8');
    const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    // Only Omar opted in (share_page: public): the other share pages name partners who did not.
    expect(urls).toEqual(['https://kit.rivera.test/team/', 'https://kit.rivera.test/team/for/omar-haddad/', 'https://kit.rivera.test/team/testimonials/']);
    const robots = readFileSync(join(out, 'robots.txt'), 'utf8');
    expect(robots).toBe('User-agent: *\nAllow: /\n\nSitemap: https://kit.rivera.test/team/sitemap-index.xml\n');
  });

  it('keeps share pages out of search engines unless the partner opted in', () => {
    for (const slug of ['jane-smith', 'wang-xiaoming', 'eve-hostile']) {
      expect(page(`for/${slug}`).attr('meta[name=robots]', 'content'), slug).toBe('noindex');
    }
    expect(page('for/omar-haddad').all('meta[name=robots]')).toEqual([]);
    expect(page('').all('meta[name=robots]')).toEqual([]);
  });

  it("has a 404 page in the site's style that names no partner and no kit", () => {
    const notFound = readPage(join(out, '404.html'));
    expect(notFound.text('h1')).toBe('There is no page at this address');
    expect(notFound.attr('meta[name=robots]', 'content')).toBe('noindex');
    expect(notFound.all('link[rel=canonical]')).toEqual([]);
    expect(notFound.attr('main a.button', 'href')).toBe('/team/');
    const html = readFileSync(join(out, '404.html'), 'utf8');
    for (const token of Object.values(tokens)) expect(html).not.toContain(token);
    for (const name of ['Jane', 'Omar', 'عمر', 'kit/']) expect(html).not.toContain(name);
  });

  it("allows exactly its own inline styles, and no inline script, in each page's policy", () => {
    for (const file of allFiles(out).filter((f) => f.endsWith('.html') && readFileSync(f, 'utf8') !== placeholderHtml)) {
      const p = readPage(file);
      const policy = p.attr('meta[http-equiv="content-security-policy"]', 'content');
      expect(policy, file).not.toContain('unsafe-inline');
      expect(p.all('style').length, file).toBeGreaterThan(0);
      expect(unhashedStyles(p), file).toEqual([]);
      expect(p.all('script:not([src])'), file).toHaveLength(0);
      expect(p.all('[style]'), file).toHaveLength(0);
    }
    const css = readPage(join(out, 'index.html')).text('style');
    expect(css).toContain('html:root{--accent:#f5c518;--on-accent:#111;--accent-ink:');
  });

  it('emits no source maps and no data files that could carry content', () => {
    const leftovers = allFiles(out).filter((f) => /\.(map|json|mjs)$/.test(f) || f.includes('data-store'));
    expect(leftovers).toEqual([]);
  });

  it('gives byte-identical output for the same content', async () => {
    // Without the cache, so every image is rendered again rather than copied.
    const again = join(tempDir('again'), 'dist');
    expect((await runCli(['build', '--content', fixture('basic'), '--out', again, '--no-cache'])).code).toBe(0);
    const files = (dir: string) => Object.fromEntries(allFiles(dir).map((f) => [relative(dir, f), readFileSync(f).toString('base64')]));
    const first = files(out);
    const second = files(again);
    expect(Object.keys(second).sort()).toEqual(Object.keys(first).sort());
    for (const name of Object.keys(first)) expect(second[name] === first[name], name).toBe(true);
  });
});
