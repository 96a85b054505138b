/** The site icon: the owner's initials on their accent colour, so no icon request ever 404s. */
import { accentPalette } from '../kit/accent.ts';
import { initials } from '../kit/text.ts';

const xmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => xmlEntities[c] ?? c);
}

export function faviconSvg(ownerName: string, accent: string): string {
  const { accent: fill, onAccent } = accentPalette(accent);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${fill}"/><text x="32" y="42" text-anchor="middle" font-family="system-ui, sans-serif" font-size="26" font-weight="700" fill="${onAccent}">${escapeXml(initials(ownerName))}</text></svg>`;
}
