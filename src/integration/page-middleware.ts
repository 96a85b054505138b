/**
 * Build instrumentation, out of the pages: Astro runs this middleware for every page it renders
 * (at build time, for a static site), and not for a page it reuses from the previous build, so
 * the counts say what a build really rendered. Added by the integration (`addMiddleware`). It
 * also releases a page placed from the page cache before Astro renders it anew
 * (src/build/placed-pages.ts says why).
 */
import type { MiddlewareHandler } from 'astro';
import { pageRendered, pageRendering, releasePlaced } from './build-handoff.ts';

export const onRequest: MiddlewareHandler = async (context, next) => {
  if (!context.isPrerendered) return next();
  pageRendering();
  releasePlaced(context.url.pathname);
  const response = await next();
  // Pages only: endpoints (the favicon, robots.txt) are not pages a partner or prospect reads.
  if (response.headers.get('content-type')?.startsWith('text/html')) pageRendered();
  return response;
};
