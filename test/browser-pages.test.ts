/**
 * Every page type in a real browser (Debian's Chromium), served over HTTP with the build's own
 * headers: no console errors, no failed requests, nothing loaded from elsewhere, no serious
 * accessibility problems, nothing wider than a phone or a laptop screen, and no script but the
 * site's own. Screenshots land in test-results/<site>/ for a person to look at.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, horizontalOverflow, launchChromium, loadAllImages, screenshot, viewports, watchedContext, type Watch } from './helpers/browser.ts';
import { loadContent, sitePages, type SiteName } from './helpers/site-pages.ts';
import { builtSite } from './helpers/sites.ts';
import { serveStatic, type StaticServer } from './helpers/static-server.ts';

/**
 * Which pages of each site: one of every type from the example (a client, whose kit has the
 * email introduction), the basic fixture's right-to-left and CJK partners on a light accent, and
 * every page of the hostile fixture, whose every value is an injection attempt.
 */
const sites: { name: SiteName; partners?: string[] }[] = [
  { name: 'example', partners: ['priya-nair', 'sam-whitfield'] },
  { name: 'basic', partners: ['omar-haddad', 'wang-xiaoming'] },
  { name: 'hostile' },
];

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Markup that could run anything other than the site's own bundled scripts. */
function foreignCode(page: Page, base: string): Promise<string[]> {
  return page.evaluate((base) => {
    const found: string[] = [];
    for (const script of document.scripts) {
      if (!script.src) found.push(`inline script: ${script.textContent?.slice(0, 60)}`);
      else if (new URL(script.src).pathname.indexOf(`${base}_astro/`) !== 0) found.push(`script from ${script.src}`);
    }
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) found.push(`${element.tagName.toLowerCase()}[${attribute.name}]`);
        if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attribute.name) && /^\s*(javascript|data|vbscript):/i.test(attribute.value)) {
          found.push(`${element.tagName.toLowerCase()}[${attribute.name}=${attribute.value.slice(0, 40)}]`);
        }
      }
    }
    for (const element of document.querySelectorAll('iframe, frame, object, embed, base, body style, form')) {
      found.push(`<${element.tagName.toLowerCase()}> element`);
    }
    return found;
  }, base);
}

for (const { name, partners } of sites) {
  const content = await loadContent(name);
  const base = content.kit.site.base;

  describe(`the ${name} site in a browser`, () => {
    let server: StaticServer;
    let page: Page;
    let watch: Watch;

    // One page for the whole site: after the first page, the browser has axe compiled already.
    beforeAll(async () => {
      const site = await builtSite(name);
      server = await serveStatic({ root: site.dist, base });
      const watched = await watchedContext(browser, { viewport: viewports.phone });
      watch = watched.watch;
      page = await watched.context.newPage();
    });

    afterAll(async () => {
      await page?.context().close();
      await server?.close();
    });

    for (const { path, label } of sitePages(content, partners)) {
      it(`${label} is clean, accessible and fits a phone and a laptop`, async () => {
        watch.problems.length = 0;
        watch.dialogs.length = 0;
        await page.setViewportSize(viewports.phone);
        const response = await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
        expect(response?.status()).toBe(200);
        // Lazy images load as a reader scrolls: load them all, so they are checked and in the screenshot.
        await loadAllImages(page);
        expect(await accessibilityViolations(page, `${name} ${label}`), 'serious or critical axe violations').toEqual([]);
        expect(await foreignCode(page, base)).toEqual([]);
        for (const viewport of Object.values(viewports)) {
          await page.setViewportSize(viewport);
          expect(await horizontalOverflow(page), `${label} at ${viewport.width}px`).toEqual([]);
          await screenshot(page, name, label);
        }
        await page.waitForLoadState('networkidle');
        expect(watch.problems).toEqual([]);
        expect(watch.dialogs, 'dialogs or print() calls').toEqual([]);
      });
    }
  });
}
