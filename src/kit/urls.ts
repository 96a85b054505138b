/** Every address the kit hands out, built from `site.url` and `site.base` in one place. */
import type { KitData } from '../schemas/kit.ts';

type Site = Pick<KitData['site'], 'url' | 'base'>;

/** A partner's `share_page`: false builds no page; true, public and unlisted build one. */
type ShareSetting = boolean | 'public' | 'unlisted';

/**
 * Whether search engines may list a partner's share page (and the sitemap holds it): only when
 * the owner opted in, for this partner or for all. It names the partner as recommending the owner.
 */
export function shareListed(site: Pick<KitData['site'], 'share_pages'>, partner: { share_page: ShareSetting }): boolean {
  if (partner.share_page === false || partner.share_page === 'unlisted') return false;
  return partner.share_page === 'public' || site.share_pages === 'public';
}

/** A path inside the site (`for/jane/`) as an absolute URL. */
export function absoluteUrl(site: Site, path = ''): string {
  return `${site.url}${site.base}${path}`;
}

/** A path inside the site as a link from one of its pages. */
export function sitePath(site: Pick<Site, 'base'>, path = ''): string {
  return `${site.base}${path}`;
}

/** An address as people read it on a card or an image: without `https://` and the last `/`. */
export function displayUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

/** The public page a partner shares with prospects. */
export function sharePath(slug: string): string {
  return `for/${encodeURIComponent(slug)}/`;
}

/** The partner's private kit: the token is the only thing that guards it. */
export function kitPath(token: string): string {
  return `kit/${encodeURIComponent(token)}/`;
}

/**
 * The links a partner's scripts may use: their share page (the home page when they have none),
 * and their own kit. The kit page and `referral-kit invite` fill scripts with the same ones.
 */
export function scriptUrls(site: Site, slug: string, partner: { token: string; share_page: ShareSetting }): { share_url: string; kit_url: string } {
  return {
    share_url: partner.share_page ? absoluteUrl(site, sharePath(slug)) : absoluteUrl(site),
    kit_url: absoluteUrl(site, kitPath(partner.token)),
  };
}

/** The booking link, crediting the partner who made the introduction when there is one. */
export function bookingUrl(booking: string, ref?: string): string {
  const url = new URL(booking);
  if (ref) {
    url.searchParams.set('ref', ref);
    url.searchParams.set('utm_source', 'referral-kit');
    url.searchParams.set('utm_medium', 'referral');
    url.searchParams.set('utm_campaign', ref);
  }
  return url.href;
}
