/**
 * Golden images: the main templates compared with reviewed PNGs in test/golden/. A design change
 * updates them on purpose: `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts`, then look at
 * every changed PNG before committing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../src/images/render.ts';
import { cardTemplate, previewTemplate, testimonialTemplate, type OwnerInput, type Template } from '../src/images/templates.ts';
import { fixture, repoRoot } from './helpers/fixtures.ts';
import { decodePng, differingShare } from './helpers/png.ts';

const owner: OwnerInput = { name: 'Maya Okafor', business: 'Ledger & Line', accent: '#2f5d50' };
const oneLiner = 'Maya keeps the books for creative studios, so their founders stop dreading tax season and can see which projects actually make money.';
const card = { partnerName: 'Priya Nair', oneLiner, ownerFirstName: 'Maya', shareUrl: 'https://ledgerandline.example/for/priya-nair/', owner };
const quote = {
  quote: 'Maya gave us our Sundays back. For the first time I know which of our projects actually make money.',
  author: 'Pat Lee',
  role: 'Founder',
  company: 'Lee Design',
  photo: fixture('basic/photos/pat-lee.png'),
  owner,
};

const goldens: Record<string, () => Template> = {
  'card-1200x630': () => cardTemplate(card, '1200x630'),
  'card-1080x1080': () => cardTemplate(card, '1080x1080'),
  'testimonial-1200x630': () => testimonialTemplate(quote, '1200x630'),
  'testimonial-1080x1080': () => testimonialTemplate(quote, '1080x1080'),
  // Right to left, initials instead of a photo, and a disclosure line.
  'testimonial-arabic-1080x1080': () =>
    testimonialTemplate(
      { quote: 'ليلى أعادت لنا عطلات نهاية الأسبوع. لأول مرة أعرف أي مشاريعنا تربح فعلاً.', author: 'عمر حداد', role: 'مؤسس', disclosure: 'عميل · لم يتقاضَ أجراً', owner },
      '1080x1080',
    ),
  'preview-prospect': () => previewTemplate({ partnerName: 'Priya Nair', oneLiner, site: 'https://ledgerandline.example/', owner }),
  'card-arabic-1200x630': () =>
    cardTemplate(
      {
        ...card,
        partnerName: 'عمر حداد',
        oneLiner: 'ليلى تمسك دفاتر الاستوديوهات الإبداعية، حتى يتوقف مؤسسوها عن الخوف من موسم الضرائب. شكراً!',
        ownerFirstName: 'ليلى',
        owner: { ...owner, name: 'ليلى حداد', business: 'دفاتر ليلى' },
      },
      '1200x630',
    ),
  // Partners whose language is written right to left: their labels, set right to left, and the layout mirrored.
  'card-ar-1200x630': () =>
    cardTemplate(
      {
        partnerName: 'ليلى حداد',
        oneLiner: 'تمسك مايا الحسابات للاستوديوهات الإبداعية، فلا يعود مؤسسوها يخشون موسم الضرائب.',
        ownerFirstName: 'Maya',
        shareUrl: 'https://ledgerandline.example/for/layla-haddad/',
        owner,
        language: 'ar',
      },
      '1200x630',
    ),
  'card-he-1080x1080': () =>
    cardTemplate(
      {
        partnerName: 'נועה לוי',
        oneLiner: 'מאיה מנהלת את החשבונות של סטודיו יצירתי, כדי שהמייסדים יפסיקו לחשוש מעונת המסים.',
        ownerFirstName: 'Maya',
        shareUrl: 'https://ledgerandline.example/for/noa-levi/',
        owner,
        language: 'he',
      },
      '1080x1080',
    ),
  'preview-prospect-he': () =>
    previewTemplate({
      partnerName: 'נועה לוי',
      oneLiner: 'מאיה מנהלת את החשבונות של סטודיו יצירתי, כדי שהמייסדים יפסיקו לחשוש מעונת המסים.',
      site: 'https://ledgerandline.example/',
      owner,
      language: 'he',
    }),
};

/** Anti-aliasing may differ slightly between platforms; a real change moves far more pixels. */
const tolerance = 0.002;

describe('golden images', () => {
  for (const [name, make] of Object.entries(goldens)) {
    it(`${name} looks as reviewed`, async () => {
      const file = join(repoRoot, 'test', 'golden', `${name}.png`);
      const png = await renderTemplate(make());
      if (process.env.UPDATE_GOLDEN) writeFileSync(file, png);
      expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
      expect(differingShare(decodePng(png), decodePng(readFileSync(file)))).toBeLessThanOrEqual(tolerance);
    });
  }
});
