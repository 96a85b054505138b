import satori from 'satori';
import { describe, expect, it } from 'vitest';
import { rasterise, renderTemplate, templateSvg, withoutNeedlessClips } from '../src/images/render.ts';
import { layoutText, textSvg } from '../src/images/text-layout.ts';
import { box, cardTemplate, Parts, testimonialTemplate, type OwnerInput, type Template } from '../src/images/templates.ts';
import { fixture } from './helpers/fixtures.ts';
import { decodePng, decodeQr } from './helpers/png.ts';

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

  it('still cuts off the ink that reaches outside a text box, clipping only the glyphs that do', () => {
    const parts = new Parts();
    // A line height of 1 leaves descenders below the line's box.
    parts.block('tight', 'Maya gypsy', { typeface: 'sans', weight: 400, size: 40, lineHeight: 1, maxLines: 1 }, 600, 100, '#000000');
    parts.block('roomy', 'Maya gypsy', { typeface: 'sans', weight: 400, size: 40, lineHeight: 1.6, maxLines: 1 }, 600, 100, '#000000');
    const [tight, roomy] = parts.texts.map((t) => t.layout);
    const shown = Math.ceil(tight!.height);
    expect(tight!.ink!.bottom).toBeGreaterThan(shown);
    expect(roomy!.ink!.bottom).toBeLessThanOrEqual(Math.ceil(roomy!.height));
    // Both draw unclipped; the tight one puts its descending glyphs (the y of Maya, and g, y, p, y: 5 of 9) in a nested <svg> the size of its box, which clips.
    for (const drawing of parts.inline) expect(drawing).toMatch(/^<svg [^>]*overflow="visible">/);
    const nested = new RegExp(`<svg width="600" height="${shown}"><g fill="#000000">((?:<use [^>]*/>)+)</g></svg></svg>$`).exec(parts.inline[0]!);
    expect(nested?.[1]?.match(/<use /g)).toHaveLength(5);
    expect(parts.inline[0]!.match(/<use /g)).toHaveLength(9);
    expect(parts.inline[1]).not.toMatch(/<svg width=/);
  });

  it('draws a tight text block as before: the descenders cut at the same line', async () => {
    const style = { typeface: 'sans', weight: 400, size: 40, lineHeight: 1, maxLines: 1 } as const;
    const parts = new Parts();
    const element = box({ width: 400, height: 100, background: '#ffffff', padding: 20 }, parts.block('tight', 'Maya gypsy', style, 360, 60, '#000000'));
    const template = parts.done(element, 400, 100);
    const drawn = rasterise(await templateSvg(template));
    // The same text, clipped the old way: the whole block in a clipping <svg>, no overflow.
    const whole = textSvg(layoutText('Maya gypsy', style, { width: 360, height: 60 }), '#000000').replace(
      /height="60" viewBox="0 0 360 60"/,
      `height="${Math.ceil(template.texts[0]!.layout.height)}" viewBox="0 0 360 ${Math.ceil(template.texts[0]!.layout.height)}"`,
    );
    const before = rasterise(await templateSvg({ ...template, inline: [whole] }));
    let differing = 0;
    for (let i = 0; i < drawn.pixels.length; i++) if (Math.abs(drawn.pixels[i]! - before.pixels[i]!) > 2) differing++;
    expect(differing).toBe(0);
    // And something was cut: without any clipping the descenders show below the line.
    const uncut = rasterise(await templateSvg({ ...template, inline: [whole.replace('<svg ', '<svg overflow="visible" ')] }));
    let shownBelow = 0;
    for (let i = 0; i < drawn.pixels.length; i++) if (Math.abs(uncut.pixels[i]! - before.pixels[i]!) > 2) shownBelow++;
    expect(shownBelow).toBeGreaterThan(20);
  });

  it('gives every partner their own drawings when their cards share one satori layout', async () => {
    const forPartner = (name: string, slug: string) => cardTemplate({ ...card, partnerName: name, shareUrl: `https://ledgerandline.example/for/${slug}/` }, '1200x630');
    const priya = forPartner('Priya Nair', 'priya-nair');
    const ines = forPartner('Ines Nair', 'ines-nair');
    // Same boxes: one element tree, so satori's layout is computed once.
    expect(JSON.stringify(priya.element)).toBe(JSON.stringify(ines.element));
    const [a, b] = [decodePng(await renderTemplate(priya)), decodePng(await renderTemplate(ines))];
    expect(decodeQr(a)).toBe('https://ledgerandline.example/for/priya-nair/');
    expect(decodeQr(b)).toBe('https://ledgerandline.example/for/ines-nair/');
    // And it is the same picture as drawing it without anything remembered from the other.
    expect((await renderTemplate(forPartner('Ines Nair', 'ines-nair'))).equals(await renderTemplate(ines))).toBe(true);
  });
});
