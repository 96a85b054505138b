import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/fixtures.ts';
import { catalogProblems, catalogs, dir, en, formatParts, messageInfo, messageKeys, t } from '../src/i18n/catalog.ts';
import { kitStrings } from '../src/i18n/kit-strings.ts';

const kit = {
  site: { language: 'en' },
  owner: { name: 'Maya Okafor', first_name: 'Maya', business: 'Ledger & Line', email: 'maya@example.com' },
  value: { one_liner: 'Maya keeps the books.' },
};

describe('the string catalogs', () => {
  it('every catalog has exactly the English keys, and only the values English defines', () => {
    for (const [language, catalog] of Object.entries(catalogs)) expect(catalogProblems(catalog as Record<string, string>), language).toEqual([]);
  });

  it('finds a catalog that lacks a key, has an extra one, or uses a value English does not define', () => {
    const { kit_aside: _dropped, ...rest } = en;
    const broken = { ...rest, kit_say_title: 'Wat te zeggen, {partner_frist_name}', kit_extra: 'Extra', kit_heading: 'Hoi {' };
    expect(catalogProblems(broken)).toEqual([
      'kit_aside: missing',
      'kit_heading: not an ICU message (EXPECT_ARGUMENT_CLOSING_BRACE)',
      'kit_say_title: {partner_frist_name} is not a value of the English message',
      'kit_extra: not a key of the English catalog',
    ]);
  });

  it('is listed in the README, every key with where it shows and its default', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, '\\n');
    const missing = messageKeys.filter((key) => !readme.includes(`| \`${key}\` | ${cell(messageInfo[key].where)} | \`${cell(en[key])}\` |`));
    expect(missing).toEqual([]);
  });

  it('says where every string shows', () => {
    for (const key of messageKeys) {
      expect(messageInfo[key].where.length, key).toBeGreaterThan(10);
      expect(messageInfo[key].shows.length, key).toBeGreaterThan(0);
    }
  });

  it("promises nothing on the owner's behalf", () => {
    const promising = /\b(free|obligation|guarantee|promise|I'll|I will|I’ll|within)\b/i;
    expect(messageKeys.filter((key) => promising.test(en[key]))).toEqual([]);
  });

  it('falls back to English for a language without a catalog, whole or in part', () => {
    expect(t('sv', 'kit_say_title')).toBe('What to say');
    expect(t('sv-FI', 'cta_email', { owner_first_name: 'Maya' })).toBe('Email Maya');
    // A regional tag takes its language's catalog.
    expect(t('pt-BR', 'cta_email', { owner_first_name: 'Maya' })).toBe('Escreva para Maya');
  });

  it('formats plurals, selects and numbers through ICU', () => {
    expect(t('en', 'kit_images_lead', { share_page: true })).toContain('a QR code to your link');
    expect(t('en', 'kit_images_lead', { share_page: false })).toContain('a QR code to my site');
    expect(t('en', 'testimonials_all_link', { count: 1234 })).toBe('Read all 1,234 testimonials');
    // Without a Swedish catalog the English words read as English, numbers included.
    expect(t('sv', 'testimonials_all_link', { count: 1234 })).toBe('Read all 1,234 testimonials');
    expect(t('de', 'testimonials_all_link', { count: 1234 })).toBe('Alle 1.234 Kundenstimmen lesen');
  });

  it('gives pages the values and the link of a message apart, to isolate and to link', () => {
    expect(formatParts(en.prospect_heading, 'en', { partner_name: 'عمر', owner_name: 'Maya' })).toEqual([
      { kind: 'value', name: 'partner_name', text: 'عمر' },
      { kind: 'text', text: ' introduced you to ' },
      { kind: 'value', name: 'owner_name', text: 'Maya' },
    ]);
    expect(formatParts(en.kit_testimonials_all, 'en', { count: 8 }, true)).toEqual([
      { kind: 'tag', name: 'link', text: 'All 8 testimonials' },
      { kind: 'text', text: ', each with its images to download.' },
    ]);
  });

  it('knows which languages are written right to left', () => {
    expect(dir('ar')).toBe('rtl');
    expect(dir('he-IL')).toBe('rtl');
    expect(dir('fa')).toBe('rtl');
    expect(dir('en')).toBe('ltr');
    expect(dir('pt-BR')).toBe('ltr');
    expect(dir('not a tag')).toBe('ltr');
  });
});

describe('kitStrings', () => {
  it("uses the owner's words first, with the kit's and the partner's values", () => {
    const strings = kitStrings(
      { ...kit, copy: { kit_aside: 'Send anyone, {partner_first_name}: {owner_first_name} of {owner_business} will call.' } },
      { partner: { name: 'Jane Smith', first_name: 'Jane' } },
    );
    expect(strings.t('kit_aside')).toBe('Send anyone, Jane: Maya of Ledger & Line will call.');
    expect(strings.t('kit_say_title')).toBe('What to say');
  });

  it("reads top-level copy in the kit's own language, and a language's own copy for that language", () => {
    const copy = { kit_say_title: 'Our words', nl: { kit_say_title: 'Wat je zegt' } };
    expect(kitStrings({ ...kit, copy }).t('kit_say_title')).toBe('Our words');
    expect(kitStrings({ ...kit, copy }, { language: 'nl' }).t('kit_say_title')).toBe('Wat je zegt');
    // A language without copy of its own takes its catalog, not the owner's English words...
    expect(kitStrings({ ...kit, copy }, { language: 'fr' }).t('kit_say_title')).toBe('Quoi dire');
    // ...and one without a catalog either takes the kit's default language, as the owner wrote it.
    expect(kitStrings({ ...kit, copy }, { language: 'sv' }).t('kit_say_title')).toBe('Our words');
    expect(kitStrings({ ...kit, copy }, { language: 'ar' }).dir).toBe('rtl');
  });
});
