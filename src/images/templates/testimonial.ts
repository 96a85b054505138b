import { accentPalette } from '../../kit/accent.ts';
import { squarePhoto } from '../photo.ts';
import { isolate } from '../text-layout.ts';
import { avatar, box, colours, imageFormats, Parts, type Element, type ImageFormat, type Template, type TestimonialInput } from './common.ts';

/**
 * A testimonial worth sharing: the quote, who said it, the disclosure, and whose work it is
 * about. The quote gets every pixel the footer leaves: a short one is set large enough to read
 * at a glance in a feed, a long one shrinks line by line down to a size still legible.
 */
export function testimonialTemplate(input: TestimonialInput, format: ImageFormat): Template {
  const { width, height } = imageFormats[format];
  const palette = accentPalette(input.owner.accent);
  const texts = new Parts();
  const square = format === '1080x1080';
  const stripe = 18;
  const pad = square ? { top: 72, right: 84, bottom: 64, left: 84 } : { top: 44, right: 64, bottom: 40, left: 64 };
  const inner = width - stripe - pad.left - pad.right;
  const mark = square ? 96 : 64;
  const authorSize = square ? 104 : 80;
  const disclosureHeight = input.disclosure ? (square ? 68 : 48) : 0;
  const footer = (square ? 160 : 104) + disclosureHeight;
  const quoteHeight = height - pad.top - pad.bottom - mark - footer;
  const quote = texts.block('quote', input.quote, { typeface: 'serif', weight: 400, size: square ? 84 : 64, minSize: square ? 28 : 22, lineHeight: 1.3 }, inner, quoteHeight, colours.ink);
  const rtl = texts.texts.at(-1)!.layout.rtl;
  const byline = [input.role, input.company].filter(Boolean).join(', ');
  const aboutWidth = square ? inner : 360;
  const authorWidth = inner - authorSize - 22 - (square ? 0 : aboutWidth + 24);
  const portrait: Element = input.photo
    ? ({ type: 'img', props: { src: squarePhoto(input.photo, authorSize * 2), width: authorSize, height: authorSize, style: { borderRadius: authorSize / 2 } } } as Element)
    : avatar({ ...input.owner, name: input.author }, authorSize, texts);
  const person = box(
    { alignItems: 'center', flexDirection: rtl ? 'row-reverse' : 'row' },
    portrait,
    box({ width: 22 }),
    box(
      { flexDirection: 'column' },
      texts.block(
        'author',
        input.author,
        { typeface: 'sans', weight: 700, size: square ? 36 : 30, minSize: 18, lineHeight: 1.25, maxLines: 1, align: 'start' },
        authorWidth,
        square ? 46 : 38,
        colours.ink,
      ),
      ...(byline
        ? [
            texts.block(
              'byline',
              byline,
              { typeface: 'sans', weight: 400, size: square ? 28 : 23, minSize: 14, lineHeight: 1.3, maxLines: 1, align: 'start' },
              authorWidth,
              square ? 38 : 30,
              colours.muted,
            ),
          ]
        : []),
    ),
  );
  const about = texts.block(
    'about',
    `${isolate(input.owner.name)} · ${isolate(input.owner.business)}`,
    { typeface: 'sans', weight: 600, size: square ? 26 : 21, minSize: 13, lineHeight: 1.3, maxLines: 1, align: square === rtl ? 'end' : 'start', direction: 'ltr' },
    aboutWidth,
    square ? 36 : 28,
    palette.accentInk,
  );
  // Legible at feed size, not fine print: at least 20 px on the wide image, 24 on the square one.
  const disclosure = input.disclosure
    ? [
        texts.block(
          'disclosure',
          input.disclosure,
          { typeface: 'sans', weight: 400, size: square ? 26 : 20, minSize: square ? 20 : 16, lineHeight: 1.3, maxLines: 2, align: 'start' },
          inner,
          disclosureHeight - 8,
          colours.muted,
        ),
      ]
    : [];
  const element = box(
    { width, height, background: colours.paper },
    box({ width: stripe, height, background: palette.accent }),
    box(
      { flexDirection: 'column', width: width - stripe, height, padding: `${pad.top}px ${pad.right}px ${pad.bottom}px ${pad.left}px` },
      box(
        { height: mark, justifyContent: rtl ? 'flex-end' : 'flex-start' },
        texts.block('mark', rtl ? '\u201d' : '\u201c', { typeface: 'serif', weight: 700, size: mark * 1.7, lineHeight: 1, maxLines: 1 }, mark, mark, palette.accentInk, true),
      ),
      box({ height: quoteHeight, alignItems: 'center' }, quote),
      box(
        { height: footer, flexDirection: 'column', justifyContent: 'flex-end' },
        ...disclosure.map((block) => box({ height: disclosureHeight, alignItems: 'flex-start' }, block)),
        square
          ? box({ flexDirection: 'column', alignItems: rtl ? 'flex-end' : 'flex-start' }, person, box({ height: 18 }), about)
          : box({ alignItems: 'center', justifyContent: 'space-between', flexDirection: rtl ? 'row-reverse' : 'row' }, person, about),
      ),
    ),
  );
  return texts.done(element, width, height);
}
