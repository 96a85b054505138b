/**
 * The start page of `referral-kit dev`: every page of the kit, with each partner's kit, pocket
 * card and share page, so the owner can open any of them while editing. Served by the dev server
 * only (src/integration/index.ts); never part of a build. A pure core: the kit in, HTML out.
 */
import { escapeHtml } from '../kit/text.ts';
import type { KitContent } from '../kit/kit-content.ts';
import { kitPath, shareListed, sharePath, sitePath } from '../kit/urls.ts';

/** Where the dev server serves it, under the site's base folder. */
export const devIndexPath = '__referral-kit/';

// strings: move to the catalog
const says = {
  title: 'Every page of your kit',
  intro: 'A preview on your computer: pages change as you save your files. Nothing here is published.',
  site: 'Your site',
  home: 'Home page',
  testimonials: 'Testimonials',
  notFound: 'The page for a wrong or old link (404)',
  partners: (count: number) => `Partners (${count})`,
  kit: 'Kit',
  card: 'Pocket card',
  cards: 'Four on A4',
  share: 'Share page',
  shareListed: 'listed in search engines',
  noShare: 'no share page (share_page: false)',
  none: 'No partners yet: add one with `npx referral-kit add partner "Name"`.',
};

export function devIndexHtml(content: KitContent): string {
  const { site, owner } = content.kit;
  const link = (path: string, label: string) => `<a href="${escapeHtml(sitePath(site, path))}">${escapeHtml(label)}</a>`;
  const partners = content.partners.map(({ slug, data }) => {
    const share = data.share_page ? `${link(sharePath(slug), says.share)}${shareListed(site, data) ? ` (${says.shareListed})` : ''}` : says.noShare;
    return `<tr><th scope="row"><bdi>${escapeHtml(data.name)}</bdi> <small>${escapeHtml(slug)} · ${escapeHtml(data.category)}</small></th><td>${link(kitPath(data.token), says.kit)}</td><td>${link(`${kitPath(data.token)}card/`, says.card)}</td><td>${link(`${kitPath(data.token)}cards/`, says.cards)}</td><td>${share}</td></tr>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(says.title)} · ${escapeHtml(owner.name)}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: #1d1d1f; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: start; padding: 0.4rem 0.6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
small { color: #555; display: block; }
a { color: #0b57d0; }
</style>
</head>
<body>
<h1>${escapeHtml(says.title)}</h1>
<p>${escapeHtml(says.intro)}</p>
<h2>${escapeHtml(says.site)}</h2>
<ul>
<li>${link('', says.home)}</li>
<li>${link('testimonials/', says.testimonials)}</li>
<li>${link('404/', says.notFound)}</li>
</ul>
<h2>${escapeHtml(says.partners(content.partners.length))}</h2>
${partners.length ? `<table>\n${partners.join('\n')}\n</table>` : `<p>${escapeHtml(says.none)}</p>`}
</body>
</html>
`;
}
