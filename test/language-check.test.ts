import { describe, expect, it } from 'vitest';
import { loadKit } from '../src/kit/load.ts';
import { minimalKit, partnerYaml, writeKit } from './helpers/kit.ts';

const tokens = ['aB3dE5gH7jK9mN1pQ3sT5v', 'cD4fG6hJ8kL0nP2rS4uW6x', 'eF5hJ7kM9nQ1sU3wY5zA7c', 'gH6kL8mP0rT2vX4zB6dF8h'];
const script = (channel: string, language?: string, body = 'Words.') => `---\ntitle: ${channel}\nchannel: ${channel}\n${language ? `language: ${language}\n` : ''}---\n${body}\n`;

async function messages(files: Record<string, string>) {
  const { diagnostics } = await loadKit(writeKit(files));
  return diagnostics.map((d) => `${d.file.split('/content/')[1]}:${d.line}:${d.column}: ${d.severity}: ${d.message}`);
}

describe('partner and script languages', () => {
  it('refuses a tag Intl does not know, and reads a known one in its canonical spelling', async () => {
    const found = await messages({
      'partners/ann.yaml': partnerYaml('Ann', tokens[0]!, 'language: xx\n'),
      'partners/bo.yaml': partnerYaml('Bo', tokens[1]!, 'language: english\n'),
      'scripts/nl.mdx': script('one-liner', 'nl-nl'),
    });
    expect(found.filter((line) => line.includes('error'))).toEqual([
      'partners/ann.yaml:5:11: error: language: is not a language this computer knows: use a tag like en, nl, pt-BR or ar (got "xx")',
      'partners/bo.yaml:5:11: error: language: must be a language tag like en, nl or pt-BR (got "english")',
    ]);
    const { content } = await loadKit(writeKit({ 'partners/ann.yaml': partnerYaml('Ann', tokens[0]!, 'language: pt-br\n') }));
    expect(content!.partners[0]!.data.language).toBe('pt-BR');
  });

  it('warns once per language without a catalog, naming how many partners it affects', async () => {
    const found = await messages({
      'partners/ann.yaml': partnerYaml('Ann', tokens[0]!, 'language: sv\n'),
      'partners/bo.yaml': partnerYaml('Bo', tokens[1]!, 'language: sv\n'),
      'scripts/phone-sv.mdx': script('phone', 'sv'),
    });
    expect(found.filter((line) => line.includes('catalog'))).toEqual([
      'partners/ann.yaml:5:11: warning: language: there is no catalog for sv (Swedish) yet, so the pages of 2 partners (ann, bo) show the headings and buttons in en (English); to have them in sv, add a catalog (see “Languages” in the README)',
    ]);
  });

  it('says once per language and channel where partners get the default language’s script', async () => {
    const found = await messages({
      'partners/ann.yaml': partnerYaml('Ann', tokens[0]!, 'language: nl\n'),
      'partners/bo.yaml': partnerYaml('Bo', tokens[1]!, 'language: nl\n'),
      'partners/cy.yaml': partnerYaml('Cy', tokens[2]!, 'language: de\n'),
      'partners/di.yaml': partnerYaml('Di', tokens[3]!),
      'scripts/text.mdx': script('text'),
      'scripts/text-nl.mdx': script('text', 'nl'),
    });
    expect(found.filter((line) => line.includes(' script in '))).toEqual([
      'partners/ann.yaml:5:11: warning: no phone script in nl (Dutch): 2 partners (ann, bo) get the en one; add a script with channel: phone and language: nl',
      'partners/cy.yaml:5:11: warning: no phone script in de (German): 1 partner (cy) gets the en one; add a script with channel: phone and language: de',
      'partners/cy.yaml:5:11: warning: no text script in de (German): 1 partner (cy) gets the en one; add a script with channel: text and language: de',
    ]);
  });

  it('says where a partner’s follow-up messages would be in another language, at their language field', async () => {
    const found = await messages({
      'partners/ann.yaml': partnerYaml('Ann', tokens[0]!, 'language: nl\n'),
      'partners/bo.yaml': partnerYaml('Bo', tokens[1]!, 'language: nl\n'),
      'partners/cy.yaml': partnerYaml('Cy', tokens[2]!, 'language: ar\n'),
      'scripts/phone.mdx': script('phone'),
      'scripts/thank-you.mdx': script('thank-you'),
      'scripts/outcome.mdx': script('outcome'),
      'scripts/outcome-nl.mdx': script('outcome', 'nl'),
      // Only in Dutch: no other language falls back to it, so nobody gets another language's give-back.
      'scripts/give-back-nl.mdx': script('give-back', 'nl'),
    });
    expect(found.filter((line) => /no (thank-you|outcome|give-back) script/.test(line))).toEqual([
      'partners/ann.yaml:5:11: warning: no thank-you script in nl (Dutch): your thank-you message to 2 partners (ann, bo) is the en one, so they read it in en (English) when you follow up; add a script with channel: thank-you and language: nl',
      'partners/cy.yaml:5:11: warning: no thank-you script in ar (Arabic): your thank-you message to 1 partner (cy) is the en one, so they read it in en (English) when you follow up; add a script with channel: thank-you and language: ar',
      'partners/cy.yaml:5:11: warning: no outcome script in ar (Arabic): your outcome message to 1 partner (cy) is the en one, so they read it in en (English) when you follow up; add a script with channel: outcome and language: ar',
    ]);
  });

  it('reports the owner’s words that have no translation for a language partners have', async () => {
    const kit = `${minimalKit}copy:\n  kit_aside: Our own aside.\n  home_closing: Only on the home page.\n`;
    const found = await messages({ 'kit.yaml': kit, 'partners/ann.yaml': partnerYaml('Ann', tokens[0]!, 'language: fr\n'), 'scripts/phone-fr.mdx': script('phone', 'fr') });
    expect(found.filter((line) => line.startsWith('kit.yaml'))).toEqual([
      'kit.yaml:6:3: warning: translations: 1 partner (ann) in fr (French) reads value.one_liner, value.pitch, ideal_client.description and 2 more in en; add them under translations: { fr: { … } }',
      "kit.yaml:15:14: warning: copy: kit_aside is your own words in en only: 1 partner (ann) in fr (French) sees the catalog's default instead; add them under copy: { fr: { … } }",
    ]);
    const translated = `${kit}  fr:\n    kit_aside: Notre aparté.\ntranslations:\n  fr:\n    value: { one_liner: Alex tient les comptes., pitch: Comptabilité mensuelle. }\n    ideal_client: { description: Des studios., signals: [Nos comptes sont en désordre.] }\n    promise: Je réponds sous un jour.\n`;
    expect(
      (await messages({ 'kit.yaml': translated, 'partners/ann.yaml': partnerYaml('Ann', tokens[0]!, 'language: fr\n'), 'scripts/phone-fr.mdx': script('phone', 'fr') })).filter((line) =>
        line.startsWith('kit.yaml'),
      ),
    ).toEqual([]);
  });
});
