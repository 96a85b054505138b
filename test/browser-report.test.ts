/**
 * The HTML report (`referral-kit report --html`) in Chromium, at a phone's width and a laptop's:
 * the charts show the latest months without scrolling, and the tables fit.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { horizontalOverflow, launchChromium, screenshot, viewports, watchedContext, type ViewportName } from './helpers/browser.ts';
import { runCli } from './helpers/cli.ts';
import { repoRoot, tempDir } from './helpers/fixtures.ts';
import { serveStatic, type StaticServer } from './helpers/static-server.ts';

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  const dir = tempDir('report-browser');
  const run = await runCli(['report', '--content', join(repoRoot, 'content'), '--today', '2026-12-01', '--html', join(dir, 'report.html')]);
  if (run.code !== 0) throw new Error(run.stderr);
  // Served from 127.0.0.1 rather than opened from disk: the browser tests allow no other origin.
  server = await serveStatic({ root: dir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(viewport: ViewportName) {
  const { context, watch } = await watchedContext(browser, { viewport: viewports[viewport] });
  const page = await context.newPage();
  await page.goto(`${server.origin}/report.html`);
  return { page, watch, close: () => context.close() };
}

/** Each visible scrolling box whose content is wider than the box. */
function clipped(page: Awaited<ReturnType<typeof open>>['page'], selector: string) {
  return page
    .locator(selector)
    .evaluateAll((boxes) => boxes.filter((box) => box.checkVisibility() && box.scrollWidth > box.clientWidth + 1).map((box) => `${box.className}: ${box.scrollWidth} > ${box.clientWidth}`));
}

describe('the HTML report in the browser', () => {
  it('shows the latest months on a phone, without scrolling', async () => {
    const { page, watch, close } = await open('phone');
    const months = page.locator('.months-narrow');
    expect(await months.isVisible()).toBe(true);
    expect(await page.locator('.months-wide').isVisible()).toBe(false);
    expect(await clipped(page, '.months-narrow')).toEqual([]);
    // The six months up to the report's day (2026-12-01), the latest last.
    expect(await months.locator('text.tick').allTextContents()).toEqual(['Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
    expect(await horizontalOverflow(page)).toEqual([]);
    await screenshot(page, 'report', 'report');
    expect(watch.problems).toEqual([]);
    await close();
  });

  it("fits its tables on a laptop, every column in view, with values in the kit's currency", async () => {
    const { page, watch, close } = await open('desktop');
    expect(await page.locator('.months-wide').isVisible()).toBe(true);
    expect(await page.locator('.months-wide text.tick').count()).toBe(12);
    expect(await clipped(page, '.table-scroll, .chart-scroll')).toEqual([]);
    expect(await page.locator('thead th', { hasText: 'Given back' }).first().isVisible()).toBe(true);
    expect(await page.locator('.tile', { hasText: 'Value won' }).locator('dd').innerText()).toMatch(/^\$[\d,]+$/);
    await screenshot(page, 'report', 'report');
    expect(watch.problems).toEqual([]);
    await close();
  });
});
