import { accentPalette } from '../../kit/accent.ts';
import { displayUrl } from '../../kit/urls.ts';
import { clampName, isolate, type TextStyle } from '../text-layout.ts';
import { avatar, box, colours, imageDirection, imageFormats, imageText, Parts, rowFor, type PreviewInput, type Template } from './common.ts';

/** The link preview of a page: who recommends whom (prospect pages) or who the owner is (home). */
export function previewTemplate(input: PreviewInput): Template {
  const { width, height } = imageFormats['1200x630'];
  const palette = accentPalette(input.owner.accent);
  const texts = new Parts();
  const left = { width: 720 };
  // A right-to-left preview is the mirror image: words set right to left, the avatar on the left.
  const direction = imageDirection(input);
  const headlineStyle: TextStyle = { typeface: 'serif', weight: 700, size: 64, minSize: 34, lineHeight: 1.12, maxLines: 3, direction: input.partnerName ? direction : 'auto' };
  // The names are fitted to the width first (isolated once, by imageText).
  const fitted = (value: string) => clampName(value, headlineStyle, left.width);
  const headline = input.partnerName ? imageText(input, 'prospect_image_headline', { partner_name: fitted(input.partnerName), owner_name: fitted(input.owner.name) }) : input.owner.name;
  const eyebrow = input.partnerName ? imageText(input, 'prospect_eyebrow', {}) : input.owner.business;
  const element = box(
    { flexDirection: 'column', width, height, background: colours.paper },
    box(
      { flexDirection: rowFor(direction), height: height - 12, padding: '70px 72px 48px 72px', alignItems: 'center' },
      box(
        { flexDirection: 'column', width: left.width, height: height - 12 - 70 - 48 },
        texts.block(
          'eyebrow',
          eyebrow.toLocaleUpperCase(input.language ?? 'en'),
          { typeface: 'sans', weight: 700, size: 20, minSize: 13, lineHeight: 1.3, maxLines: 1, letterSpacing: 0.12, direction },
          left.width,
          30,
          palette.accentInk,
        ),
        box({ height: 20 }),
        box({ height: 200, alignItems: 'flex-end' }, texts.block('headline', headline, headlineStyle, left.width, 200, colours.ink)),
        box({ height: 24 }),
        texts.block('one-liner', input.oneLiner, { typeface: 'sans', weight: 400, size: 27, minSize: 18, lineHeight: 1.4, maxLines: 3 }, left.width, 114, colours.muted),
        box({ flexGrow: 1 }),
        texts.block(
          'site',
          input.partnerName ? `${isolate(input.owner.business)} · ${displayUrl(input.site)}` : displayUrl(input.site),
          { typeface: 'sans', weight: 600, size: 21, minSize: 13, lineHeight: 1.3, maxLines: 1, direction },
          left.width,
          28,
          palette.accentInk,
        ),
      ),
      box({ flexGrow: 1 }),
      avatar(input.owner, 280, texts),
    ),
    box({ height: 12, background: palette.accent }),
  );
  return texts.done(element, width, height);
}
