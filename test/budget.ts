/**
 * `npm run budget`: what each page type of the example kit weighs as a browser receives it, and
 * how fast the kit page paints on a mid-range phone, against the project's budgets. Prints a table
 * and exits 1 when a budget is exceeded. A measuring tool, not a test: timings vary by machine.
 *
 *   npm run budget                       build content/ into a temporary folder and measure it
 *   npm run budget -- --dist dist        measure a site already built from content/
 *   npm run budget -- --content DIR      another kit folder
 *
 * Sizes come from the browser's Resource Timing: "raw" is the file as built, "gzip" the body as
 * sent by a static host that compresses text (the server here gzips like one), "transferred" adds
 * the response headers. 1 KB = 1024 bytes.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { buildSite } from '../src/build/build-site.ts';
import { loadKit } from '../src/kit/load.ts';
import { launchChromium, loadAllImages } from './helpers/browser.ts';
import { repoRoot } from './helpers/fixtures.ts';
import { sitePages, type PageType, type SitePage } from './helpers/site-pages.ts';
import { serveStatic, type StaticServer } from './helpers/static-server.ts';

const KB = 1024;
const budgets = {
  /** Kit page: HTML + CSS + JS as transferred, images excluded. */
  kitTransferred: 60 * KB,
  /** Kit page: JavaScript, uncompressed (what the phone parses and runs). */
  kitJavaScript: 5 * KB,
  kitLcpMs: 1500,
};

/**
 * The phone: Chrome DevTools' "Slow 4G" network (Lighthouse's mobile default, 150 ms RTT and
 * 1.6 Mbit/s, as DevTools applies it per request: 562.5 ms latency and 90 % of the bandwidth), on
 * the Moto G Power screen Lighthouse emulates, with the CPU slowed to DevTools' calibrated
 * "mid-tier mobile": whatever rate makes this machine score 1000 on Lighthouse's BenchmarkIndex,
 * as a Pixel 5 does. A fixed 4× slowdown, Lighthouse's classic default, emulates a different phone
 * on every machine (on a busy 2-core CI machine, one slower than DevTools' low-tier phone), so it
 * is printed for reference only.
 */
const phone = {
  latencyMs: 562.5,
  downloadKbps: 1474.56,
  uploadKbps: 675,
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  /** BenchmarkIndex of DevTools' "mid-tier mobile" (a Pixel 5). */
  midTierScore: 1000,
  fixedSlowdown: 4,
};

const { values: options } = parseArgs({
  options: {
    content: { type: 'string', default: join(repoRoot, 'content') },
    dist: { type: 'string' },
    runs: { type: 'string', default: '5' },
  },
});

interface Weight {
  raw: number;
  gzip: number;
  transferred: number;
  files: number;
}

interface PageWeight {
  page: SitePage;
  html: Weight;
  css: Weight;
  js: Weight;
  images: Weight;
  fonts: { count: number; thirdParty: number; notWoff2: number };
  thirdParty: number;
  renderBlockingThirdParty: number;
}

const emptyWeight = (): Weight => ({ raw: 0, gzip: 0, transferred: 0, files: 0 });
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

async function measurePage(browser: Browser, server: StaticServer, sitePage: SitePage): Promise<PageWeight> {
  const context = await browser.newContext({ viewport: phone.viewport });
  const thirdParty: string[] = [];
  // Nothing leaves the machine; a request elsewhere is counted, and refused.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === server.origin) return route.continue();
    thirdParty.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  await page.goto(`${server.url}${sitePage.path}`, { waitUntil: 'load' });
  // Images load lazily; load them all, so the page's whole weight is counted.
  await loadAllImages(page);
  await page.waitForLoadState('networkidle');
  const entries = await page.evaluate(() =>
    [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((entry) => {
      const timing = entry as PerformanceResourceTiming & { renderBlockingStatus?: string };
      return {
        url: timing.name,
        initiator: timing.initiatorType,
        raw: timing.decodedBodySize,
        gzip: timing.encodedBodySize,
        transferred: timing.transferSize,
        blocking: timing.renderBlockingStatus === 'blocking',
      };
    }),
  );
  await context.close();
  const weight: PageWeight = {
    page: sitePage,
    html: emptyWeight(),
    css: emptyWeight(),
    js: emptyWeight(),
    images: emptyWeight(),
    fonts: { count: 0, thirdParty: 0, notWoff2: 0 },
    thirdParty: thirdParty.length,
    renderBlockingThirdParty: entries.filter((entry) => entry.blocking && new URL(entry.url).origin !== server.origin).length,
  };
  for (const entry of entries) {
    const extension = new URL(entry.url).pathname.split('.').pop()?.toLowerCase() ?? '';
    if (['woff2', 'woff', 'ttf', 'otf'].includes(extension)) {
      weight.fonts.count++;
      if (new URL(entry.url).origin !== server.origin) weight.fonts.thirdParty++;
      if (extension !== 'woff2') weight.fonts.notWoff2++;
      continue;
    }
    const kind = entry.initiator === 'navigation' ? weight.html : extension === 'css' ? weight.css : ['js', 'mjs'].includes(extension) ? weight.js : weight.images;
    kind.raw += entry.raw;
    kind.gzip += entry.gzip;
    kind.transferred += entry.transferred;
    kind.files++;
  }
  return weight;
}

/**
 * Lighthouse's BenchmarkIndex (GoogleChrome/lighthouse, core/lib/page-functions.js, Apache-2.0),
 * rewritten: a garbage-collecting loop building 10,000-character strings and a loop copying an
 * array of 100,000 numbers, each for half the time; the score is the average of their iterations
 * per second divided by 10. Runs in the page, so it must not refer to anything outside itself.
 */
function benchmarkIndex(durationMs: number): number {
  const half = durationMs / 2;
  const perSecond = (iterations: number, start: number) => iterations / 10 / ((Date.now() - start) / 1000);
  let start = Date.now();
  let strings = 0;
  while (Date.now() - start < half) {
    let text = '';
    for (let i = 0; i < 10000; i++) text += 'a';
    // Never true: keeps the loop from being optimised away.
    if (text.length === 1) throw new Error('unreachable');
    strings++;
  }
  const gc = perSecond(strings, start);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 100000; i++) a[i] = b[i] = i;
  start = Date.now();
  let copies = 0;
  while (copies % 10 !== 0 || Date.now() - start < half) {
    const [from, to] = copies % 2 === 0 ? [a, b] : [b, a];
    for (let i = 0; i < from.length; i++) to[i] = from[i]!;
    copies++;
  }
  return Math.round((gc + perSecond(copies, start)) / 2);
}

/**
 * The CPU slowdown that makes this machine score like a mid-tier phone, found by bisection as
 * DevTools' CPU calibration does (250 ms benchmarks, within 10 points, at most 8 steps). A machine
 * already slower than the phone runs unslowed.
 */
async function calibrateCpu(browser: Browser): Promise<{ host: number; rate: number; score: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const score = async (rate: number) => {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    return page.evaluate(benchmarkIndex, 250);
  };
  try {
    await score(1); // lets V8 optimise the benchmark first
    const host = Math.max(await score(1), await score(1));
    if (host <= phone.midTierScore) return { host, rate: 1, score: host };
    const hundredths = (rate: number) => Math.round(rate * 100) / 100;
    let [lower, upper] = [1, hundredths((host / phone.midTierScore) * 1.5)];
    let result = { host, rate: 1, score: host };
    for (let step = 0; step < 8; step++) {
      const rate = hundredths((lower + upper) / 2);
      result = { host, rate, score: await score(rate) };
      if (Math.abs(result.score - phone.midTierScore) < 10) break;
      if (result.score < phone.midTierScore) upper = rate;
      else lower = rate;
    }
    return result;
  } finally {
    await context.close();
  }
}

interface Paint {
  lcp: number;
  element: string;
  html: number;
  css: number;
  fcp: number;
}

/** One fresh load of the page on the phone: when its HTML and CSS arrived, first and largest paint (ms). */
async function measurePaint(browser: Browser, url: string, cpuSlowdown: number): Promise<Paint> {
  const context = await browser.newContext({ viewport: phone.viewport, deviceScaleFactor: phone.deviceScaleFactor, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: phone.latencyMs,
    downloadThroughput: (phone.downloadKbps * 1024) / 8,
    uploadThroughput: (phone.uploadKbps * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  await page.goto(url, { waitUntil: 'load' });
  const paint = await page.evaluate(
    () =>
      new Promise<Paint>((done) => {
        new PerformanceObserver((list) => {
          const last = list.getEntries().at(-1) as PerformanceEntry & { element?: Element | null };
          const element = last.element;
          const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          const stylesheets = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('.css')) as PerformanceResourceTiming[];
          done({
            lcp: last.startTime,
            element: element
              ? `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${[...element.classList].map((name) => `.${name}`).join('')} "${element.textContent?.trim().slice(0, 40)}…"`
              : '(gone)',
            html: navigation.responseEnd,
            css: Math.max(0, ...stylesheets.map((entry) => entry.responseEnd)),
            fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
          });
        }).observe({ type: 'largest-contentful-paint', buffered: true });
      }),
  );
  await context.close();
  return paint;
}

/** Several fresh loads; the median by LCP. */
async function medianPaint(browser: Browser, url: string, cpuSlowdown: number, runs: number): Promise<{ median: Paint; all: Paint[] }> {
  const all: Paint[] = [];
  for (let run = 0; run < runs; run++) all.push(await measurePaint(browser, url, cpuSlowdown));
  return { median: [...all].sort((a, b) => a.lcp - b.lcp)[Math.floor(runs / 2)]!, all };
}

async function main(): Promise<number> {
  const contentDir = resolve(options.content);
  const { content, diagnostics } = await loadKit(contentDir);
  if (!content) {
    console.error(diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n'));
    return 1;
  }
  // Always a fresh build unless told otherwise: whether an existing dist/ matches the sources
  // can't be told reliably, and a stale one would measure the wrong thing.
  const temporary = options.dist ? undefined : mkdtempSync(join(tmpdir(), 'referral-kit-budget-'));
  const dist = temporary ? join(temporary, 'dist') : resolve(options.dist!);
  if (temporary) {
    console.log(`Building ${contentDir} into a temporary folder…`);
    const result = await buildSite({ contentDir, outDir: dist });
    if (!result.ok) {
      console.error(`The build failed: ${result.reason}`);
      rmSync(temporary, { recursive: true, force: true });
      return 1;
    }
  }
  const server = await serveStatic({ root: dist, base: content.kit.site.base });
  const browser = await launchChromium();
  try {
    // Of each page type, the heaviest page as built: the budget holds for every partner.
    const sizeOf = (path: string) => statSync(join(dist, path, 'index.html')).size;
    const heaviest = new Map<PageType, SitePage>();
    for (const page of sitePages(content)) {
      const current = heaviest.get(page.type);
      if (current === undefined || sizeOf(page.path) > sizeOf(current.path)) heaviest.set(page.type, page);
    }
    const weights: PageWeight[] = [];
    for (const page of heaviest.values()) weights.push(await measurePage(browser, server, page));

    const runs = Math.max(1, Number(options.runs) || 5);
    const kitPage = heaviest.get('kit')!;
    const cpu = await calibrateCpu(browser);
    const midTier = await medianPaint(browser, `${server.url}${kitPage.path}`, cpu.rate, runs);
    const fixed = await medianPaint(browser, `${server.url}${kitPage.path}`, phone.fixedSlowdown, runs);

    const rows = weights.map((w) => {
      const text = w.html.transferred + w.css.transferred + w.js.transferred;
      return [
        w.page.label,
        `${kb(w.html.raw)} / ${kb(w.html.gzip)}`,
        `${kb(w.css.raw)} / ${kb(w.css.gzip)} (${w.css.files})`,
        `${kb(w.js.raw)} / ${kb(w.js.gzip)} (${w.js.files})`,
        kb(text),
        `${kb(w.images.transferred)} (${w.images.files})`,
        String(w.fonts.count),
        String(w.thirdParty),
      ];
    });
    const header = ['page', 'HTML raw / gzip', 'CSS raw / gzip (files)', 'JS raw / gzip (files)', 'HTML+CSS+JS transferred', 'images (files)', 'fonts', 'third-party requests'];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
    const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
    console.log(`\nPage weight of ${contentDir} (heaviest page of each type):\n`);
    console.log(line(header));
    console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
    for (const row of rows) console.log(line(row));

    const ms = (value: number) => `${Math.round(value)} ms`;
    const paintLine = (name: string, { median, all }: { median: Paint; all: Paint[] }) =>
      `  ${name}: LCP ${ms(median.lcp)} median of ${all.map((paint) => ms(paint.lcp)).join(', ')}\n` +
      `    (median load: HTML in at ${ms(median.html)}, CSS at ${ms(median.css)}, first paint ${ms(median.fcp)}, largest: ${median.element})`;
    console.log(
      `\nLargest Contentful Paint of ${kitPage.label}, ${runs} fresh loads each, on a ${phone.viewport.width}×${phone.viewport.height} ` +
        `screen at ${phone.deviceScaleFactor}× over DevTools' Slow 4G (${phone.latencyMs} ms latency, ${phone.downloadKbps} kbit/s down, ${phone.uploadKbps} kbit/s up).\n` +
        `This machine scores ${cpu.host} on Lighthouse's BenchmarkIndex; a mid-tier phone scores ${phone.midTierScore}` +
        (cpu.rate > 1 ? `, which this machine matches slowed ${cpu.rate}× (scored ${cpu.score}).` : `: this machine is no faster, so it runs unslowed and the figure errs on the slow side.`),
    );
    console.log(paintLine(`Mid-tier phone (CPU ${cpu.rate}× slower)`, midTier));
    console.log(paintLine(`For reference, CPU ${phone.fixedSlowdown}× slower (Lighthouse's fixed default; BenchmarkIndex about ${Math.round(cpu.host / phone.fixedSlowdown)} here)`, fixed));

    const kit = weights.find((w) => w.page.type === 'kit')!;
    const kitText = kit.html.transferred + kit.css.transferred + kit.js.transferred;
    const checks: [string, boolean, string][] = [
      ['Kit page HTML+CSS+JS transferred', kitText <= budgets.kitTransferred, `${kb(kitText)} of ${kb(budgets.kitTransferred)}`],
      ['Kit page JavaScript (uncompressed)', kit.js.raw <= budgets.kitJavaScript, `${kb(kit.js.raw)} of ${kb(budgets.kitJavaScript)}`],
      [
        'Render-blocking third-party resources, any page',
        weights.every((w) => w.renderBlockingThirdParty === 0 && w.thirdParty === 0),
        `${weights.reduce((sum, w) => sum + w.renderBlockingThirdParty, 0)} render-blocking, ${weights.reduce((sum, w) => sum + w.thirdParty, 0)} third-party requests in all`,
      ],
      [
        'Fonts self-hosted, as WOFF2',
        weights.every((w) => w.fonts.thirdParty === 0 && w.fonts.notWoff2 === 0),
        weights.some((w) => w.fonts.count) ? `${weights.reduce((sum, w) => sum + w.fonts.count, 0)} font files` : 'none requested: pages use system fonts',
      ],
      ['Kit page Largest Contentful Paint, mid-tier phone on Slow 4G (median)', midTier.median.lcp <= budgets.kitLcpMs, `${ms(midTier.median.lcp)} of ${ms(budgets.kitLcpMs)}`],
    ];
    console.log('\nBudgets:');
    for (const [name, ok, figures] of checks) console.log(`  ${ok ? '✓' : '✗'} ${name}: ${figures}`);
    const failed = checks.filter(([, ok]) => !ok).length;
    console.log(failed ? `\n${failed} budget${failed === 1 ? '' : 's'} exceeded.` : '\nEvery budget holds.');
    return failed ? 1 : 0;
  } finally {
    await browser.close();
    await server.close();
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  }
}

process.exitCode = await main();
