/** `kit.yaml`: who the owner is, what they offer, who to introduce, and where the site lives. */
import { z } from 'zod';
import { requirableDisclosures } from './testimonial.ts';
import { email, firstNameOf, hexColor, line, localImage, optional, phone, text, webUrl } from './fields.ts';

const owner = z
  .strictObject({
    name: line().describe('Your name, as partners will say it.'),
    first_name: optional(line()).describe('What partners call you; taken from the first word of `name` when left out.'),
    business: line().describe('Your business or practice name.'),
    email: email().describe('Where introductions reach you. Public: shown on your pages and cc\'d on introductions.'),
    phone: optional(phone()).describe('Public phone number, shown on your pages.'),
    photo: optional(localImage()).describe('Your photo, a file inside the content folder, e.g. photos/you.jpg.'),
  })
  .transform((owner) => ({ ...owner, first_name: owner.first_name ?? firstNameOf(owner.name) }));

const site = z
  .strictObject({
    url: webUrl()
      .refine((value) => ['', '/'].includes(new URL(value).pathname) && !new URL(value).search && !new URL(value).hash, {
        error: 'must be just the site\'s address, like https://example.com (put a sub-folder in site.base)',
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
    language: optional(
      z
        .string({ error: 'must be a language tag like en or en-GB' })
        .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: 'must be a language tag like en or en-GB' }),
    )
      .transform((value) => value ?? 'en')
      .describe('Language of your pages, like en or fr-CA. Defaults to en.'),
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
      not_a_fit: z
        .array(line(), { error: 'must be a list of phrases' })
        .default([])
        .describe('Who is not a fit, so partners don\'t send them.'),
    })
    .describe('Who to introduce.'),
  promise: z
    .union([line().transform((step) => [step]), z.array(line()).min(1)], {
      error: 'must be a sentence or a list of steps',
    })
    .describe('What happens after an introduction: how fast you reply, that the partner hears the outcome, thanks.'),
  booking_url: optional(webUrl()).describe('Where a prospect books a first call. Prospect pages add ref and utm parameters.'),
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
  testimonials: optional(
    z.strictObject({
      disclosure: optional(text()).describe(
        'Shown with every testimonial that has no disclosure of its own, e.g. "Clients quoted were not paid. Results vary."',
      ),
      require: optional(z.array(z.enum(requirableDisclosures, { error: `must be ${requirableDisclosures.join(' or ')}` })))
        .transform((value) => value ?? [])
        .describe('Disclosure fields every published testimonial must have; `referral-kit check` warns about one that lacks any.'),
      ask_on_kit: optional(z.boolean({ error: 'must be true or false' }))
        .transform((value) => value ?? false)
        .describe('Adds a section to each partner\'s kit where they can write a sentence about you and send it by email, with their consent in the message. Off unless true.'),
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
