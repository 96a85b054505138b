/** Slugs: the names of partner files, which are also their share links (`/for/<slug>/`). */
import anyAscii from 'any-ascii';

/**
 * A name as a slug, in readable Latin whatever its script: `Zoë Ångström` → `zoe-angstrom`,
 * `Mehmet Yılmaz` → `mehmet-yilmaz`, `Дмитрий Иванов` → `dmitriy-ivanov`, Vietnamese without its
 * tones. any-ascii transliterates every script (see the README on why it is a dependency).
 */
export function slugify(name: string): string {
  return anyAscii(name.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
