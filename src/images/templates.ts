/**
 * The image designs. Each template turns plain data into a satori element tree: texts are set
 * by the text engine into fixed boxes (so they can never run off the image), satori places the
 * boxes, photos and QR codes.
 */
import { accentPalette } from '../kit/accent.ts';
import { initials } from '../site/favicon.ts';
import { squarePhoto } from './photo.ts';
import { qrSvg } from './qr.ts';
import { clampName, isolate, layoutText, textSvg, type TextLayout, type TextStyle } from './text-layout.ts';

export const imageFormats = {
  '1200x630': { width: 1200, height: 630 },
  '1080x1080': { width: 1080, height: 1080 },
} as const;

export type ImageFormat = keyof typeof imageFormats;

export interface OwnerInput {
  name: string;
  business: string;
  /** Absolute path of the owner's photo, if any. */
  photo?: string | undefined;
  accent: string;
}

export interface CardInput {
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
  owner: OwnerInput;
}

export interface PreviewInput {
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
}

const colours = { paper: '#fbfaf7', ink: '#1d1d1b', muted: '#5c5a55', white: '#ffffff' };

function box(style: Record<string, string | number>, ...children: Element[]): Element {
  return { type: 'div', props: { style: { display: 'flex', ...style }, children } };
}

function svgImage(svg: string, width: number, height: number, style: Record<string, string | number> = {}): Element {
  return { type: 'img', props: { src: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, width, height, style } };
}

/** Text blocks laid out by the text engine, kept for tests to inspect. */
class Texts {
  list: Template['texts'] = [];

  /** A block `width`×`height`; unless `fill`, it is only as tall as its lines. */
  block(name: string, text: string, style: TextStyle, width: number, height: number, color: string, fill = false): Element {
    const layout = layoutText(text, style, { width, height });
    this.list.push({ name, layout });
    const shownHeight = fill ? height : Math.min(height, Math.ceil(layout.height));
    return svgImage(textSvg(layout, color).replace(/height="[\d.]+" viewBox="0 0 ([\d.]+) [\d.]+"/, `height="${shownHeight}" viewBox="0 0 $1 ${shownHeight}"`), width, shownHeight);
  }
}

function avatar(owner: OwnerInput, size: number, texts: Texts): Element {
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

const displayUrl = (url: string) => url.replace(/^https?:\/\//, '').replace(/\/$/, '');

/** The partner's "what to say" card: the one-liner, who it is about, and a QR code to the share page. */
export function cardTemplate(input: CardInput, format: ImageFormat): Template {
  const { width, height } = imageFormats[format];
  const palette = accentPalette(input.owner.accent);
  const texts = new Texts();
  const eyebrowText = `Recommended by ${isolate(input.partnerName)}`.toLocaleUpperCase();
  const eyebrow: TextStyle = { typeface: 'sans', weight: 700, size: 20, minSize: 13, lineHeight: 1.3, maxLines: 1, letterSpacing: 0.12, direction: 'ltr' };
  const qr = svgImage(qrSvg(input.shareUrl), format === '1200x630' ? 236 : 222, format === '1200x630' ? 236 : 222);
  const caption = `Scan to meet ${isolate(input.ownerFirstName)}`;

  if (format === '1200x630') {
    const left = { width: 684 };
      const quoteHeight = 630 - 64 - 30 - 26 - 96 - 56 - 24;
      const element = box(
      { width, height, background: colours.paper },
      box(
        { flexDirection: 'column', width: 820, height, padding: '64px 64px 56px 72px' },
        texts.block('eyebrow', eyebrowText, eyebrow, left.width, 30, palette.accentInk),
        box(
          { height: quoteHeight, marginTop: 26, alignItems: 'center' },
          texts.block('one-liner', input.oneLiner, { typeface: 'serif', weight: 600, size: 48, minSize: 26, lineHeight: 1.22 }, left.width, quoteHeight, colours.ink),
        ),
        box({ height: 24 }),
        ownerRow(input.owner, texts, 560, 88),
      ),
      box(
        { flexDirection: 'column', width: 380, height, background: palette.accent, alignItems: 'center', justifyContent: 'center' },
        box({ padding: 16, background: colours.white, borderRadius: 24 }, qr),
        box({ height: 22 }),
        texts.block('caption', caption, { typeface: 'sans', weight: 700, size: 26, minSize: 16, lineHeight: 1.25, maxLines: 2, align: 'center', direction: 'ltr' }, 316, 66, palette.onAccent),
        texts.block('url', displayUrl(input.shareUrl), { typeface: 'sans', weight: 400, size: 18, minSize: 11, lineHeight: 1.3, maxLines: 2, align: 'center', direction: 'ltr' }, 316, 48, palette.onAccent),
      ),
    );
    return { element, width, height, texts: texts.list };
  }

  const inner = { width: 920 };
  const quoteHeight = 750 - 80 - 34 - 36 - 36 - 108 - 56;
  const element = box(
    { flexDirection: 'column', width, height, background: colours.paper },
    box(
      { flexDirection: 'column', height: 750, padding: '80px 80px 56px 80px' },
      texts.block('eyebrow', eyebrowText, { ...eyebrow, size: 24 }, inner.width, 34, palette.accentInk),
      box(
        { height: quoteHeight, marginTop: 36, alignItems: 'center' },
        texts.block('one-liner', input.oneLiner, { typeface: 'serif', weight: 600, size: 64, minSize: 32, lineHeight: 1.2 }, inner.width, quoteHeight, colours.ink),
      ),
      box({ height: 36 }),
      ownerRow(input.owner, texts, 780, 100),
    ),
    box(
      { height: 330, background: palette.accent, alignItems: 'center', padding: '0 80px' },
      box({ padding: 14, background: colours.white, borderRadius: 24 }, qr),
      box(
        { flexDirection: 'column', marginLeft: 48 },
        texts.block('caption', caption, { typeface: 'sans', weight: 700, size: 40, minSize: 22, lineHeight: 1.2, maxLines: 2, direction: 'ltr' }, 600, 100, palette.onAccent),
        box({ height: 12 }),
        texts.block('url', displayUrl(input.shareUrl), { typeface: 'sans', weight: 400, size: 26, minSize: 14, lineHeight: 1.3, maxLines: 2, direction: 'ltr' }, 600, 70, palette.onAccent),
      ),
    ),
  );
  return { element, width, height, texts: texts.list };
}

/** The owner's avatar, name and business, side by side. */
function ownerRow(owner: OwnerInput, texts: Texts, textWidth: number, size: number): Element {
  return box(
    { alignItems: 'center', height: size + 8 },
    avatar(owner, size, texts),
    box(
      { flexDirection: 'column', marginLeft: 22 },
      texts.block('owner', owner.name, { typeface: 'sans', weight: 700, size: size * 0.34, minSize: 18, lineHeight: 1.25, maxLines: 1, align: 'left' }, textWidth, Math.round(size * 0.43), colours.ink),
      texts.block('business', owner.business, { typeface: 'sans', weight: 400, size: size * 0.27, minSize: 15, lineHeight: 1.3, maxLines: 1, align: 'left' }, textWidth, Math.round(size * 0.36), colours.muted),
    ),
  );
}

/** A testimonial worth sharing: the quote, who said it, and whose work it is about. */
export function testimonialTemplate(input: TestimonialInput, format: ImageFormat): Template {
  const { width, height } = imageFormats[format];
  const palette = accentPalette(input.owner.accent);
  const texts = new Texts();
  const square = format === '1080x1080';
  const pad = square ? { top: 90, right: 90, bottom: 80, left: 90 } : { top: 56, right: 72, bottom: 52, left: 72 };
  const inner = width - 18 - pad.left - pad.right;
  const footer = square ? 200 : 112;
  const mark = square ? 120 : 84;
  const quoteHeight = height - pad.top - pad.bottom - mark - footer;
  const quote = texts.block(
    'quote',
    input.quote,
    { typeface: 'serif', weight: 400, size: square ? 54 : 40, minSize: square ? 28 : 22, lineHeight: 1.35 },
    inner,
    quoteHeight,
    colours.ink,
  );
  const rtl = texts.list.at(-1)!.layout.rtl;
  const byline = [input.role, input.company].filter(Boolean).join(', ');
  const authorSize = square ? 96 : 76;
  const authorWidth = square ? inner - authorSize - 22 : 560;
  const element = box(
    { width, height, background: colours.paper },
    box({ width: 18, height, background: palette.accent }),
    box(
      { flexDirection: 'column', width: width - 18, height, padding: `${pad.top}px ${pad.right}px ${pad.bottom}px ${pad.left}px` },
      box(
        { height: mark, justifyContent: rtl ? 'flex-end' : 'flex-start' },
        texts.block('mark', rtl ? '\u201d' : '\u201c', { typeface: 'serif', weight: 700, size: mark * 1.7, lineHeight: 1, maxLines: 1 }, mark, mark, palette.accentInk, true),
      ),
      box({ height: quoteHeight, alignItems: 'center' }, quote),
      box(
        { height: footer, alignItems: square ? 'flex-start' : 'center', flexDirection: square ? 'column' : 'row', justifyContent: square ? 'flex-end' : 'space-between' },
        box(
          { alignItems: 'center' },
          ...(input.photo
            ? [{ type: 'img', props: { src: squarePhoto(input.photo, authorSize * 2), width: authorSize, height: authorSize, style: { borderRadius: authorSize / 2, marginRight: 22 } } } as Element]
            : []),
          box(
            { flexDirection: 'column' },
            texts.block('author', input.author, { typeface: 'sans', weight: 700, size: square ? 34 : 28, minSize: 18, lineHeight: 1.25, maxLines: 1, align: 'left' }, authorWidth, square ? 44 : 36, colours.ink),
            ...(byline
              ? [texts.block('byline', byline, { typeface: 'sans', weight: 400, size: square ? 26 : 22, minSize: 14, lineHeight: 1.3, maxLines: 1, align: 'left' }, authorWidth, square ? 36 : 30, colours.muted)]
              : []),
          ),
        ),
        ...(square ? [box({ height: 26 })] : []),
        texts.block(
          'about',
          `${isolate(input.owner.name)} · ${isolate(input.owner.business)}`,
          { typeface: 'sans', weight: 600, size: square ? 24 : 20, minSize: 13, lineHeight: 1.3, maxLines: 1, align: square ? 'start' : 'end', direction: 'ltr' },
          square ? inner : 380,
          square ? 34 : 28,
          palette.accentInk,
        ),
      ),
    ),
  );
  return { element, width, height, texts: texts.list };
}

/** The link preview of a page: who recommends whom (prospect pages) or who the owner is (home). */
export function previewTemplate(input: PreviewInput): Template {
  const { width, height } = imageFormats['1200x630'];
  const palette = accentPalette(input.owner.accent);
  const texts = new Texts();
  const left = { width: 720 };
  const headlineStyle: TextStyle = { typeface: 'serif', weight: 700, size: 64, minSize: 34, lineHeight: 1.12, maxLines: 3, direction: input.partnerName ? 'ltr' : 'auto' };
  const name = (value: string) => isolate(clampName(value, headlineStyle, left.width));
  const headline = input.partnerName ? `${name(input.partnerName)} recommends ${name(input.owner.name)}` : input.owner.name;
  const eyebrow = input.partnerName ? 'A personal introduction' : input.owner.business;
  const element = box(
    { flexDirection: 'column', width, height, background: colours.paper },
    box(
      { height: height - 12, padding: '70px 72px 48px 72px', alignItems: 'center' },
      box(
        { flexDirection: 'column', width: left.width, height: height - 12 - 70 - 48 },
        texts.block('eyebrow', eyebrow.toLocaleUpperCase(), { typeface: 'sans', weight: 700, size: 20, minSize: 13, lineHeight: 1.3, maxLines: 1, letterSpacing: 0.12, direction: 'ltr' }, left.width, 30, palette.accentInk),
        box({ height: 20 }),
        box(
          { height: 200, alignItems: 'flex-end' },
          texts.block('headline', headline, headlineStyle, left.width, 200, colours.ink),
        ),
        box({ height: 24 }),
        texts.block('one-liner', input.oneLiner, { typeface: 'sans', weight: 400, size: 27, minSize: 18, lineHeight: 1.4, maxLines: 3 }, left.width, 114, colours.muted),
        box({ flexGrow: 1 }),
        texts.block('site', input.partnerName ? `${isolate(input.owner.business)} · ${displayUrl(input.site)}` : displayUrl(input.site), { typeface: 'sans', weight: 600, size: 21, minSize: 13, lineHeight: 1.3, maxLines: 1, direction: 'ltr' }, left.width, 28, palette.accentInk),
      ),
      box({ flexGrow: 1 }),
      avatar(input.owner, 280, texts),
    ),
    box({ height: 12, background: palette.accent }),
  );
  return { element, width, height, texts: texts.list };
}
