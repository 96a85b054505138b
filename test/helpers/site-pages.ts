/**
 * The sites browser tests and the budget script load: the example kit in content/ and fixture
 * kits, and the pages of each type they have.
 */
import { join } from 'node:path';
import { loadKit, type KitContent } from '../../src/kit/load.ts';
import { kitPath, sharePath } from '../../src/kit/urls.ts';
import { fixture, repoRoot } from './fixtures.ts';

export type SiteName = 'example' | 'basic' | 'hostile' | 'rtl';

export function contentDirOf(name: SiteName): string {
  return name === 'example' ? join(repoRoot, 'content') : fixture(name);
}

export async function loadContent(name: SiteName): Promise<KitContent> {
  const { content, diagnostics } = await loadKit(contentDirOf(name));
  if (!content) throw new Error(`${name} has errors: ${diagnostics.map((d) => d.message).join('; ')}`);
  return content;
}

export type PageType = 'home' | 'testimonials' | 'prospect' | 'kit' | 'card' | 'cards';

export interface SitePage {
  type: PageType;
  /** Path under the site's base, e.g. `kit/<token>/`. */
  path: string;
  /** A short name for test titles and screenshot files: `kit-priya-nair`. */
  label: string;
}

/**
 * The pages a site has, of every type. With `partners`, only those partners' pages; otherwise
 * every partner's.
 */
export function sitePages(content: KitContent, partners?: readonly string[]): SitePage[] {
  const pages: SitePage[] = [
    { type: 'home', path: '', label: 'home' },
    { type: 'testimonials', path: 'testimonials/', label: 'testimonials' },
  ];
  for (const { slug, data } of content.partners) {
    if (partners && !partners.includes(slug)) continue;
    if (data.share_page) pages.push({ type: 'prospect', path: sharePath(slug), label: `prospect-${slug}` });
    pages.push({ type: 'kit', path: kitPath(data.token), label: `kit-${slug}` });
    pages.push({ type: 'card', path: `${kitPath(data.token)}card/`, label: `card-${slug}` });
    pages.push({ type: 'cards', path: `${kitPath(data.token)}cards/`, label: `cards-${slug}` });
  }
  return pages;
}
