import { describe, expect, it } from 'vitest';
import { describeReason, scriptsFor, selectScripts, type ScriptTarget } from '../src/kit/script-selection.ts';
import { scriptSchema, type ScriptInput } from '../src/schemas/script.ts';

const script = (id: string, data: Omit<ScriptInput, 'title'>) => ({ id, data: scriptSchema.parse({ title: id, ...data }) });
const partner = (category: ScriptTarget['category'], tags: string[] = [], slug = 'jane-smith'): ScriptTarget => ({ slug, category, tags });

const scripts = [
  script('phone', { channel: 'phone' }),
  script('email', { channel: 'email-intro' }),
  script('email-client', { channel: 'email-intro', categories: ['client', 'former-client'] }),
  script('text-b', { channel: 'text', order: 2 }),
  script('text-a', { channel: 'text', order: 1 }),
  script('invite', { channel: 'invite' }),
];

const ids = (list: { id: string }[]) => list.map((s) => s.id);

describe('scriptsFor', () => {
  it('gives every partner the general scripts, in channel order, then by order', () => {
    expect(ids(scriptsFor(scripts, partner('colleague')))).toEqual(['email', 'phone', 'text-a', 'text-b', 'invite']);
  });

  it("replaces the general script of a channel with the variant for the partner's category", () => {
    expect(ids(scriptsFor(scripts, partner('client')))).toEqual(['email-client', 'phone', 'text-a', 'text-b', 'invite']);
    expect(ids(scriptsFor(scripts, partner('former-client')))).toContain('email-client');
  });

  it('leaves out variants for other categories, tags and partners, even when no general script exists', () => {
    const onlyVariants = [
      script('linkedin-coi', { channel: 'linkedin', categories: ['center-of-influence'] }),
      script('linkedin-movers', { channel: 'linkedin', tags: ['movers'] }),
      script('linkedin-omar', { channel: 'linkedin', partners: ['omar-haddad'] }),
    ];
    expect(scriptsFor(onlyVariants, partner('client', ['property-managers']))).toEqual([]);
    expect(ids(scriptsFor(onlyVariants, partner('center-of-influence')))).toEqual(['linkedin-coi']);
  });

  describe('precedence: partner, then tag, then category, then general', () => {
    const levels = [
      script('general', { channel: 'in-person' }),
      script('category', { channel: 'in-person', categories: ['center-of-influence'] }),
      script('tag', { channel: 'in-person', tags: ['movers'] }),
      script('partner', { channel: 'in-person', partners: ['jane-smith'] }),
    ];

    it('a script written for the partner comes before every other', () => {
      expect(ids(scriptsFor(levels, partner('center-of-influence', ['movers'])))).toEqual(['partner']);
    });

    it('a tag variant comes before a category variant', () => {
      expect(ids(scriptsFor(levels, partner('center-of-influence', ['movers'], 'omar-haddad')))).toEqual(['tag']);
    });

    it('a category variant comes before the general script', () => {
      expect(ids(scriptsFor(levels, partner('center-of-influence', ['property-managers'], 'omar-haddad')))).toEqual(['category']);
    });

    it('the general script is what is left', () => {
      expect(ids(scriptsFor(levels, partner('client', [], 'omar-haddad')))).toEqual(['general']);
    });

    it('each channel picks its own level', () => {
      const mixed = [...levels, script('phone', { channel: 'phone' }), script('phone-movers', { channel: 'phone', tags: ['movers'] })];
      expect(ids(scriptsFor(mixed, partner('client', [], 'omar-haddad')))).toEqual(['phone', 'general']);
      expect(ids(scriptsFor(mixed, partner('client', ['movers'], 'omar-haddad')))).toEqual(['phone-movers', 'tag']);
    });

    it('a script that targets in several ways applies at the most specific level that matches', () => {
      const both = [script('both', { channel: 'text', categories: ['client'], tags: ['movers'] }), script('tag-only', { channel: 'text', tags: ['movers'], order: 5 })];
      // For a mover, `both` counts as a tag variant, beside the other tag variant.
      expect(selectScripts(both, partner('colleague', ['movers'])).map(({ script, reason }) => `${script.id}: ${describeReason(reason)}`)).toEqual(['both: tag movers', 'tag-only: tag movers']);
      // For a client without the tag, only its category matches.
      expect(selectScripts(both, partner('client')).map(({ script, reason }) => `${script.id}: ${describeReason(reason)}`)).toEqual(['both: category client']);
    });
  });

  describe('ties within a level', () => {
    it('go by order, then by file name', () => {
      const tied = [
        script('b-tag', { channel: 'text', tags: ['movers'] }),
        script('a-tag', { channel: 'text', tags: ['movers'] }),
        script('z-tag', { channel: 'text', tags: ['movers'], order: -1 }),
        script('general', { channel: 'text', order: -10 }),
      ];
      expect(ids(scriptsFor(tied, partner('client', ['movers'])))).toEqual(['z-tag', 'a-tag', 'b-tag']);
    });

    it('keep every script for the partner, each partner-level one named by their slug', () => {
      const tied = [script('two', { channel: 'phone', partners: ['jane-smith'], order: 2 }), script('one', { channel: 'phone', partners: ['omar-haddad', 'jane-smith'], order: 1 })];
      expect(selectScripts(tied, partner('client')).map(({ script, reason }) => `${script.id}: ${describeReason(reason)}`)).toEqual(['one: partner jane-smith', 'two: partner jane-smith']);
    });

    it('a partner with two matching tags gets the variants of both', () => {
      const tagged = [script('movers', { channel: 'text', tags: ['movers'] }), script('landlords', { channel: 'text', tags: ['landlords'] })];
      expect(ids(scriptsFor(tagged, partner('client', ['movers', 'landlords'])))).toEqual(['landlords', 'movers']);
    });
  });
});

describe('scripts by language', () => {
  const byLanguage = [
    script('phone', { channel: 'phone' }),
    script('phone-nl', { channel: 'phone', language: 'nl' }),
    script('text', { channel: 'text' }),
    script('email-pt', { channel: 'email-intro', language: 'pt' }),
    script('email', { channel: 'email-intro' }),
    script('phone-nl-client', { channel: 'phone', language: 'nl', categories: ['client'] }),
  ];
  const target = (language: string | undefined, category: ScriptTarget['category'] = 'colleague'): ScriptTarget => ({ slug: 'ann', category, language, defaultLanguage: 'en' });

  it('gives a partner the scripts of their language, and the default language’s where theirs has none for a channel', () => {
    expect(selectScripts(byLanguage, target('nl')).map(({ script, reason }) => `${script.id}: ${describeReason(reason)}`)).toEqual([
      'email: general, in en (none in their language)',
      'phone-nl: general',
      'text: general, in en (none in their language)',
    ]);
  });

  it('chooses by partner, tag and category within the language', () => {
    expect(ids(scriptsFor(byLanguage, target('nl', 'client')))).toEqual(['email', 'phone-nl-client', 'text']);
  });

  it('keeps other languages’ scripts from default-language partners, and takes a base language for a regional tag', () => {
    expect(ids(scriptsFor(byLanguage, target(undefined)))).toEqual(['email', 'phone', 'text']);
    expect(ids(scriptsFor(byLanguage, target('en-GB')))).toEqual(['email', 'phone', 'text']);
    const brazil = selectScripts(byLanguage, target('pt-BR')).find(({ script }) => script.data.channel === 'email-intro')!;
    expect(brazil.script.id).toBe('email-pt');
    expect(brazil.reason.fallback).toBeUndefined();
  });
});
