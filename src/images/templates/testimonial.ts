import { accentPalette } from '../../kit/accent.ts';
import { squarePhoto } from '../photo.ts';
import { isolate } from '../text-layout.ts';
import { box, colours, imageFormats, Parts, type Element, type ImageFormat, type Template, type TestimonialInput } from './common.ts';

/** A testimonial worth sharing: the quote, who said it, and whose work it is about. */
export function testimonialTemplate(input: TestimonialInput, format: ImageFormat): Template {
  const { width, height } = imageFormats[format];
  const palette = accentPalette(input.owner.accent);
  const texts = new Parts();
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
  const rtl = texts.texts.at(-1)!.layout.rtl;
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
  return texts.done(element, width, height);
}
