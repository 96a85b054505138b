/**
 * The example kit used the way partners and prospects use it, in a real browser: tap Copy and paste,
 * open the introduction as an email, download the images, print the kit and the pocket card, follow
 * the prospect page's call to action, and read pages with JavaScript off.
 */
import { isPublished } from '../src/schemas/testimonial.ts';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScript } from '../src/kit/render-script.ts';
import { scriptsFor } from '../src/kit/script-selection.ts';
import { isOwnerChannel } from '../src/schemas/script.ts';
import { fillTemplate, scriptContext } from '../src/kit/script-variables.ts';
import { absoluteUrl, kitPath, sharePath, scriptUrls } from '../src/kit/urls.ts';
import { horizontalOverflow, launchChromium, screenshot, viewports, watchedContext, type Watch } from './helpers/browser.ts';
import { repoRoot } from './helpers/fixtures.ts';
import { parseMailto } from './helpers/mailto.ts';
import { decodePng } from './helpers/png.ts';
import { builtSite, type BuiltSite } from './helpers/sites.ts';
import { serveStatic, type StaticServer } from './helpers/static-server.ts';

let site: BuiltSite;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  site = await builtSite('example');
  server = await serveStatic({ root: site.dist, base: site.content.kit.site.base });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function partner(slug: string) {
  const found = site.content.partners.find((entry) => entry.slug === slug);
  if (!found) throw new Error(`the example has no partner ${slug}`);
  return found;
}

/** Each script this partner's kit shows, with the text the build renders for it. */
async function expectedScripts(slug: string) {
  const { kit, scripts } = site.content;
  const { data } = partner(slug);
  const context = scriptContext(kit, data, scriptUrls(kit.site, slug, data));
  const shown = scriptsFor(scripts, { slug, category: data.category, tags: data.tags, language: data.language, defaultLanguage: kit.site.language }).filter(
    (script) => !isOwnerChannel(script.data.channel),
  );
  return Promise.all(
    shown.map(async (script) => ({
      id: `script-${script.id}`,
      channel: script.data.channel,
      subject: script.data.subject === undefined ? undefined : fillTemplate(script.data.subject, context),
      text: (await compileScript(script.file))(context).text,
    })),
  );
}

interface Opened {
  page: Page;
  context: BrowserContext;
  watch: Watch;
}

/** A watched page of the site, on a phone unless told otherwise. */
async function open(path: string, options: Parameters<typeof watchedContext>[1] = {}): Promise<Opened> {
  const { context, watch } = await watchedContext(browser, { viewport: viewports.phone, ...options });
  const page = await context.newPage();
  const response = await page.goto(`${server.url}${path}`);
  expect(response?.status(), path).toBe(200);
  return { page, context, watch };
}

/** Runs a test's steps on a page, then checks nothing went wrong on it (see helpers/browser.ts). */
async function onPage(path: string, steps: (opened: Opened) => Promise<void>, options: Parameters<typeof watchedContext>[1] = {}): Promise<void> {
  const opened = await open(path, options);
  try {
    await steps(opened);
    expect(opened.watch.problems).toEqual([]);
  } finally {
    await opened.context.close();
  }
}

const kitOf = (slug: string) => kitPath(partner(slug).data.token);

/** Prints as Chromium would, keeping the PDF in test-results/example/ to look at; returns its bytes as text. */
async function printToPdf(page: Page, name: string): Promise<string> {
  const path = join(repoRoot, 'test-results', 'example', `${name}.pdf`);
  mkdirSync(dirname(path), { recursive: true });
  return (await page.pdf({ path, preferCSSPageSize: true, printBackground: true })).toString('latin1');
}

function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

describe('a partner kit in the browser', () => {
  for (const slug of ['priya-nair', 'sam-whitfield']) {
    it(`copies exactly the text shown, and says so (${slug})`, async () => {
      const { data } = partner(slug);
      await onPage(kitPath(data.token), async ({ page, context }) => {
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
        const scripts = await expectedScripts(slug);
        const buttons = page.locator('button[data-copy]');
        // The one-liner, every script, and the share link.
        expect(await buttons.count()).toBe(scripts.length + 2);
        const status = page.locator('#copy-status');
        expect(await status.getAttribute('role')).toBe('status');
        const copied = new Map<string, string>();
        for (const button of await buttons.all()) {
          const target = (await button.getAttribute('data-copy'))!;
          await expect.poll(() => button.isVisible()).toBe(true);
          const label = await button.textContent();
          // Something else on the clipboard first, so each copy is seen to write.
          await page.evaluate(() => navigator.clipboard.writeText('(not copied)'));
          await button.click();
          // The button says so and the live region announces it, in the same step.
          await expect.poll(() => button.textContent()).toBe('Copied');
          await expect.poll(() => status.textContent()).toBe('Copied to the clipboard');
          const shown = (await page.locator(`#${target}`).evaluate((element) => (element as HTMLElement).innerText)).trim();
          expect(await clipboard(page), target).toBe(shown);
          copied.set(target, shown);
          // It goes back to its own label, ready for the next copy (seen once: it takes seconds).
          if (copied.size === 1) await expect.poll(() => button.textContent(), { timeout: 5000 }).toBe(label);
        }
        // What was copied is the build's own rendering of each script for this partner.
        for (const script of scripts) expect(copied.get(script.id), script.id).toBe(script.text);
        expect(copied.get('one-liner-text')).toBe(site.content.kit.value.one_liner);
        expect(copied.get('share-url')).toBe(scriptUrls(site.content.kit.site, slug, data).share_url);
        expect(copied.get('share-url')).toBe(data.share_page ? absoluteUrl(site.content.kit.site, sharePath(slug)) : absoluteUrl(site.content.kit.site));
      });
    });
  }

  it("opens the introduction as an email with this partner's words and the owner in cc", async () => {
    const { data } = partner('priya-nair');
    await onPage(kitPath(data.token), async ({ page }) => {
      const [intro] = (await expectedScripts('priya-nair')).filter((script) => script.channel === 'email-intro');
      expect(intro).toBeDefined();
      const card = page.locator('.script-card[data-channel=email-intro]');
      const link = card.getByRole('link', { name: 'Open as an email' });
      await expect.poll(() => link.isVisible()).toBe(true);
      const mail = parseMailto((await link.getAttribute('href'))!);
      expect(mail.to).toBe('');
      expect(mail.keys).toEqual(['cc', 'subject', 'body']);
      expect(mail.fields.cc).toBe(site.content.kit.owner.email);
      expect(mail.fields.subject).toBe(intro!.subject);
      expect(await card.locator('.script-subject').innerText()).toBe(`Subject: ${intro!.subject}`);
      // Mail clients want CRLF line breaks; the words are those the card shows.
      expect(mail.fields.body).toBe(intro!.text.replace(/\n/g, '\r\n'));
      expect(mail.fields.body!.replace(/\r\n/g, '\n')).toBe((await page.locator(`#${intro!.id}`).innerText()).trim());
      expect(mail.fields.body).toContain(scriptUrls(site.content.kit.site, 'priya-nair', data).share_url);
      expect(mail.fields.body).toMatch(new RegExp(`\\r\\n${data.first_name}$`));
    });
  });

  it('offers images to download at the sizes it states', async () => {
    await onPage(kitOf('priya-nair'), async ({ page, context }) => {
      const links = await page.locator('a[download]').all();
      // The card and every published testimonial, in two sizes each.
      expect(links.length).toBe(2 + 2 * site.content.testimonials.filter((t) => isPublished(t.data)).length);
      for (const link of links) {
        const [, width, height] = /\((\d+)×(\d+)\)/.exec(await link.innerText()) ?? [];
        expect(width, await link.innerText()).toBeDefined();
        expect(await link.getAttribute('download')).toMatch(new RegExp(`-${width}x${height}\\.png$`));
        const response = await context.request.get(new URL((await link.getAttribute('href'))!, page.url()).href);
        expect(response.status()).toBe(200);
        expect(response.headers()['content-type']).toBe('image/png');
        const picture = decodePng(await response.body());
        expect([picture.width, picture.height]).toEqual([Number(width), Number(height)]);
      }
    });
  });

  it('prints as a handout without buttons or navigation', async () => {
    await onPage(kitOf('priya-nair'), async ({ page }) => {
      await expect.poll(() => page.locator('button[data-copy]').first().isVisible()).toBe(true);
      await page.emulateMedia({ media: 'print' });
      for (const selector of ['button', '.button', '.quick-actions', '#images', '.skip-link', '.script-hint']) {
        expect(await page.locator(selector).count(), selector).toBeGreaterThan(0);
        expect(await page.locator(selector).evaluateAll((elements) => elements.filter((element) => element.checkVisibility()).length), `${selector} in print`).toBe(0);
      }
      // What a partner needs on paper is all there.
      for (const selector of ['h1', '#one-liner-text', '#who', '.script-body', '#share-url', '#next']) {
        expect(await page.locator(selector).first().isVisible(), `${selector} in print`).toBe(true);
      }
      const pdf = await printToPdf(page, 'kit-priya-nair');
      const pages = pdf.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
      expect(pages).toBeGreaterThan(0);
      // The README promises a two-page handout.
      expect(pages).toBeLessThanOrEqual(2);
    });
  });

  for (const viewport of ['phone', 'desktop'] as const) {
    it(`holds the one-liner, introduce by email and copy the share link on its first screen (${viewport})`, async () => {
      await onPage(
        kitOf('priya-nair'),
        async ({ page, context }) => {
          await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
          const { height } = page.viewportSize()!;
          const email = page.getByRole('link', { name: 'Introduce by email' });
          const copyLink = page.getByRole('button', { name: 'Copy your link to share' });
          await expect.poll(() => copyLink.isVisible()).toBe(true);
          for (const [name, locator] of [
            ['one-liner', page.locator('#one-liner-text')],
            ['email', email],
            ['copy link', copyLink],
            ['share link', page.locator('#share-url')],
          ] as const) {
            const box = await locator.boundingBox();
            expect(box, name).not.toBeNull();
            expect(box!.y + box!.height, `${name} within the first ${height} px`).toBeLessThanOrEqual(height);
          }
          // The button opens the same email as the email introduction's own card.
          expect(await email.getAttribute('href')).toBe(await page.locator('.script-card[data-channel="email-intro"] a.button').getAttribute('href'));
          await copyLink.click();
          await expect.poll(() => clipboard(page)).toBe(await page.locator('#share-url').innerText());
          await screenshot(page, 'example', `kit-priya-nair-first-screen-${viewport}`);
        },
        { viewport: viewports[viewport] },
      );
    });
  }

  it('works without JavaScript: the copy buttons step aside and the text is there to select', async () => {
    await onPage(
      kitOf('priya-nair'),
      async ({ page }) => {
        expect(await page.locator('button[data-copy]').count()).toBeGreaterThan(0);
        expect(await page.locator('button[data-copy]:visible').count()).toBe(0);
        expect(await page.locator('#one-liner-text').innerText()).toBe(site.content.kit.value.one_liner);
        expect(await page.getByRole('link', { name: 'Open as an email' }).isVisible()).toBe(true);
        expect(await page.getByRole('link', { name: 'Introduce by email' }).isVisible()).toBe(true);
        expect(await horizontalOverflow(page)).toEqual([]);
        await screenshot(page, 'example', 'kit-priya-nair-nojs');
      },
      { javaScriptEnabled: false },
    );
  });
});

describe('the pocket card in the browser', () => {
  it('prints one A6 card, nothing else, from its Print button', async () => {
    await onPage(`${kitOf('priya-nair')}card/`, async ({ page, watch }) => {
      await page.getByRole('button', { name: 'Print' }).click();
      expect(watch.dialogs).toEqual(['print()']);
      await page.emulateMedia({ media: 'print' });
      for (const selector of ['.pocket-intro', '.site-header', '.site-footer']) {
        expect(await page.locator(selector).isVisible(), `${selector} in print`).toBe(false);
      }
      expect(await page.locator('.pocket-card').isVisible()).toBe(true);
      const pdf = await printToPdf(page, 'card-priya-nair');
      expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
      // A6 is 105 × 148 mm: 297.6 × 419.5 points.
      const [, width, height] = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf) ?? [];
      // Chromium rounds the page size to whole points.
      expect(Math.abs(Number(width) - 297.6)).toBeLessThan(1);
      expect(Math.abs(Number(height) - 419.5)).toBeLessThan(1);
    });
  });

  it('fills the card: the space a short one-liner leaves is shared out, not left in the middle', async () => {
    await onPage(`${kitOf('priya-nair')}card/`, async ({ page }) => {
      await page.emulateMedia({ media: 'print' });
      // Measured on what each part draws (its contents), not its box, which may stretch.
      const gaps = await page.locator('.pocket-card > *').evaluateAll((parts) => {
        const drawn = parts.map((part) => {
          const range = document.createRange();
          range.selectNodeContents(part);
          return range.getBoundingClientRect();
        });
        return drawn.slice(1).map((rect, i) => rect.top - drawn[i]!.bottom);
      });
      const card = await page.locator('.pocket-card').boundingBox();
      // No gap between two parts takes more than a fifth of the card's height.
      expect(Math.max(...gaps)).toBeLessThan(card!.height / 5);
      expect(await page.locator('.pocket-signals li').allInnerTexts()).toEqual(site.content.kit.ideal_client.signals.slice(0, 2));
    });
  });

  it('prints four cards on one A4 sheet, to cut along the lines', async () => {
    await onPage(`${kitOf('priya-nair')}cards/`, async ({ page, watch }) => {
      await page.getByRole('button', { name: 'Print' }).click();
      expect(watch.dialogs).toEqual(['print()']);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.pocket-card').evaluateAll((cards) => cards.filter((card) => card.checkVisibility()).length)).toBe(4);
      for (const selector of ['.pocket-intro', '.site-header', '.site-footer']) {
        expect(await page.locator(selector).isVisible(), `${selector} in print`).toBe(false);
      }
      const pdf = await printToPdf(page, 'cards-priya-nair');
      expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
      // A4 is 210 × 297 mm: 595.3 × 841.9 points.
      const [, width, height] = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf) ?? [];
      expect(Math.abs(Number(width) - 595.3)).toBeLessThan(1);
      expect(Math.abs(Number(height) - 841.9)).toBeLessThan(1);
    });
  });
});

describe('a prospect page in the browser', () => {
  const slug = 'priya-nair';

  it('books a call with the partner credited, and emails with their name in the subject', async () => {
    await onPage(sharePath(slug), async ({ page }) => {
      const booking = page.locator('a[data-cta=booking]').first();
      // The booking site answers here instead of the internet, so the click lands somewhere.
      const landed: string[] = [];
      await page.route(`${new URL(site.content.kit.booking_url!).origin}/**`, (route) => {
        landed.push(route.request().url());
        return route.fulfill({ contentType: 'text/plain', body: 'Booked' });
      });
      await booking.click();
      await expect.poll(() => landed.length).toBe(1);
      const url = new URL(landed[0]!);
      expect(`${url.origin}${url.pathname}`).toBe(site.content.kit.booking_url);
      expect(Object.fromEntries(url.searchParams)).toEqual({
        ref: slug,
        utm_source: 'referral-kit',
        utm_medium: 'referral',
        utm_campaign: slug,
      });
      // Back only once the booking page has loaded: going back while Chromium is still moving the tab
      // to the other site's process failed with "Not attached to an active page" (a CI run).
      await page.waitForURL(`${new URL(site.content.kit.booking_url!).origin}/**`, { waitUntil: 'load' });
      await page.goBack();
      const mail = parseMailto((await page.locator('a[data-cta=email]').first().getAttribute('href'))!);
      expect(mail.to).toBe(site.content.kit.owner.email);
      expect(mail.fields.subject).toBe(`Introduced by ${partner(slug).data.name}`);
    });
  });

  it('reads the same with JavaScript off', async () => {
    const withScript = await open(sharePath(slug));
    const withoutScript = await open(sharePath(slug), { javaScriptEnabled: false });
    try {
      const text = (page: Page) => page.locator('body').innerText();
      expect(await text(withoutScript.page)).toBe(await text(withScript.page));
      expect(await withoutScript.page.locator('[hidden]').count()).toBe(0);
      expect(await withoutScript.page.locator('a[data-cta=booking]').first().isVisible()).toBe(true);
      for (const viewport of Object.values(viewports)) {
        await withoutScript.page.setViewportSize(viewport);
        expect(await horizontalOverflow(withoutScript.page)).toEqual([]);
        await screenshot(withoutScript.page, 'example', `prospect-${slug}-nojs`);
      }
      expect([...withScript.watch.problems, ...withoutScript.watch.problems]).toEqual([]);
    } finally {
      await withScript.context.close();
      await withoutScript.context.close();
    }
  });
});
