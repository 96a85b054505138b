/**
 * Driving Debian's Chromium with playwright-core: no browser is downloaded. Every page a test opens
 * is watched for what a partner or prospect would hit as a problem: console errors (a CSP
 * violation is one), uncaught exceptions, failed or 4xx/5xx requests, requests leaving the machine
 * (blocked, so a test never reaches the internet), and dialogs or print() calls nobody asked for.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { repoRoot } from './fixtures.ts';

/** Debian's package; `.ci/run` installs it when it is missing. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, no sandbox (CI runs as root), and none of Chromium's own background traffic. */
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

export const viewports = {
  phone: { width: 375, height: 812 },
  desktop: { width: 1280, height: 800 },
} as const;

export type ViewportName = keyof typeof viewports;

const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface Watch {
  /** Everything that went wrong, one line each; a clean page leaves it empty. */
  problems: string[];
  /** Dialogs and print() calls, kept apart for tests that expect one. */
  dialogs: string[];
  /** Requests that tried to leave the machine (blocked). */
  offsite: string[];
}

/**
 * A browser context whose pages are watched. `dialogs` and `print()` calls are recorded through an
 * init script that runs before any of the page's own, and dismissed.
 */
export async function watchedContext(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; watch: Watch }> {
  const context = await browser.newContext(options);
  const watch: Watch = { problems: [], dialogs: [], offsite: [] };
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (localHosts.has(url.hostname)) return route.continue();
    watch.offsite.push(url.href);
    watch.problems.push(`request left the machine: ${url.href}`);
    return route.abort('blockedbyclient');
  });
  await context.exposeBinding('__referralKitDialog', (_source, kind: string, message: string) => {
    watch.dialogs.push(`${kind}(${message})`);
  });
  await context.addInitScript(() => {
    const report = (globalThis as unknown as { __referralKitDialog: (kind: string, message: string) => void }).__referralKitDialog;
    for (const kind of ['alert', 'confirm', 'prompt', 'print'] as const) {
      Object.defineProperty(window, kind, {
        configurable: false,
        value: (message?: unknown) => void report(kind, String(message ?? '')),
      });
    }
  });
  context.on('page', (page) => watchPage(page, watch));
  return { context, watch };
}

function watchPage(page: Page, watch: Watch): void {
  page.on('console', (message) => {
    if (message.type() === 'error') watch.problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => watch.problems.push(`uncaught error on ${page.url()}: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Requests that left the machine were blocked on purpose and are already reported.
    if (watch.offsite.includes(request.url())) return;
    watch.problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) watch.problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('dialog', async (dialog) => {
    watch.dialogs.push(`${dialog.type()} dialog (${dialog.message()})`);
    await dialog.dismiss();
  });
}

/** Where a page's layout is wider than the viewport: the page itself, and the widest culprits. */
export function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const found: string[] = [];
    const scroll = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    if (scroll <= viewport) return found;
    found.push(`the page is ${scroll}px wide in a ${viewport}px viewport`);
    const describe = (element: Element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${[...element.classList].map((name) => `.${name}`).join('')}`;
    const reported: Element[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      if (reported.some((parent) => parent.contains(element))) continue;
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > viewport + 1) {
        reported.push(element);
        found.push(`${describe(element)} reaches ${Math.round(box.right)}px`);
      }
      if (found.length > 6) break;
    }
    return found;
  });
}

/** Loads every lazy image now, as if the reader had scrolled to the end. */
export async function loadAllImages(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await Promise.all(
      [...document.images].map(async (image) => {
        image.loading = 'eager';
        await image.decode().catch(() => undefined);
      }),
    );
  });
}

/** `test-results/<site>/<name>-<width>.png`, for a person to look at. */
export async function screenshot(page: Page, site: string, name: string): Promise<string> {
  const file = join(repoRoot, 'test-results', site, `${name}-${page.viewportSize()?.width ?? 0}.png`);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * axe-core's findings. Serious and critical ones are returned to fail the test; moderate and minor
 * ones are printed to be read. axe is evaluated into the page through the DevTools protocol, which
 * the page's Content-Security-Policy does not govern (a <script> tag would be refused), so pages
 * are checked as served. Evaluating it directly, rather than through @axe-core/playwright, takes a
 * fraction of the time: that wrapper evaluates axe twice, once more in a blank page.
 */
export async function accessibilityViolations(page: Page, label: string): Promise<string[]> {
  type Axe = typeof axe;
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(() => (window as unknown as { axe: Axe }).axe.run(document, { resultTypes: ['violations'] }));
  const line = (violation: (typeof results.violations)[number]) =>
    `${violation.impact}: ${violation.id} (${violation.help}) at ${violation.nodes
      .slice(0, 3)
      .map((node) => node.target.join(' '))
      .join(', ')}`;
  const minor = results.violations.filter((violation) => violation.impact !== 'serious' && violation.impact !== 'critical');
  if (minor.length) console.log(`axe on ${label}:\n  ${minor.map(line).join('\n  ')}`);
  return results.violations.filter((violation) => !minor.includes(violation)).map(line);
}
