/**
 * The example kit's Dutch and Arabic partners get everything in their language: their kit, pocket
 * card, share page, images and invitation hold none of the English catalog's sentences, and none
 * of the owner's English words that `translations:` and `copy:` give in their language. The
 * built-in follow-up messages, for a kit without scripts of its own, are in their language too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogs, en, formatMessage, isRichKey, messageKeys, messageNames } from '../src/i18n/catalog.ts';
import { imageJobs } from '../src/images/catalog.ts';
import { templateFor } from '../src/images/templates.ts';
import { imagePaths } from '../src/images/paths.ts';
import { invitations } from '../src/kit/invite.ts';
import type { TodoItem } from '../src/ledger/report.ts';
import { followUpMessages, inviteMessages } from '../src/mail/messages.ts';
import { isOwnerChannel } from '../src/schemas/script.ts';
import { kitPath, sharePath } from '../src/kit/urls.ts';
import { builtSite, type BuiltSite } from './helpers/sites.ts';

let site: BuiltSite;

beforeAll(async () => {
  site = await builtSite('example');
});

const marker = '\u0001';

/** The literal pieces of every English message, long enough to be a phrase and not a name. */
function englishPhrases(language: string): string[] {
  const phrases = new Set<string>();
  for (const key of messageKeys) {
    const rich = isRichKey(key);
    const values = Object.fromEntries(messageNames(en[key], rich).values.map((name) => [name, marker]));
    for (const variant of [{ share_page: 'true' }, { share_page: 'false' }]) {
      const text = formatMessage(en[key], 'en', { ...values, ...variant, count: 7 }, rich);
      for (const piece of text.split(new RegExp(`[${marker}7]`))) {
        const phrase = piece.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '').trim();
        // One word alone ("Print") could be anything; product names (LinkedIn) are the same in every language.
        if (phrase.split(/\s+/).length >= 2 && !catalogs[language]![key].includes(phrase)) phrases.add(phrase);
      }
    }
  }
  return [...phrases];
}

/** The owner's English words that the partner's language has its own version of. */
function ownerPhrases(): string[] {
  const { kit } = site.content;
  return [
    kit.value.one_liner,
    ...kit.value.pitch.split(/\n\s*\n/),
    kit.ideal_client.description,
    ...kit.ideal_client.signals,
    ...kit.ideal_client.not_a_fit,
    ...kit.promise,
    String(kit.copy?.kit_aside),
  ].map((text) => text.replace(/\s+/g, ' ').trim());
}

/** What a reader meets on a page: its text, and the words in its attributes (alt, labels, titles, mailto links). */
function pageWords(file: string): string {
  const tree = fromHtml(readFileSync(file, 'utf8')) as Root;
  const words: string[] = [toText(tree, { whitespace: 'normal' })];
  const visit = (node: Root | RootContent) => {
    if (node.type === 'element') {
      const element = node as Element;
      for (const [name, value] of Object.entries(element.properties)) {
        if (typeof value !== 'string' || ['className', 'id', 'src', 'srcSet', 'rel', 'type', 'name', 'property', 'charSet'].includes(name)) continue;
        if (name === 'href') {
          if (value.startsWith('mailto:')) words.push(decodeURIComponent(value.replace(/\+/g, ' ')));
        } else words.push(value);
      }
      if (element.tagName === 'title' || element.tagName === 'template') words.push(toText(element));
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return words.join('\n').replace(/\s+/g, ' ');
}

/** Testimonials are their authors' words, in the language they said them: left out of the search. */
function withoutTestimonials(words: string): string {
  let rest = words;
  for (const { data } of site.content.testimonials) {
    for (const text of [data.quote, ...data.quote.split(/\n\s*\n/), data.author, data.role ?? '', data.company ?? '']) {
      if (text.trim()) rest = rest.split(text.replace(/\s+/g, ' ').trim()).join(' ');
    }
  }
  return rest;
}

function englishOn(words: string, language: string): string[] {
  return [...englishPhrases(language), ...ownerPhrases()].filter((phrase) => words.includes(phrase));
}

describe.each([
  ['sanne-de-vries', 'nl'],
  ['layla-haddad', 'ar'],
])('the example kit’s partner %s (%s)', (slug, language) => {
  const partner = () => site.content.partners.find((entry) => entry.slug === slug)!;

  it('is in the example kit with that language', () => {
    expect(partner().data.language).toBe(language);
  });

  it('finds English phrases when they are there (the search works)', () => {
    const english = pageWords(join(site.dist, 'index.html'));
    expect(englishOn(english, language)).toContain('What I do');
    expect(englishOn(english, language)).toContain(site.content.kit.value.one_liner.replace(/\s+/g, ' ').trim());
  });

  it('has kit, pocket card and share page with no English sentence of the catalog or the owner', () => {
    const token = partner().data.token;
    for (const path of [kitPath(token), `${kitPath(token)}card/`, sharePath(slug)]) {
      const file = join(site.dist, path, 'index.html');
      const html = readFileSync(file, 'utf8');
      expect(html, path).toContain(`<html lang="${language}"${language === 'ar' ? ' dir="rtl"' : ''}`);
      expect(englishOn(withoutTestimonials(pageWords(file)), language), path).toEqual([]);
    }
  });

  it('has images whose every line is in their language', () => {
    const token = partner().data.token;
    const paths = [imagePaths.card(token, '1200x630'), imagePaths.card(token, '1080x1080'), imagePaths.prospect(slug)];
    const jobs = imageJobs(site.content).filter((job) => paths.includes(job.path));
    expect(jobs).toHaveLength(3);
    for (const job of jobs) {
      const template = templateFor(job);
      const words = template.texts
        .flatMap(({ layout }) => layout.lines)
        .join(' ')
        .replace(/[\u2066-\u2069]/g, '');
      expect(englishOn(words, language), job.path).toEqual([]);
      // Labels are set in the partner's direction.
      const label = template.texts.find(({ name }) => name === 'eyebrow')!;
      expect(label.layout.rtl, job.path).toBe(language === 'ar');
    }
  });

  it('reads the testimonial request and the disclosures in their language', () => {
    const kit = readFileSync(join(site.dist, kitPath(partner().data.token), 'index.html'), 'utf8');
    const catalog = catalogs[language]!;
    const words = pageWords(join(site.dist, kitPath(partner().data.token), 'index.html'));
    expect(words).toContain(catalog.testimonial_ask_title);
    expect(kit).toContain(encodeURIComponent(catalog.testimonial_ask_words_start).slice(0, 12));
    // The disclosure starts as a sentence does: "Geen vergoeding ontvangen".
    expect(pageWords(join(site.dist, sharePath(slug), 'index.html')).toLocaleLowerCase(language)).toContain(catalog.disclosure_not_compensated.toLocaleLowerCase(language));
  });

  it('gets the built-in follow-up messages and invitation in their language, dates and outcomes included', async () => {
    // The example's own follow-through scripts left out: the catalog's messages are what remains.
    const content = { ...site.content, scripts: site.content.scripts.filter((script) => !isOwnerChannel(script.data.channel)) };
    const about = { partner: slug, partner_name: partner().data.name, prospect: 'Ruud Jansen', status: 'won', since: '2026-09-01', days: 3, title: '', why: '', link: null } as const;
    const actions = ['thank', 'share-outcome', 'ask', 'give-back', 're-educate', 'ask-testimonial'] as const;
    const { messages, skipped } = await followUpMessages(
      content,
      actions.map((action): TodoItem => ({ ...about, action })),
    );
    expect(skipped).toEqual([]);
    expect(messages.map((message) => message.channel)).toEqual(['thank-you', 'outcome', 'ask-again', 'give-back', 're-educate', 'testimonial-request']);
    const {
      messages: [invite],
    } = await inviteMessages(content, [partner()]);
    for (const message of [...messages, invite!]) {
      expect(message.script, message.channel).toBeNull();
      expect(englishOn(`${message.subject} ${message.text}`.replace(/\s+/g, ' '), language), message.channel).toEqual([]);
      expect(message.text, message.channel).toContain(partner().data.first_name ?? partner().data.name.split(' ')[0]);
    }
    const outcome = messages.find((message) => message.channel === 'outcome')!;
    expect(outcome.text).toContain({ nl: 'we werken nu samen', ar: 'بدأنا العمل معًا' }[language]);
    expect(outcome.text).toContain({ nl: '1 september 2026', ar: '1 سبتمبر 2026' }[language]);
    expect(invite!.text).toContain(kitPath(partner().data.token));
  });

  it('reads the date and status of the example’s own outcome script in its language', async () => {
    const todo: TodoItem = {
      action: 'share-outcome',
      partner: slug,
      partner_name: partner().data.name,
      prospect: 'Ruud Jansen',
      status: 'won',
      since: '2026-09-01',
      days: 3,
      title: '',
      why: '',
      link: null,
    };
    const {
      messages: [own],
    } = await followUpMessages(site.content, [todo]);
    expect(own!.script).toBe(`outcome-${language}`);
    expect(own!.text).toContain(
      { nl: 'die je op 1 september 2026 aan me voorstelde. Waar het is uitgekomen: we werken samen.', ar: 'في 1 سبتمبر 2026. وهذا ما انتهى إليه الأمر: بدأنا العمل معًا.' }[language],
    );
    // A script in the kit's language, which the partner's has none of, keeps its own language throughout.
    const english = { ...site.content, scripts: site.content.scripts.filter((script) => script.id !== `outcome-${language}`) };
    expect((await followUpMessages(english, [todo])).messages[0]!.text).toContain('whom you introduced on September 1, 2026. Where it landed: won.');
  });

  it('gets an invitation in their language', async () => {
    const {
      invitations: [invitation],
    } = await invitations(site.content, [partner()]);
    expect(invitation!.language).toBe(language);
    expect(englishOn(`${invitation!.subject} ${invitation!.text}`.replace(/\s+/g, ' '), language)).toEqual([]);
    const english = (
      await invitations(
        site.content,
        site.content.partners.filter((entry) => entry.slug === 'priya-nair'),
      )
    ).invitations[0]!;
    expect(invitation!.text).not.toBe(english.text);
  });
});
