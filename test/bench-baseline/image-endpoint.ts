/**
 * The benchmark's baseline (not shipped): the way an Astro site usually draws its OG images, an
 * endpoint per image that Astro prerenders one after another in the build's own process, each
 * drawn from nothing: our template, satori's SVG as it comes (every block in its clip path and
 * mask), resvg, and resvg's own PNG encoder. No cache, no workers, no layout shared between images.
 * Injected into a build by test/bench-baseline/build.ts.
 */
import { Resvg } from '@resvg/resvg-js';
import type { APIRoute, GetStaticPaths } from 'astro';
import satori from 'satori';
import { imageJobs, type ImageJob } from '../../src/images/catalog.ts';
import { templateFor } from '../../src/images/templates.ts';
import { inlineDrawings } from '../../src/images/render.ts';
import { contentDir, readKit } from '../../src/integration/build-handoff.ts';

export const prerender = true;

export const getStaticPaths = (async () => {
  const { content } = await readKit(contentDir());
  if (!content) throw new Error('the kit has errors');
  return imageJobs(content).map((job) => ({ params: { image: decodeURI(job.path) }, props: { job } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const template = templateFor((props as { job: ImageJob }).job);
  const svg = inlineDrawings(await satori(template.element as never, { width: template.width, height: template.height, fonts: [] }), template.inline);
  const png = new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
