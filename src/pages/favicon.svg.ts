import type { APIRoute } from 'astro';
import { getKit } from '../site/content.ts';
import { faviconSvg } from '../site/favicon.ts';

export const GET: APIRoute = async () => {
  const kit = await getKit();
  return new Response(faviconSvg(kit.owner.name, kit.site.accent), { headers: { 'Content-Type': 'image/svg+xml' } });
};
