/**
 * `node test/bench-baseline/build.ts <content> <out>`: the benchmark's baseline build (see
 * image-endpoint.ts), printing the figures `referral-kit build --json` prints. The site is the
 * same one Referral Kit builds; only the images are drawn the usual way, by an endpoint each.
 * The pages are all rendered (no page cache), and the integration draws no image itself: the
 * handoff gives it an image run with nothing to do.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { ImageRun } from '../../src/images/write.ts';
import { closeHandoff, openHandoff } from '../../src/integration/build-handoff.ts';
import { loadKit } from '../../src/kit/load.ts';

const [contentArg, outArg] = process.argv.slice(2);
if (!contentArg || !outArg) throw new Error('usage: node test/bench-baseline/build.ts <content> <out>');
const contentDir = resolve(contentArg);
const outDir = resolve(outArg);
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const started = performance.now();

const { content, diagnostics } = await loadKit(contentDir);
if (!content) throw new Error('the kit has errors');
const noImages: ImageRun = {
  deliverTo() {},
  finish: async () => ({ total: 0, rendered: 0, fromCache: 0, workers: 0, seconds: 0 }),
  cancel: async () => {},
  progress: () => ({ drawn: 0, toDraw: 0 }),
};
const endpoint: AstroIntegration = {
  name: 'bench-baseline-images',
  hooks: {
    'astro:config:setup': ({ injectRoute }) => {
      injectRoute({ pattern: '/[...image]', entrypoint: fileURLToPath(new URL('./image-endpoint.ts', import.meta.url)), prerender: true });
    },
  },
};
const handoff = openHandoff({ contentDir, findingsShown: true, reading: { content, diagnostics }, images: noImages });
const cacheDir = mkdtempSync(join(tmpdir(), 'referral-kit-bench-baseline-'));
rmSync(outDir, { recursive: true, force: true });
// As referral-kit build does: run Astro from a folder of ours inside the project.
const working = join(projectRoot, 'node_modules', '.cache', 'referral-kit', 'astro');
mkdirSync(working, { recursive: true });
process.chdir(working);
const { build } = await import('astro');
try {
  await build({ root: projectRoot, outDir, cacheDir, logLevel: 'error', mode: 'production', integrations: [endpoint], experimental: { incrementalBuild: false } });
} finally {
  closeHandoff();
  rmSync(cacheDir, { recursive: true, force: true });
}
const files = readdirSync(outDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
const images = files.filter((entry) => entry.name.endsWith('.png')).length;
console.log(
  JSON.stringify({
    ok: true,
    pages: files.filter((entry) => entry.name.endsWith('.html')).length,
    seconds: (performance.now() - started) / 1000,
    stats: { pageSeconds: handoff.stats?.pageSeconds ?? 0, pagesRendered: handoff.pages.rendered, images: { total: images, rendered: images, fromCache: 0 } },
  }),
);
