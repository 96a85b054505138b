/**
 * The image cache re-renders exactly what changed: correctness, not speed (the benchmark,
 * `npm run bench`, measures speed).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { ImageCache, imageCodeVersion, imageKey, imageKeys, keysInWorkerFrom } from '../src/images/cache.ts';
import { packageVersion, sourceFilesRunBy } from '../src/kit/source-files.ts';
import { imageJobs, type ImageJob } from '../src/images/catalog.ts';
import { startImages, writeImages, type WriteOptions } from '../src/images/write.ts';
import { loadKit, type KitContent } from '../src/kit/load.ts';
import { copyFixture, repoRoot, tempDir } from './helpers/fixtures.ts';
import { packagesLoadedBy } from './helpers/loaded-packages.ts';
import { childProcesses } from './helpers/process-memory.ts';

async function kit(): Promise<KitContent> {
  const { content } = await loadKit(copyFixture('basic'));
  return content!;
}

/** Every image of a build folder, by path, as a hash of its bytes. */
function images(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.png'))
      .map((e) => [
        relative(dir, join(e.parentPath, e.name)),
        createHash('sha256')
          .update(readFileSync(join(e.parentPath, e.name)))
          .digest('hex'),
      ]),
  );
}

/** The one kit folder's cache entries under a project root. */
function cacheFolder(root: string): string {
  const entries = join(root, 'node_modules', '.cache', 'referral-kit', 'images');
  return join(entries, readdirSync(entries)[0]!);
}

const inProcess = (root: string): WriteOptions => ({ root, cache: true, workers: 0 });

/** Changes one byte near the end of a file, writing the file in place (same inode). */
function flipByteInPlace(file: string): void {
  const bytes = readFileSync(file);
  bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
  writeFileSync(file, bytes);
}

describe('the image cache', () => {
  it('renders nothing when nothing changed, and gives the same bytes', async () => {
    const content = await kit();
    const root = tempDir('cache-root');
    const [first, second] = [tempDir('out'), tempDir('out')];
    const cold = await writeImages(content, first, inProcess(root));
    expect(cold).toMatchObject({ total: 17, rendered: 17, fromCache: 0 });
    const warm = await writeImages(content, second, inProcess(root));
    expect(warm).toMatchObject({ total: 17, rendered: 0, fromCache: 17 });
    expect(images(second)).toEqual(images(first));
  });

  it('re-renders exactly the images whose inputs changed', async () => {
    const content = await kit();
    const root = tempDir('cache-root');
    await writeImages(content, tempDir('out'), inProcess(root));

    // A partner's name appears on their two cards and their prospect preview.
    content.partners.find((p) => p.slug === 'jane-smith')!.data.name = 'Janet Smith';
    expect((await writeImages(content, tempDir('out'), inProcess(root))).rendered).toBe(3);

    // A testimonial's photo appears on that testimonial's two images only.
    const photo = join(content.contentDir, 'photos', 'pat-lee.png');
    writeFileSync(photo, new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#123456"/></svg>').render().asPng());
    expect((await writeImages(content, tempDir('out'), inProcess(root))).rendered).toBe(2);

    // The accent colour is on every image.
    content.kit.site.accent = '#123456';
    expect((await writeImages(content, tempDir('out'), inProcess(root))).rendered).toBe(17);
  });

  it('keys on the fonts a text needs, and on the code of its own template', async () => {
    const jobs = imageJobs(await kit());
    const changed = (options: Parameters<typeof imageKey>[1]) =>
      jobs
        .filter((job) => imageKey(job) !== imageKey(job, options))
        .map((job) => job.path)
        .sort();

    // A new version of the Arabic font changes only images with Arabic text: عمر's.
    const arabic = changed({ versionOf: (name) => (name === '@fontsource/noto-sans-arabic' ? '99.0.0' : packageVersion(name)) });
    expect(arabic).toEqual(['for/omar-haddad/preview.png', 'kit/0marHaddadT0kenQQrrSSttUU/card-1080x1080.png', 'kit/0marHaddadT0kenQQrrSSttUU/card-1200x630.png']);

    // Editing the card template changes the cards' keys and no other.
    const cards = changed({ codeVersion: (kind) => (kind === 'card' ? 'edited' : imageCodeVersion(kind)) });
    expect(cards.length).toBe(10);
    expect(cards.every((path) => /\/card-\d+x\d+\.png$/.test(path))).toBe(true);
  });

  it('gives a kit large enough for a worker thread the same keys as one at a time', async () => {
    const jobs = imageJobs(await kit());
    // The 17 images twelve times over, an owner name each: enough to go to the worker.
    const many = Array.from({ length: 12 }, (_, n) => jobs.map((job) => ({ ...job, input: { ...job.input, owner: { ...job.input.owner, name: `Owner ${n}` } } }) as ImageJob)).flat();
    expect(many.length).toBeGreaterThanOrEqual(keysInWorkerFrom);
    const keys = await imageKeys(many);
    expect(keys).toEqual(many.map((job) => imageKey(job)));
    expect(new Set(keys).size).toBe(many.length);
  });

  it('versions each template by the source files it runs, found by following imports', () => {
    const src = join(repoRoot, 'src');
    const runBy = (template: string) => sourceFilesRunBy([join(src, 'images/render.ts'), join(src, 'images/templates', template)]).map((file) => relative(src, file));
    const card = runBy('card.ts');
    // What draws a card, however far down: its template, the shared parts, the text engine, the catalogs' words.
    expect(card).toEqual(
      expect.arrayContaining(['images/templates/card.ts', 'images/templates/common.ts', 'images/text-layout.ts', 'images/qr.ts', 'kit/accent.ts', 'kit/text.ts', 'i18n/catalog.ts', 'i18n/de.ts']),
    );
    // Not another template, nor image code that does not draw, nor what is imported only as a type.
    for (const file of ['images/templates/testimonial.ts', 'images/cache.ts', 'images/write.ts', 'images/worker.ts', 'images/templates.ts', 'i18n/catalog-types.ts']) expect(card).not.toContain(file);
    expect(runBy('testimonial.ts')).not.toContain('images/qr.ts');
  });

  it('notices a damaged entry and renders that image again', async () => {
    const content = await kit();
    const root = tempDir('cache-root');
    const first = tempDir('out');
    await writeImages(content, first, inProcess(root));
    // Before the damage: the first site's images are links to the entries.
    const expected = images(first);
    const [entry] = readdirSync(cacheFolder(root));
    flipByteInPlace(join(cacheFolder(root), entry!));
    const second = tempDir('out');
    expect((await writeImages(content, second, inProcess(root))).rendered).toBe(1);
    expect(images(second)).toEqual(expected);
  });

  it('renders an entry again when a folder is in its place, instead of failing every build', async () => {
    const content = await kit();
    const root = tempDir('cache-root');
    const first = tempDir('out');
    await writeImages(content, first, inProcess(root));
    const [entry] = readdirSync(cacheFolder(root)).filter((name) => name.endsWith('.png'));
    const file = join(cacheFolder(root), entry!);
    rmSync(file);
    mkdirSync(join(file, 'in-the-way'), { recursive: true });
    const second = tempDir('out');
    expect((await writeImages(content, second, inProcess(root))).rendered).toBe(1);
    expect(images(second)).toEqual(images(first));
    expect(statSync(file).isFile()).toBe(true);
  });

  it("does not publish a sound entry found under another key's name", async () => {
    const content = await kit();
    const root = tempDir('cache-root');
    const first = tempDir('out');
    await writeImages(content, first, inProcess(root));
    const [a, b] = readdirSync(cacheFolder(root))
      .filter((name) => name.endsWith('.png'))
      .map((name) => join(cacheFolder(root), name));
    const [bytesA, bytesB] = [readFileSync(a!), readFileSync(b!)];
    // Before the swap: the first site's images are links to the entries.
    const expected = images(first);
    writeFileSync(a!, bytesB);
    writeFileSync(b!, bytesA);
    const second = tempDir('out');
    expect((await writeImages(content, second, inProcess(root))).rendered).toBe(2);
    expect(images(second)).toEqual(expected);
  });

  it('links each cached image into the site, and draws again one edited there in place', async () => {
    const content = await kit();
    const root = tempDir('cache-root');
    await writeImages(content, tempDir('out'), inProcess(root));
    const site = tempDir('out');
    expect((await writeImages(content, site, inProcess(root))).rendered).toBe(0);
    const expected = images(site);
    const entries = new Set(readdirSync(cacheFolder(root)).map((name) => statSync(join(cacheFolder(root), name)).ino));
    const published = Object.keys(expected).map((name) => join(site, name));
    for (const file of published) expect(entries.has(statSync(file).ino), file).toBe(true);
    // Written in place through the site's file: the entry shares its bytes, and must not be trusted.
    flipByteInPlace(published[0]!);
    const next = tempDir('out');
    expect((await writeImages(content, next, inProcess(root))).rendered).toBe(1);
    expect(images(next)).toEqual(expected);
  });

  it('does not trust an entry changed after this build found it sound', async () => {
    const root = tempDir('cache-root');
    const contentDir = tempDir('content');
    const key = createHash('sha256').update('an image').digest('hex');
    const cache = new ImageCache(root, contentDir);
    const file = await cache.put(key, Buffer.alloc(500, 7));
    expect(await cache.entry(key, file)).toEqual({ file });
    // Edited in place (through the site's link) before the build records what it checked; a
    // moment later, as an edit would be (within one tick of the clock the time could be the same).
    flipByteInPlace(file);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    await cache.recordChecked();
    // The next build looks at the entry's size and time, finds them changed, reads it, and refuses it.
    expect(await new ImageCache(root, contentDir).entry(key)).toBeUndefined();
  });

  it('records what it checked when two builds in one process finish at the same moment', async () => {
    const root = tempDir('cache-root');
    const contentDir = tempDir('content');
    const key = createHash('sha256').update('an image').digest('hex');
    const [first, second] = [new ImageCache(root, contentDir), new ImageCache(root, contentDir)];
    const file = await first.put(key, Buffer.alloc(500, 7));
    expect(await second.entry(key, file)).toEqual({ file });
    await Promise.all([first.recordChecked(), second.recordChecked()]);
    expect(await new ImageCache(root, contentDir).entry(key)).toEqual({ file });
    expect(readdirSync(cacheFolder(root)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('prunes entries the last build did not use', async () => {
    const content = await kit();
    const root = tempDir('cache-root');
    await writeImages(content, tempDir('out'), inProcess(root));
    content.partners = content.partners.filter((p) => p.slug !== 'quiet-partner');
    await writeImages(content, tempDir('out'), inProcess(root));
    expect(readdirSync(cacheFolder(root)).filter((f) => f.endsWith('.png'))).toHaveLength(15);
  });

  it('stays sound when two builds use it at once', async () => {
    const content = await kit();
    const root = tempDir('cache-root');
    const [a, b] = [tempDir('out'), tempDir('out')];
    await Promise.all([writeImages(content, a, inProcess(root)), writeImages(content, b, inProcess(root))]);
    expect(images(b)).toEqual(images(a));
    const after = tempDir('out');
    expect((await writeImages(content, after, inProcess(root))).rendered).toBe(0);
    expect(images(after)).toEqual(images(a));
  });

  it("draws a few images in one worker process, leaving the build's own process to Astro", async () => {
    const content = await kit();
    const root = tempDir('cache-root');
    expect((await writeImages(content, tempDir('out'), { root, cache: true, workers: 2 })).workers).toBe(2);
    content.partners.find((p) => p.slug === 'jane-smith')!.data.name = 'Janet Smith';
    const few = await writeImages(content, tempDir('out'), { root, cache: true, workers: 2 });
    expect(few).toMatchObject({ rendered: 3, workers: availableParallelism() > 1 ? 1 : 0 });
  });

  it("renders the same bytes in worker processes as in the build's own process", async () => {
    const content = await kit();
    const [pooled, single] = [tempDir('out'), tempDir('out')];
    const stats = await writeImages(content, pooled, { root: tempDir('cache-root'), cache: false, workers: 2 });
    expect(stats.workers).toBe(2);
    await writeImages(content, single, { root: tempDir('cache-root'), cache: false, workers: 0 });
    expect(images(pooled)).toEqual(images(single));
  });

  it('stops rendering at once when the build fails, leaving no worker behind', async () => {
    const content = await kit();
    const root = tempDir('cache-root');
    const before = childProcesses(process.pid);
    const run = startImages(content, { root, cache: true, workers: 2 });
    const entries = () => (existsSync(join(root, 'node_modules')) ? readdirSync(cacheFolder(root)).filter((name) => name.endsWith('.png')).length : 0);
    await expect.poll(entries, { interval: 10 }).toBeGreaterThan(0);
    await run.cancel();
    const stopped = entries();
    expect(stopped).toBeLessThan(17);
    expect(childProcesses(process.pid).filter((pid) => !before.includes(pid))).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(entries()).toBe(stopped);
  });

  it('puts nothing into the site once stopped, when the build removes the folder it was filling', async () => {
    const content = await kit();
    const root = tempDir('cache-root');
    await writeImages(content, tempDir('out'), inProcess(root));
    const out = join(tempDir('out'), 'staging');
    const run = startImages(content, inProcess(root));
    run.deliverTo(out);
    // Stopped once the images are found in the cache, while they are being linked in.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await run.cancel();
    rmSync(out, { recursive: true, force: true });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(existsSync(out)).toBe(false);
  });

  it('can be turned off', async () => {
    const content = await kit();
    const root = tempDir('cache-root');
    await writeImages(content, tempDir('out'), { root, cache: false, workers: 0 });
    expect((await writeImages(content, tempDir('out'), inProcess(root))).rendered).toBe(17);
  });
});

describe('a rebuild whose images are all in the cache', () => {
  it('does not load the image renderer at all', () => {
    const content = copyFixture('basic');
    const build = () => packagesLoadedBy(['build', '--content', content, '--out', join(tempDir('cache-out'), 'dist'), '--json'], { REFERRAL_KIT_IMAGE_WORKERS: '0' });
    // Drawn in the build's own process (no workers), so the first build loads satori.
    expect(build()).toContain('satori');
    expect(build()).not.toContain('satori');
  });
});
