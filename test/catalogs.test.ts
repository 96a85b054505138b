import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogProblems } from '../src/i18n/catalog-check.ts';
import { catalogs, dir, en, formatMessage, messageKeys } from '../src/i18n/catalog.ts';

const shipped = ['en', 'es', 'fr', 'de', 'nl', 'pt', 'it', 'ar', 'he'];

describe('the catalogs', () => {
  it('ship English, Spanish, French, German, Dutch, Portuguese, Italian, Arabic and Hebrew', () => {
    expect(Object.keys(catalogs).sort()).toEqual([...shipped].sort());
  });

  it.each(shipped)('%s has every key, no other, and only the values and tags English defines', (language) => {
    expect(catalogProblems(language, catalogs[language]!)).toEqual([]);
  });

  it.each(shipped.filter((language) => language !== 'en'))('%s says which register it uses and translates the sentences', (language) => {
    const source = readFileSync(new URL(`../src/i18n/${language}.ts`, import.meta.url), 'utf8');
    expect(source).toMatch(/Register:/);
    // Product names (LinkedIn) and bare values may stay as they are; sentences may not.
    const untranslated = messageKeys.filter((key) => catalogs[language]![key] === en[key] && /\s\p{Ll}{3,}/u.test(en[key].replace(/\{[^}]*\}/g, '')));
    expect(untranslated).toEqual([]);
  });

  it.each(shipped)("%s: a button's words are part of what screen readers call it (WCAG 2.5.3)", (language) => {
    const catalog = catalogs[language]!;
    const pairs = [
      ['script_copy', 'script_copy_label'],
      ['script_copy', 'kit_copy_one_liner'],
      ['kit_copy_link_button', 'kit_copy_link_label'],
    ] as const;
    const missing = pairs.filter(([button, label]) => !catalog[label].toLocaleLowerCase(language).includes(catalog[button].toLocaleLowerCase(language)));
    expect(missing).toEqual([]);
  });

  it('Arabic and Hebrew run right to left, the others left to right', () => {
    expect(shipped.filter((language) => dir(language) === 'rtl')).toEqual(['ar', 'he']);
  });
});

describe('catalogProblems', () => {
  const good = Object.fromEntries(messageKeys.map((key) => [key, en[key]]));

  it('names a missing key and one English lacks', () => {
    const { kit_aside: _dropped, ...missing } = good;
    expect(catalogProblems('xx', { ...missing, kit_asdie: 'Typo' })).toEqual(['xx: missing kit_aside', 'xx: kit_asdie is not a key of the English catalog']);
  });

  it('names a placeholder the default does not define, a broken message, and a lost link', () => {
    expect(catalogProblems('xx', { ...good, card_scan: 'Scan om {owner} te ontmoeten', kit_heading: 'Hoi {partner_first_name', kit_pocket_card: 'Print een kaartje.' })).toEqual([
      'xx: kit_heading is not a valid message (EXPECT_ARGUMENT_CLOSING_BRACE)',
      'xx: kit_pocket_card lacks <link>…</link>',
      'xx: card_scan uses {owner}, which English does not define for it',
    ]);
  });
});

describe('plurals and numbers follow the language', () => {
  it('Arabic takes its few and many forms, Hebrew its dual, through ICU', () => {
    const arabic = catalogs.ar!.testimonials_all_link;
    expect(formatMessage(arabic, 'ar', { count: 2 })).toBe('قراءة الشهادتين');
    expect(formatMessage(arabic, 'ar', { count: 7 })).toContain('الشهادات الـ');
    expect(formatMessage(catalogs.he!.testimonials_all_link, 'he', { count: 2 })).toBe('לקריאת שתי ההמלצות');
    expect(formatMessage(catalogs.he!.testimonials_all_link, 'he', { count: 12 })).toBe('לקריאת כל 12 ההמלצות');
  });

  it('numbers are written the way the language writes them', () => {
    expect(formatMessage('{count, number}', 'de', { count: 12345 })).toBe('12.345');
    expect(formatMessage('{count, number}', 'en', { count: 12345 })).toBe('12,345');
    expect(formatMessage(catalogs.fr!.testimonials_all_link, 'fr', { count: 1200 })).toBe('Lire les 1\u202f200 témoignages');
  });
});
