/**
 * robots.txt: everything may be crawled. Kits are kept out of search results by their noindex
 * tags, which a crawler only sees if it may fetch the page; a Disallow would hide them from view
 * while leaving the URL listable.
 */
import type { APIRoute } from 'astro';
import { getKit } from '../site/content.ts';
import { absoluteUrl } from '../kit/urls.ts';

export const GET: APIRoute = async () => {
  const kit = await getKit();
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(kit.site, 'sitemap-index.xml')}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
};
