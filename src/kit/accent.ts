/**
 * Colours derived from the owner's `accent`, so any brand colour stays readable: text on an
 * accent button is black or white, whichever contrasts more, and accent-coloured text on the
 * page is darkened until it meets WCAG AA (4.5:1).
 */

type Rgb = [number, number, number];

export const paper: Rgb = [251, 250, 247];

function parseHex(hex: string): Rgb {
  const digits = hex.replace('#', '');
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export interface AccentPalette {
  /** The owner's colour, for button backgrounds and rules. */
  accent: string;
  /** Text on an accent background. */
  onAccent: string;
  /** The accent as text on the page background, darkened if needed. */
  accentInk: string;
}

export function accentPalette(hex: string): AccentPalette {
  const accent = parseHex(hex);
  const onAccent = contrast(accent, [255, 255, 255]) >= contrast(accent, [17, 17, 17]) ? '#ffffff' : '#111111';
  let ink = accent;
  for (let step = 0; step < 20 && contrast(ink, paper) < 4.5; step++) ink = ink.map((c) => c * 0.9) as Rgb;
  return { accent: toHex(accent), onAccent, accentInk: toHex(ink) };
}

/** The palette as CSS custom properties for a `style` attribute. Values are generated hex, never raw input. */
export function accentStyle(hex: string): string {
  const palette = accentPalette(hex);
  return `--accent:${palette.accent};--on-accent:${palette.onAccent};--accent-ink:${palette.accentInk}`;
}
