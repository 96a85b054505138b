/**
 * What the image designs share: their inputs, the element and drawing helpers, colours, and
 * the owner's avatar. Each design lives in its own file next to this one, so changing one
 * re-renders only its own images (the cache keys on each template's source).
 */
import { accentPalette } from '../../kit/accent.ts';
import { initials } from '../../kit/text.ts';
import { squarePhoto } from '../photo.ts';
import { isolate, layoutText, textSvg, type TextLayout, type TextStyle } from '../text-layout.ts';
import { catalogFor, defaultLanguage, dir, en, formatMessage, type MessageKey } from '../../i18n/catalog.ts';

export { imageFormats, type ImageFormat } from '../paths.ts';

export interface OwnerInput {
  name: string;
  business: string;
  /** Absolute path of the owner's photo, if any. */
  photo?: string | undefined;
  accent: string;
}

/**
 * The words an image shows: catalog messages, the owner's `copy:` where they wrote one (the
 * build passes them), the catalog of the image's language otherwise, then English. `values` fills the
 * messages' other values (`{owner_business}`…); the template fills in the names, isolated.
 */
export interface ImageWords {
  language?: string | undefined;
  messages?: Partial<Record<MessageKey, string>> | undefined;
  values?: Record<string, string> | undefined;
}

/** Formats an image's words. Names passed in `names` are isolated, so they cannot reorder the sentence. */
export function imageText(input: ImageWords, key: MessageKey, names: Record<string, string>): string {
  const isolated = Object.fromEntries(Object.entries(names).map(([name, value]) => [name, isolate(value)]));
  const language = input.language ?? defaultLanguage;
  return formatMessage(input.messages?.[key] ?? catalogFor(language)?.[key] ?? en[key], language, { ...input.values, ...isolated });
}

/** Which way an image's words run: its language's direction. A right-to-left image is mirrored, QR code and owner row included. */
export function imageDirection(input: ImageWords): 'ltr' | 'rtl' {
  return dir(input.language ?? defaultLanguage);
}

/** `row`, or `row-reverse` in a right-to-left image: what comes first sits on the right. */
export function rowFor(direction: 'ltr' | 'rtl'): 'row' | 'row-reverse' {
  return direction === 'rtl' ? 'row-reverse' : 'row';
}

export interface CardInput extends ImageWords {
  partnerName: string;
  oneLiner: string;
  ownerFirstName: string;
  shareUrl: string;
  owner: OwnerInput;
}

export interface TestimonialInput {
  quote: string;
  author: string;
  role?: string | undefined;
  company?: string | undefined;
  photo?: string | undefined;
  /** The disclosure line shown with the quote (relationship, compensation, the owner's words). */
  disclosure?: string | undefined;
  owner: OwnerInput;
}

export interface PreviewInput extends ImageWords {
  /** The introducing partner, for a prospect page; absent for the home page. */
  partnerName?: string | undefined;
  oneLiner: string;
  site: string;
  owner: OwnerInput;
}

/** A satori element: satori takes plain objects shaped like React elements. */
export interface Element {
  type: string;
  props: { style?: Record<string, string | number>; children?: Element | Element[] | string; src?: string; width?: number; height?: number };
}

export interface Template {
  element: Element;
  width: number;
  height: number;
  /** Every text and how it was set, for tests. */
  texts: { name: string; layout: TextLayout }[];
  /** SVG drawings (texts, QR codes) that rendering puts in place of the element's placeholders. */
  inline: string[];
}

export const colours = { paper: '#fbfaf7', ink: '#1d1d1b', muted: '#5c5a55', white: '#ffffff' };

export function box(style: Record<string, string | number>, ...children: Element[]): Element {
  return { type: 'div', props: { style: { display: 'flex', ...style }, children } };
}

/** Marks the placeholder image of an inline drawing; rendering swaps in `Template.inline[n]`. */
export const placeholderMark = (n: number) => `<!--referral-kit:${n}-->`;

/**
 * The drawings of one template: text blocks set by the text engine, and other SVG (QR codes).
 * Satori lays each out as an image box; rendering then puts the drawing itself there, inline,
 * because resvg is much slower at decoding SVG images than at drawing the same paths.
 */
export class Parts {
  texts: Template['texts'] = [];
  inline: string[] = [];

  svg(svg: string, width: number, height: number, style: Record<string, string | number> = {}): Element {
    const mark = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${placeholderMark(this.inline.length)}</svg>`;
    this.inline.push(svg);
    return { type: 'img', props: { src: `data:image/svg+xml;base64,${Buffer.from(mark).toString('base64')}`, width, height, style } };
  }

  /** A block `width`×`height`; unless `fill`, it is only as tall as its lines. */
  block(name: string, text: string, style: TextStyle, width: number, height: number, color: string, fill = false): Element {
    const layout = layoutText(text, style, { width, height });
    this.texts.push({ name, layout });
    const shownHeight = fill ? height : Math.min(height, Math.ceil(layout.height));
    // Cut to the shown box: only glyphs that reach outside it are clipped (see textSvg).
    return this.svg(textSvg(layout, color, { width, height: shownHeight }), width, shownHeight);
  }

  done(element: Element, width: number, height: number): Template {
    return { element, width, height, texts: this.texts, inline: this.inline };
  }
}

export function avatar(owner: OwnerInput, size: number, texts: Parts): Element {
  const palette = accentPalette(owner.accent);
  if (owner.photo) {
    return { type: 'img', props: { src: squarePhoto(owner.photo, size * 2), width: size, height: size, style: { borderRadius: size / 2 } } };
  }
  const letters = texts.block(
    'initials',
    initials(owner.name),
    { typeface: 'sans', weight: 700, size: size * 0.38, minSize: size * 0.2, lineHeight: 1.5, maxLines: 1, align: 'center' },
    size * 0.8,
    size * 0.57,
    palette.onAccent,
    true,
  );
  return box({ width: size, height: size, borderRadius: size / 2, background: palette.accent, alignItems: 'center', justifyContent: 'center' }, letters);
}

/** The owner's avatar, name and business, side by side; in a right-to-left image, the avatar on the right. */
export function ownerRow(owner: OwnerInput, texts: Parts, textWidth: number, size: number, direction: 'ltr' | 'rtl' = 'ltr'): Element {
  const align = direction === 'rtl' ? 'right' : 'left';
  return box(
    { flexDirection: rowFor(direction), alignItems: 'center', height: size + 8 },
    avatar(owner, size, texts),
    box(
      { flexDirection: 'column', ...(direction === 'rtl' ? { marginRight: 22 } : { marginLeft: 22 }) },
      texts.block('owner', owner.name, { typeface: 'sans', weight: 700, size: size * 0.34, minSize: 18, lineHeight: 1.25, maxLines: 1, align }, textWidth, Math.round(size * 0.43), colours.ink),
      texts.block(
        'business',
        owner.business,
        { typeface: 'sans', weight: 400, size: size * 0.27, minSize: 15, lineHeight: 1.3, maxLines: 1, align },
        textWidth,
        Math.round(size * 0.36),
        colours.muted,
      ),
    ),
  );
}
