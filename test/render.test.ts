import satori from 'satori';
import { describe, expect, it } from 'vitest';
import { inlineDrawings, withoutNeedlessClips } from '../src/images/render.ts';
import { cardTemplate, Parts, testimonialTemplate, type OwnerInput, type Template } from '../src/images/templates.ts';
import { fixture } from './helpers/fixtures.ts';

const owner: OwnerInput = { name: 'Maya Okafor', business: 'Ledger & Line', accent: '#2f5d50' };
const card = { partnerName: 'Priya Nair', oneLiner: 'Maya keeps the books for creative studios.', ownerFirstName: 'Maya', shareUrl: 'https://ledgerandline.example/for/priya-nair/', owner };

const satoriSvg = (template: Template) => satori(template.element as never, { width: template.width, height: template.height, fonts: [] });

describe('drawing without needless offscreen layers', () => {
  it('drops every clip path and mask from a card whose drawings stay inside their boxes', async () => {
    const svg = await satoriSvg(cardTemplate(card, '1080x1080'));
    expect(svg).toMatch(/clip-path="url\(#/);
    const drawn = withoutNeedlessClips(svg);
    expect(drawn).not.toMatch(/clip-path=|mask=|<clipPath|<mask/);
    // Only the clipping went: every image is still there, in the same place.
    const boxes = (text: string) => [...text.matchAll(/<image x="[^"]+" y="[^"]+" width="[^"]+" height="[^"]+"/g)].map((m) => m[0]);
    expect(boxes(drawn)).toEqual(boxes(svg));
    expect(boxes(drawn).length).toBeGreaterThan(5);
  });

  it('keeps the clip that crops a photo to a circle', async () => {
    const template = testimonialTemplate({ quote: 'Maya gave us our Sundays back.', author: 'Pat Lee', photo: fixture('basic/photos/pat-lee.png'), owner }, '1080x1080');
    const drawn = withoutNeedlessClips(await satoriSvg(template));
    const photo = /<image [^>]*href="data:image\/png[^>]*>/.exec(drawn)?.[0];
    const clip = /clip-path="url\(#([^")]+)\)"/.exec(photo ?? '')?.[1];
    expect(clip).toBeDefined();
    // The clip path it points to is still in the document, and is the circle, not a rectangle.
    expect(drawn).toMatch(new RegExp(`<clipPath id="${clip}"><path [^>]*d="M[^"]*a[^"]*"`));
    // The texts around it lost theirs.
    expect(drawn.match(/clip-path=/g)).toHaveLength(1);
  });

  it('keeps a text drawing clipped to its box when its ink reaches outside it', () => {
    const parts = new Parts();
    // A line height of 1 leaves descenders below the line's box.
    parts.block('tight', 'Maya gypsy', { typeface: 'sans', weight: 400, size: 40, lineHeight: 1, maxLines: 1 }, 600, 100, '#000000');
    parts.block('roomy', 'Maya gypsy', { typeface: 'sans', weight: 400, size: 40, lineHeight: 1.6, maxLines: 1 }, 600, 100, '#000000');
    const [tight, roomy] = parts.texts.map((t) => t.layout);
    expect(tight!.ink!.bottom).toBeGreaterThan(Math.ceil(tight!.height));
    expect(roomy!.ink!.bottom).toBeLessThanOrEqual(Math.ceil(roomy!.height));
    expect(parts.inline[0]).not.toContain('overflow="visible"');
    expect(parts.inline[1]).toContain('overflow="visible"');
    // Placed in the image, the tight one is a nested <svg> that clips to its own box, as before.
    const placed = inlineDrawings(
      withoutNeedlessClips(
        `<svg><clipPath id="c"><rect x="10" y="20" width="600" height="40"/></clipPath><mask id="m"><rect x="10" y="20" width="600" height="40" fill="#fff"/></mask><image x="10" y="20" width="600" height="40" href="${placeholder(0)}" preserveAspectRatio="none" clip-path="url(#c)" mask="url(#m)"/></svg>`,
      ),
      parts.inline,
    );
    expect(placed).toMatch(/<g><svg x="10" y="20" width="600" height="40" preserveAspectRatio="none"(?![^>]*overflow)[^>]*>/);
  });
});

function placeholder(n: number): string {
  return `data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"><!--referral-kit:${n}--></svg>`).toString('base64')}`;
}
