import { accentPalette } from '../../kit/accent.ts';
import { displayUrl } from '../../kit/urls.ts';
import { qrSvg } from '../qr.ts';
import type { TextStyle } from '../text-layout.ts';
import { box, colours, imageDirection, imageFormats, imageText, ownerRow, Parts, rowFor, type CardInput, type ImageFormat, type Template } from './common.ts';

/** The partner's "what to say" card: the one-liner, who it is about, and a QR code to the share page. */
export function cardTemplate(input: CardInput, format: ImageFormat): Template {
  const { width, height } = imageFormats[format];
  const palette = accentPalette(input.owner.accent);
  const texts = new Parts();
  // A right-to-left card is the mirror image: words set right to left, the QR code on the left.
  const direction = imageDirection(input);
  const rtl = direction === 'rtl';
  const eyebrowText = imageText(input, 'card_eyebrow', { partner_name: input.partnerName }).toLocaleUpperCase(input.language);
  const eyebrow: TextStyle = { typeface: 'sans', weight: 700, size: 20, minSize: 13, lineHeight: 1.3, maxLines: 1, letterSpacing: 0.12, direction };
  const qrSize = format === '1200x630' ? 236 : 222;
  const qr = texts.svg(qrSvg(input.shareUrl), qrSize, qrSize);
  const caption = imageText(input, 'card_scan', { owner_first_name: input.ownerFirstName });

  if (format === '1200x630') {
    const left = { width: 684 };
    const quoteHeight = 630 - 64 - 30 - 26 - 96 - 56 - 24;
    const element = box(
      { flexDirection: rowFor(direction), width, height, background: colours.paper },
      box(
        { flexDirection: 'column', width: 820, height, padding: rtl ? '64px 72px 56px 64px' : '64px 64px 56px 72px' },
        texts.block('eyebrow', eyebrowText, eyebrow, left.width, 30, palette.accentInk),
        box(
          { height: quoteHeight, marginTop: 26, alignItems: 'center' },
          texts.block('one-liner', input.oneLiner, { typeface: 'serif', weight: 600, size: 48, minSize: 26, lineHeight: 1.22 }, left.width, quoteHeight, colours.ink),
        ),
        box({ height: 24 }),
        ownerRow(input.owner, texts, 560, 88, direction),
      ),
      box(
        { flexDirection: 'column', width: 380, height, background: palette.accent, alignItems: 'center', justifyContent: 'center' },
        box({ padding: 16, background: colours.white, borderRadius: 24 }, qr),
        box({ height: 22 }),
        texts.block('caption', caption, { typeface: 'sans', weight: 700, size: 26, minSize: 16, lineHeight: 1.25, maxLines: 2, align: 'center', direction }, 316, 66, palette.onAccent),
        texts.block(
          'url',
          displayUrl(input.shareUrl),
          { typeface: 'sans', weight: 400, size: 18, minSize: 11, lineHeight: 1.3, maxLines: 2, align: 'center', direction: 'ltr', url: true },
          316,
          48,
          palette.onAccent,
        ),
      ),
    );
    return texts.done(element, width, height);
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
      ownerRow(input.owner, texts, 780, 100, direction),
    ),
    box(
      { flexDirection: rowFor(direction), height: 330, background: palette.accent, alignItems: 'center', padding: '0 80px' },
      box({ padding: 14, background: colours.white, borderRadius: 24 }, qr),
      box(
        { flexDirection: 'column', ...(rtl ? { marginRight: 48 } : { marginLeft: 48 }) },
        texts.block('caption', caption, { typeface: 'sans', weight: 700, size: 40, minSize: 22, lineHeight: 1.2, maxLines: 2, direction }, 600, 100, palette.onAccent),
        box({ height: 12 }),
        texts.block(
          'url',
          displayUrl(input.shareUrl),
          { typeface: 'sans', weight: 400, size: 26, minSize: 14, lineHeight: 1.3, maxLines: 2, direction: 'ltr', url: true, align: rtl ? 'right' : 'left' },
          600,
          70,
          palette.onAccent,
        ),
      ),
    ),
  );
  return texts.done(element, width, height);
}
