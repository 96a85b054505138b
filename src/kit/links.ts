/** Every partner's links, for sending them out: as a table, a spreadsheet (CSV) or JSON. */
import type { KitContent } from './kit-content.ts';
import { displayWidth, printable } from './text.ts';
import { absoluteUrl, kitPath, sharePath } from './urls.ts';

export interface PartnerLinks {
  slug: string;
  name: string;
  email: string;
  category: string;
  kit_url: string;
  /** Empty when the partner has no public page (`share_page: false`). */
  share_url: string;
}

export function partnerLinks(content: KitContent): PartnerLinks[] {
  const { site } = content.kit;
  return content.partners.map(({ slug, data }) => ({
    slug,
    name: data.name,
    email: data.email ?? '',
    category: data.category,
    kit_url: absoluteUrl(site, kitPath(data.token)),
    share_url: data.share_page ? absoluteUrl(site, sharePath(slug)) : '',
  }));
}

const columns = ['name', 'email', 'category', 'kit_url', 'share_url', 'slug'] as const satisfies readonly (keyof PartnerLinks)[];

/**
 * RFC 4180 CSV with a byte-order mark, so spreadsheet apps read it as UTF-8. A cell starting
 * with = + - @ is prefixed with ' so a hostile name cannot run as a formula. Spreadsheets set to
 * a European locale split on `;` too: a part after a `;` is neutralised the same way, and a cell
 * holding `;` is quoted, so it stays one cell.
 */
export function toCsv(rows: readonly PartnerLinks[]): string {
  const cell = (value: string) => {
    const safe = value
      .split(';')
      .map((part) => (/^[=+\-@\t\r]/.test(part.trimStart()) ? `'${part}` : part))
      .join(';');
    return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [columns.join(','), ...rows.map((row) => columns.map((column) => cell(row[column])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Aligned columns for the terminal; control characters in names are shown escaped. */
export function toTable(rows: readonly PartnerLinks[]): string {
  // SLUG is what `log`, `update`, `rotate` and `invite` take to name the partner.
  const headers = ['NAME', 'SLUG', 'CATEGORY', 'EMAIL', 'KIT LINK (private)', 'SHARE LINK'];
  const body = rows.map((row) => [row.name, row.slug, row.category, row.email || '(none)', row.kit_url, row.share_url || '(no page)'].map(printable));
  const widths = headers.map((header, i) => Math.max(header.length, ...body.map((cells) => displayWidth(cells[i]!))));
  return [headers, ...body]
    .map((cells) =>
      cells
        .map((value, i) => value + ' '.repeat(widths[i]! - displayWidth(value)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
