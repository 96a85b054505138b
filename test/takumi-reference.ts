/**
 * For the image benchmark only (`npm run bench -- --images`), never shipped: the card and the
 * testimonial laid out for Takumi (@takumi-rs/core, a Rust renderer), with the same boxes,
 * colours, fonts, QR code and photo as src/images/templates/, so the benchmark can time the same
 * picture drawn by the fastest renderer Astro users pick for OG images. Takumi sets the text
 * itself at the preferred size (no shrinking to fit, which our text engine does).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Renderer } from '@takumi-rs/core';
import type { Node } from '@takumi-rs/core';
import { accentPalette } from '../src/kit/accent.ts';
import { initials } from '../src/kit/text.ts';
import { squarePhoto } from '../src/images/photo.ts';
import { qrSvg } from '../src/images/qr.ts';
import { colours, imageFormats, type CardInput, type ImageFormat, type OwnerInput, type TestimonialInput } from '../src/images/templates.ts';
import { displayUrl } from '../src/kit/urls.ts';
import { woffToSfnt } from '../src/images/woff.ts';

const require = createRequire(import.meta.url);

type Style = Record<string, string | number>;
const box = (style: Style, ...children: Node[]): Node => ({ type: 'container', style: { display: 'flex', ...style }, children }) as Node;
const text = (value: string, style: Style, color: string): Node => ({ type: 'text', text: value, style: { color, ...style } }) as Node;
const sans = (weight: number, size: number, lineHeight: number): Style => ({ fontFamily: 'Noto Sans', fontWeight: weight, fontSize: size, lineHeight });
const serif = (weight: number, size: number, lineHeight: number): Style => ({ fontFamily: 'Noto Serif', fontWeight: weight, fontSize: size, lineHeight });
const clamp = (lines: number): Style => ({ lineClamp: lines, overflow: 'hidden' });

/** A renderer with the Latin faces of Noto Sans (400, 600, 700) and Noto Serif (400, 600, 700), as our templates use. */
export async function takumiRenderer(): Promise<Renderer> {
  const renderer = new Renderer();
  for (const [pkg, name] of [
    ['noto-sans', 'Noto Sans'],
    ['noto-serif', 'Noto Serif'],
  ] as const) {
    for (const weight of [400, 600, 700]) {
      const woff = readFileSync(require.resolve(`@fontsource/${pkg}/files/${pkg}-latin-${weight}-normal.woff`));
      await renderer.registerFont({ name, weight, data: woffToSfnt(woff) });
    }
  }
  return renderer;
}

function avatar(owner: OwnerInput, size: number): Node {
  const palette = accentPalette(owner.accent);
  if (owner.photo) return { type: 'image', src: squarePhoto(owner.photo, size * 2), width: size, height: size, style: { borderRadius: size / 2 } } as Node;
  return box(
    { width: size, height: size, borderRadius: size / 2, backgroundColor: palette.accent, alignItems: 'center', justifyContent: 'center' },
    text(initials(owner.name), sans(700, size * 0.38, 1.5), palette.onAccent),
  );
}

function ownerRow(owner: OwnerInput, textWidth: number, size: number): Node {
  return box(
    { alignItems: 'center', height: size + 8 },
    avatar(owner, size),
    box(
      { flexDirection: 'column', marginLeft: 22, width: textWidth },
      text(owner.name, { ...sans(700, size * 0.34, 1.25), ...clamp(1) }, colours.ink),
      text(owner.business, { ...sans(400, size * 0.27, 1.3), ...clamp(1) }, colours.muted),
    ),
  );
}

const qrImage = (url: string, size: number): Node => ({ type: 'image', src: `data:image/svg+xml;base64,${Buffer.from(qrSvg(url)).toString('base64')}`, width: size, height: size }) as Node;

/** The layout of src/images/templates/card.ts. */
export function takumiCard(input: CardInput, format: ImageFormat): Node {
  const { width, height } = imageFormats[format];
  const palette = accentPalette(input.owner.accent);
  const eyebrow = `Recommended by ${input.partnerName}`.toLocaleUpperCase();
  const caption = `Scan to meet ${input.ownerFirstName}`;
  const eyebrowStyle = { ...sans(700, format === '1200x630' ? 20 : 24, 1.3), letterSpacing: '0.12em', ...clamp(1) };
  if (format === '1200x630') {
    const quoteHeight = 630 - 64 - 30 - 26 - 96 - 56 - 24;
    return box(
      { width, height, backgroundColor: colours.paper },
      box(
        { flexDirection: 'column', width: 820, height, padding: '64px 64px 56px 72px' },
        text(eyebrow, { ...eyebrowStyle, height: 30 }, palette.accentInk),
        box({ height: quoteHeight, marginTop: 26, alignItems: 'center' }, text(input.oneLiner, { ...serif(600, 48, 1.22), width: 684 }, colours.ink)),
        box({ height: 24 }),
        ownerRow(input.owner, 560, 88),
      ),
      box(
        { flexDirection: 'column', width: 380, height, backgroundColor: palette.accent, alignItems: 'center', justifyContent: 'center' },
        box({ padding: 16, backgroundColor: colours.white, borderRadius: 24 }, qrImage(input.shareUrl, 236)),
        box({ height: 22 }),
        text(caption, { ...sans(700, 26, 1.25), ...clamp(2), width: 316, textAlign: 'center' }, palette.onAccent),
        text(displayUrl(input.shareUrl), { ...sans(400, 18, 1.3), ...clamp(2), width: 316, textAlign: 'center' }, palette.onAccent),
      ),
    );
  }
  const quoteHeight = 750 - 80 - 34 - 36 - 36 - 108 - 56;
  return box(
    { flexDirection: 'column', width, height, backgroundColor: colours.paper },
    box(
      { flexDirection: 'column', height: 750, padding: '80px 80px 56px 80px' },
      text(eyebrow, { ...eyebrowStyle, height: 34 }, palette.accentInk),
      box({ height: quoteHeight, marginTop: 36, alignItems: 'center' }, text(input.oneLiner, { ...serif(600, 64, 1.2), width: 920 }, colours.ink)),
      box({ height: 36 }),
      ownerRow(input.owner, 780, 100),
    ),
    box(
      { height: 330, backgroundColor: palette.accent, alignItems: 'center', padding: '0 80px' },
      box({ padding: 14, backgroundColor: colours.white, borderRadius: 24 }, qrImage(input.shareUrl, 222)),
      box(
        { flexDirection: 'column', marginLeft: 48, width: 600 },
        text(caption, { ...sans(700, 40, 1.2), ...clamp(2) }, palette.onAccent),
        box({ height: 12 }),
        text(displayUrl(input.shareUrl), { ...sans(400, 26, 1.3), ...clamp(2) }, palette.onAccent),
      ),
    ),
  );
}

/** The layout of src/images/templates/testimonial.ts. */
export function takumiTestimonial(input: TestimonialInput, format: ImageFormat): Node {
  const { width, height } = imageFormats[format];
  const palette = accentPalette(input.owner.accent);
  const square = format === '1080x1080';
  const pad = square ? { top: 90, right: 90, bottom: 80, left: 90 } : { top: 56, right: 72, bottom: 52, left: 72 };
  const inner = width - 18 - pad.left - pad.right;
  const footer = square ? 200 : 112;
  const mark = square ? 120 : 84;
  const quoteHeight = height - pad.top - pad.bottom - mark - footer;
  const byline = [input.role, input.company].filter(Boolean).join(', ');
  const authorSize = square ? 96 : 76;
  const authorWidth = square ? inner - authorSize - 22 : 560;
  return box(
    { width, height, backgroundColor: colours.paper },
    box({ width: 18, height, backgroundColor: palette.accent }),
    box(
      { flexDirection: 'column', width: width - 18, height, padding: `${pad.top}px ${pad.right}px ${pad.bottom}px ${pad.left}px` },
      box({ height: mark }, text('\u201c', { ...serif(700, mark * 1.7, 1), height: mark }, palette.accentInk)),
      box({ height: quoteHeight, alignItems: 'center' }, text(input.quote, { ...serif(400, square ? 54 : 40, 1.35), width: inner }, colours.ink)),
      box(
        { height: footer, alignItems: square ? 'flex-start' : 'center', flexDirection: square ? 'column' : 'row', justifyContent: square ? 'flex-end' : 'space-between' },
        box(
          { alignItems: 'center' },
          ...(input.photo
            ? [{ type: 'image', src: squarePhoto(input.photo, authorSize * 2), width: authorSize, height: authorSize, style: { borderRadius: authorSize / 2, marginRight: 22 } } as Node]
            : []),
          box(
            { flexDirection: 'column', width: authorWidth },
            text(input.author, { ...sans(700, square ? 34 : 28, 1.25), ...clamp(1) }, colours.ink),
            ...(byline ? [text(byline, { ...sans(400, square ? 26 : 22, 1.3), ...clamp(1) }, colours.muted)] : []),
          ),
        ),
        ...(square ? [box({ height: 26 })] : []),
        text(
          `${input.owner.name} · ${input.owner.business}`,
          { ...sans(600, square ? 24 : 20, 1.3), ...clamp(1), width: square ? inner : 380, textAlign: square ? 'left' : 'right' },
          palette.accentInk,
        ),
      ),
    ),
  );
}
