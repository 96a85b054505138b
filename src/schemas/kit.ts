/** `kit.yaml`: who the owner is, what they offer, who to introduce, and where the site lives. */
import { z } from './zod.ts';
import { copySchema } from './copy.ts';
import { requirableDisclosures } from './testimonial.ts';
import { email, firstNameOf, hexColor, languageTag, line, localImage, optional, phone, text, webUrl } from './fields.ts';
import { shareSettings } from './partner.ts';

const owner = z
  .strictObject({
    name: line().describe('Your name, as partners will say it.'),
    first_name: optional(line()).describe('What partners call you; taken from the first word of `name` when left out.'),
    business: line().describe('Your business or practice name.'),
    email: email().describe("Where introductions reach you. Public: shown on your pages and cc'd on introductions."),
    phone: optional(phone()).describe('Public phone number, shown on your pages.'),
    photo: optional(localImage()).describe('Your photo, a file inside the content folder, e.g. photos/you.jpg.'),
  })
  .transform((owner) => ({ ...owner, first_name: owner.first_name ?? firstNameOf(owner.name) }));

const site = z.strictObject({
  url: webUrl()
    // Runs even when the address did not parse (zod reports every problem): that one is said already.
    .refine((value) => !URL.canParse(value) || (['', '/'].includes(new URL(value).pathname) && !new URL(value).search && !new URL(value).hash), {
      error: "must be just the site's address, like https://example.com (put a sub-folder in site.base)",
    })
    .transform((value) => new URL(value).origin)
    .describe('The address the site is deployed at, like https://example.com. Share and kit links are built from it.'),
  base: optional(
    z
      .string({ error: 'must be a folder like /referrals/' })
      .trim()
      .regex(/^\/?([A-Za-z0-9._~-]+\/?)*$/, { error: 'must be a folder like /referrals/' }),
  )
    .transform((value) => normalizeBase(value ?? '/'))
    .describe('Sub-folder the site lives in, e.g. /referrals/ for a GitHub Pages project site. Defaults to /.'),
  accent: optional(hexColor())
    .transform((value) => value ?? '#2f5d50')
    .describe('Brand colour for buttons and highlights, like "#2f5d50". Text on it stays readable automatically.'),
  language: optional(languageTag())
    .transform((value) => value ?? 'en')
    .describe("The kit's default language, like en or fr-CA: of your public pages, of scripts without a `language:`, and of partners without one. Defaults to en."),
  share_pages: optional(z.enum(shareSettings, { error: 'must be public or unlisted' }))
    .transform((value) => value ?? 'unlisted')
    .describe('Whether search engines may list partners\' "introduced by" pages: unlisted (the default) or public. A partner\'s own share_page: public or unlisted wins.'),
});

/** The follow-up rhythm when kit.yaml says nothing: reply within two days, ask again each quarter. */
export const followUpDefaults = { contact_within_days: 2, ask_again_after_days: 90 } as const;

function days(minimum: number) {
  return optional(
    z
      .number({ error: 'must be a whole number of days, like 2' })
      .int({ error: 'must be a whole number of days, like 2' })
      .min(minimum, { error: `must be ${minimum} or more` }),
  );
}

export const kitSchema = z.strictObject({
  owner: owner.describe('You: the professional partners introduce people to.'),
  site: site.describe('Where the site is published.'),
  value: z
    .strictObject({
      one_liner: line().describe('Your value in one sentence, in words a partner can repeat.'),
      pitch: text().describe('A short paragraph on what you do and for whom.'),
    })
    .describe('Your value proposition.'),
  ideal_client: z
    .strictObject({
      description: text().describe('Who you help, in one or two sentences.'),
      signals: z
        .array(line(), { error: 'must be a list of phrases' })
        .min(1, { error: 'needs at least one signal: what someone says when they need you' })
        .describe('Things people say that mean they are a fit, e.g. "our books are a mess before tax season".'),
      not_a_fit: z.array(line(), { error: 'must be a list of phrases' }).default([]).describe("Who is not a fit, so partners don't send them."),
    })
    .describe('Who to introduce.'),
  promise: z
    .union([line().transform((step) => [step]), z.array(line()).min(1)], {
      error: 'must be a sentence or a list of steps',
    })
    .describe('What happens after an introduction: how fast you reply, that the partner hears the outcome, thanks.'),
  booking_url: optional(webUrl()).describe('Where a prospect books a first call. Prospect pages add ref and utm parameters.'),
  currency: optional(
    z
      .string({ error: 'must be a three-letter currency code, like USD, EUR or GBP' })
      .trim()
      .toUpperCase()
      .refine((code) => /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code), {
        error: 'must be a three-letter currency code, like USD, EUR or GBP',
      }),
  ).describe('The currency of the values in referrals.yaml (USD, EUR, GBP…): `referral-kit report` shows them as money in it. Private, like the ledger.'),
  follow_up: optional(
    z.strictObject({
      contact_within_days: days(0)
        .transform((value) => value ?? followUpDefaults.contact_within_days)
        .describe(`Contact a new prospect within this many days of the introduction; \`referral-kit report\` lists them once it is due. Default ${followUpDefaults.contact_within_days}.`),
      ask_again_after_days: days(1)
        .transform((value) => value ?? followUpDefaults.ask_again_after_days)
        .describe(`Ask a partner for introductions again this many days after your last ask or their last introduction. Default ${followUpDefaults.ask_again_after_days}.`),
    }),
  )
    .transform((value) => value ?? followUpDefaults)
    .describe('When `referral-kit report` reminds you to follow up (your private referrals.yaml; nothing here is published).'),
  translations: optional(
    z.record(
      languageTag(),
      z.strictObject({
        value: optional(
          z.strictObject({
            one_liner: optional(line()).describe('value.one_liner in this language.'),
            pitch: optional(text()).describe('value.pitch in this language.'),
          }),
        ).describe('Your value proposition in this language.'),
        ideal_client: optional(
          z.strictObject({
            description: optional(text()).describe('ideal_client.description in this language.'),
            signals: optional(z.array(line(), { error: 'must be a list of phrases' }).min(1, { error: 'needs at least one signal' })).describe('ideal_client.signals in this language.'),
            not_a_fit: optional(z.array(line(), { error: 'must be a list of phrases' })).describe('ideal_client.not_a_fit in this language.'),
          }),
        ).describe('Who to introduce, in this language.'),
        promise: optional(z.union([line().transform((step) => [step]), z.array(line()).min(1)], { error: 'must be a sentence or a list of steps' })).describe('promise in this language.'),
      }),
      { error: 'must map language tags (like nl) to your words in that language' },
    ),
  ).describe(
    'Your words for partners in other languages, by language tag: `nl: { value: { one_liner: "…" }, ideal_client: { … }, promise: [ … ] }`. What a language leaves out stays as written above.',
  ),
  copy: optional(copySchema).describe(
    'Your own words for any sentence the pages, images and drafts show, by key (see the README\'s table), e.g. kit_aside: "…". Values are written {owner_first_name}.',
  ),
  testimonials: optional(
    z.strictObject({
      disclosure: optional(text()).describe('Shown with every testimonial that has no disclosure of its own, e.g. "Clients quoted were not paid. Results vary."'),
      require: optional(z.array(z.enum(requirableDisclosures, { error: `must be ${requirableDisclosures.join(' or ')}` })))
        .transform((value) => value ?? [])
        .describe('Disclosure fields every published testimonial must have; `referral-kit check` warns about one that lacks any.'),
      ask_on_kit: optional(z.boolean({ error: 'must be true or false' }))
        .transform((value) => value ?? false)
        .describe("Adds a section to each partner's kit where they can write a sentence about you and send it by email, with their consent in the message. Off unless true."),
    }),
  )
    .transform((value) => value ?? { disclosure: undefined, require: [] as (typeof requirableDisclosures)[number][], ask_on_kit: false })
    .describe('How testimonials are disclosed and asked for.'),
});

export type KitInput = z.input<typeof kitSchema>;
export type KitData = z.output<typeof kitSchema>;

/** `referrals` → `/referrals/`, `''` → `/`. */
export function normalizeBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/**
 * The kit as a partner in `language` reads it: `translations.<language>` (or its base language)
 * in place of the fields it gives. The default language, or one without translations, reads the kit as written.
 */
export function kitIn(kit: KitData, language: string | undefined): KitData {
  if (!language || !kit.translations) return kit;
  const entries = Object.entries(kit.translations);
  const find = (tag: string) => entries.find(([key]) => key.toLowerCase() === tag.toLowerCase())?.[1];
  const words = find(language) ?? find(language.split('-')[0]!);
  if (!words) return kit;
  return {
    ...kit,
    value: { ...kit.value, ...definedOnly(words.value) },
    ideal_client: { ...kit.ideal_client, ...definedOnly(words.ideal_client) },
    promise: words.promise ?? kit.promise,
  };
}

function definedOnly<T extends object>(value: T | undefined): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, field]) => field !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
