import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../src/images/render.ts';
import { cardTemplate, imageFormats, previewTemplate, testimonialTemplate, type ImageFormat, type OwnerInput, type Template } from '../src/images/templates.ts';
import { fixture } from './helpers/fixtures.ts';
import { colourCount, decodePng, decodeQr, strayPixels } from './helpers/png.ts';

const paper = '#fbfaf7';
const owner: OwnerInput = { name: 'Maya Okafor', business: 'Ledger & Line', accent: '#2f5d50' };
const long = 'Maximiliana Wolfeschlegelsteinhausenbergerdorff-Abercrombie de la Santísima Trinidad y Fernández-Gutiérrez Ó Súilleabháin';
const card = (partnerName: string, oneLiner = 'Maya keeps the books for creative studios.') => ({
  partnerName,
  oneLiner,
  ownerFirstName: 'Maya',
  shareUrl: 'https://ledgerandline.example/for/priya-nair/',
  owner,
});
const testimonial = (author: string, quote = 'Maya gave us our Sundays back.') => ({ quote, author, role: 'Founder', company: 'Fieldnote Studio', owner });
const formats = Object.keys(imageFormats) as ImageFormat[];

function allInside(template: Template) {
  return template.texts.every(({ layout }) => {
    const { ink, box } = layout;
    return !ink || (ink.left >= -0.5 && ink.top >= -0.5 && ink.right <= box.width + 0.5 && ink.bottom <= box.height + 0.5);
  });
}

describe('image templates', () => {
  it('render PNGs of the stated size that are not blank', async () => {
    const templates = [
      ...formats.map((f) => cardTemplate(card('Priya Nair'), f)),
      ...formats.map((f) => testimonialTemplate(testimonial('Priya Nair'), f)),
      previewTemplate({ partnerName: 'Priya Nair', oneLiner: 'Books for studios.', site: 'https://ledgerandline.example/', owner }),
      previewTemplate({ oneLiner: 'Books for studios.', site: 'https://ledgerandline.example/', owner }),
    ];
    for (const template of templates) {
      const picture = decodePng(await renderTemplate(template));
      expect([picture.width, picture.height]).toEqual([template.width, template.height]);
      expect(colourCount(picture)).toBeGreaterThan(20);
    }
  });

  it('render the same bytes for the same input', async () => {
    const a = await renderTemplate(cardTemplate(card('Zoë عمر 王小明 🎉'), '1080x1080'));
    const b = await renderTemplate(cardTemplate(card('Zoë عمر 王小明 🎉'), '1080x1080'));
    expect(a.equals(b)).toBe(true);
  });

  it('put a QR code on the card that scans to the share link', async () => {
    for (const format of formats) {
      const picture = decodePng(await renderTemplate(cardTemplate(card('Priya Nair'), format)));
      expect(decodeQr(picture), format).toBe('https://ledgerandline.example/for/priya-nair/');
    }
  });

  it('keep every text inside its box and the margins empty, however long the text', async () => {
    const card1200 = cardTemplate(card(long, `${long} `.repeat(4)), '1200x630');
    const card1080 = cardTemplate(card(long, `${long} `.repeat(6)), '1080x1080');
    const quote1200 = testimonialTemplate(testimonial(long, `${long} `.repeat(8)), '1200x630');
    const preview = previewTemplate({ partnerName: long, oneLiner: `${long} `.repeat(4), site: 'https://ledgerandline.example/', owner: { ...owner, name: long, business: long } });
    for (const template of [card1200, card1080, quote1200, preview]) {
      expect(allInside(template)).toBe(true);
      expect(template.texts.some(({ layout }) => layout.truncated)).toBe(true);
    }
    // The margins of the paper area stay paper: no text reached them.
    const margins = {
      card1200: [
        { x: 0, y: 0, width: 40, height: 630 },
        { x: 0, y: 0, width: 800, height: 40 },
        { x: 0, y: 600, width: 800, height: 30 },
      ],
      card1080: [
        { x: 0, y: 0, width: 50, height: 750 },
        { x: 1030, y: 0, width: 50, height: 750 },
        { x: 0, y: 0, width: 1080, height: 50 },
      ],
      quote1200: [
        { x: 18, y: 0, width: 40, height: 630 },
        { x: 1150, y: 0, width: 50, height: 630 },
        { x: 18, y: 600, width: 1182, height: 30 },
      ],
      preview: [
        { x: 0, y: 0, width: 40, height: 618 },
        { x: 0, y: 0, width: 1200, height: 40 },
      ],
    };
    const rendered = { card1200, card1080, quote1200, preview };
    for (const [name, rects] of Object.entries(margins)) {
      const picture = decodePng(await renderTemplate(rendered[name as keyof typeof rendered]));
      for (const rect of rects) expect(strayPixels(picture, rect, paper), `${name} ${JSON.stringify(rect)}`).toBe(0);
    }
  });

  it('draw names that differ only in CJK characters differently', async () => {
    const a = await renderTemplate(testimonialTemplate(testimonial('王小明'), '1200x630'));
    const b = await renderTemplate(testimonialTemplate(testimonial('王小红'), '1200x630'));
    expect(a.equals(b)).toBe(false);
  });

  it('draw every supported script in names, with no missing characters', () => {
    for (const name of ['Zoë Ångström', 'Αλέξανδρος Παπαδόπουλος', 'Дмитрий Иванов', '王小明', '田中 由紀', '김민준', 'ليلى حداد', 'מאיה כהן', 'प्रिया शर्मा', 'Dana 🎨 Wu']) {
      const template = cardTemplate(card(name), '1200x630');
      const eyebrow = template.texts.find((t) => t.name === 'eyebrow')!.layout;
      expect(eyebrow.missing, name).toEqual([]);
    }
  });

  it('embed a testimonial photo, cropped round', async () => {
    const withPhoto = testimonialTemplate({ ...testimonial('Pat Lee'), photo: fixture('basic/photos/pat-lee.png') }, '1200x630');
    const picture = decodePng(await renderTemplate(withPhoto));
    const without = decodePng(await renderTemplate(testimonialTemplate(testimonial('Pat Lee'), '1200x630')));
    expect(colourCount(picture)).toBeGreaterThan(colourCount(without));
  });
});
