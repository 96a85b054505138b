/**
 * Right-to-left kits in a real browser (Debian's Chromium): an Arabic partner of an Arabic kit, a
 * Hebrew partner of the same kit, and the Arabic partner of the example kit, whose default is
 * English. At 375 and 1280 px the main content runs right to left, nothing is wider than the
 * screen, the heading starts at the content's right edge, and axe finds nothing serious.
 * Screenshots of them, the Dutch kit and the pocket cards land in test-results/ for a person to look at.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kitPath } from '../src/kit/urls.ts';
import { accessibilityViolations, horizontalOverflow, launchChromium, loadAllImages, screenshot, viewports, watchedContext, type Watch } from './helpers/browser.ts';
import type { SiteName } from './helpers/site-pages.ts';
import { builtSite, type BuiltSite } from './helpers/sites.ts';
import { serveStatic, type StaticServer } from './helpers/static-server.ts';

const cases: { site: SiteName; slug: string; label: string; dir: 'rtl' | 'ltr' }[] = [
  { site: 'rtl', slug: 'omar-khalil', label: 'Arabic kit', dir: 'rtl' },
  { site: 'rtl', slug: 'noa-levi', label: 'Hebrew kit', dir: 'rtl' },
  { site: 'example', slug: 'layla-haddad', label: 'Arabic partner of an English kit', dir: 'rtl' },
  { site: 'example', slug: 'sanne-de-vries', label: 'Dutch partner of an English kit', dir: 'ltr' },
  { site: 'rtl', slug: 'ben-carter', label: 'English partner of an Arabic kit', dir: 'ltr' },
];

let browser: Browser;
const servers = new Map<SiteName, { site: BuiltSite; server: StaticServer }>();

beforeAll(async () => {
  browser = await launchChromium();
  for (const name of new Set(cases.map((entry) => entry.site))) {
    const site = await builtSite(name);
    servers.set(name, { site, server: await serveStatic({ root: site.dist, base: site.content.kit.site.base }) });
  }
});

afterAll(async () => {
  await browser?.close();
  for (const { server } of servers.values()) await server.close();
});

/** Where the heading and the main content sit, and which way they run. */
function layout(page: Page) {
  return page.evaluate(() => {
    const main = document.querySelector('main')!;
    const style = getComputedStyle(main);
    const box = main.getBoundingClientRect();
    const heading = document.querySelector('main h1')!;
    const range = document.createRange();
    range.selectNodeContents(heading);
    const text = range.getBoundingClientRect();
    return {
      direction: style.direction,
      htmlDir: document.documentElement.dir,
      contentLeft: box.left + parseFloat(style.paddingLeft),
      contentRight: box.right - parseFloat(style.paddingRight),
      headingLeft: heading.getBoundingClientRect().left,
      headingRight: heading.getBoundingClientRect().right,
      textLeft: text.left,
      textRight: text.right,
      /** Lists run with the page: their markers sit on the side the text starts. */
      listPaddingStart: [...main.querySelectorAll('ul, ol')].map((list) => {
        const listStyle = getComputedStyle(list);
        return document.documentElement.dir === 'rtl' ? parseFloat(listStyle.paddingRight) : parseFloat(listStyle.paddingLeft);
      }),
      /** Each copy button's row, and the share link, read in the page's direction. */
      rows: [...main.querySelectorAll('.quick-actions, .script-actions')].map((row) => getComputedStyle(row).direction),
      shareLink: getComputedStyle(document.querySelector('#share-url')!).direction,
    };
  });
}

for (const { site, slug, label, dir } of cases) {
  describe(`${label} (${site}: ${slug})`, () => {
    let page: Page;
    let watch: Watch;
    let base: string;

    beforeAll(async () => {
      const { site: built, server } = servers.get(site)!;
      const partner = built.content.partners.find((entry) => entry.slug === slug)!;
      base = `${server.url}${kitPath(partner.data.token)}`;
      const watched = await watchedContext(browser, { viewport: viewports.phone });
      watch = watched.watch;
      page = await watched.context.newPage();
    });

    afterAll(async () => {
      await page?.context().close();
    });

    for (const [name, viewport] of Object.entries(viewports)) {
      it(`at ${viewport.width} px runs ${dir === 'rtl' ? 'right to left' : 'left to right'}, fits the screen, starts the heading at the content's edge, and is accessible`, async () => {
        await page.setViewportSize(viewport);
        await page.goto(base);
        await loadAllImages(page);
        const found = await layout(page);
        expect(found.direction).toBe(dir);
        expect(found.htmlDir).toBe(dir);
        if (dir === 'rtl') {
          expect(Math.abs(found.headingRight - found.contentRight), 'heading box at the right edge').toBeLessThanOrEqual(1);
          expect(Math.abs(found.textRight - found.contentRight), 'heading text at the right edge').toBeLessThanOrEqual(2);
        } else {
          expect(Math.abs(found.textLeft - found.contentLeft), 'heading text at the left edge').toBeLessThanOrEqual(2);
        }
        expect(found.listPaddingStart.every((padding) => padding >= 0)).toBe(true);
        expect(found.rows.every((direction) => direction === dir)).toBe(true);
        // A URL stays a left-to-right island, whichever way the page runs.
        expect(found.shareLink).toBe('ltr');
        expect(await horizontalOverflow(page)).toEqual([]);
        expect(await accessibilityViolations(page, `${label} ${name}`)).toEqual([]);
        await screenshot(page, `languages-${site}`, `kit-${slug}`);

        await page.goto(`${base}card/`);
        const card = await page.evaluate(() => {
          const article = document.querySelector('.pocket-card')!;
          const qr = document.querySelector('.pocket-qr-code')!.getBoundingClientRect();
          const scan = document.querySelector('.pocket-scan')!.getBoundingClientRect();
          return { direction: getComputedStyle(article).direction, qrFirst: qr.left > scan.left ? 'right' : 'left' };
        });
        expect(card.direction).toBe(dir);
        // The QR code comes first in reading order: on the right in a right-to-left card.
        expect(card.qrFirst).toBe(dir === 'rtl' ? 'right' : 'left');
        expect(await horizontalOverflow(page)).toEqual([]);
        expect(await accessibilityViolations(page, `${label} card ${name}`)).toEqual([]);
        await screenshot(page, `languages-${site}`, `card-${slug}`);
        expect(watch.problems).toEqual([]);
      });
    }
  });
}
