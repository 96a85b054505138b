/** `scripts/<id>.mdx` frontmatter: what a partner can say, on which channel, for which kinds of partner. */
import { z } from './zod.ts';
import { languageTag, line, optional, slugPattern } from './fields.ts';
import { partnerCategories, tagSchema } from './partner.ts';

/**
 * Where a script is used, in the order the kit page shows them. The partner-facing channels come
 * first; the rest are the owner's own messages to a partner (`invite`, and the follow-through
 * after an introduction), which a kit page never shows.
 */
export const scriptChannels = [
  'one-liner',
  'email-intro',
  'phone',
  'linkedin',
  'text',
  'in-person',
  'invite',
  'thank-you',
  'outcome',
  'ask-again',
  'give-back',
  're-educate',
  'testimonial-request',
] as const;

export type ScriptChannel = (typeof scriptChannels)[number];

/** Channels whose words a partner says or forwards to other people: shown on their kit page. */
export const partnerFacingChannels: readonly ScriptChannel[] = ['one-liner', 'email-intro', 'phone', 'linkedin', 'text', 'in-person'];

/** The owner's messages to a partner: sent with `referral-kit invite` and `referral-kit follow-up`, never on a kit page. */
export const ownerChannels = ['invite', 'thank-you', 'outcome', 'ask-again', 'give-back', 're-educate', 'testimonial-request'] as const satisfies readonly ScriptChannel[];

export type OwnerChannel = (typeof ownerChannels)[number];

/** The follow-through messages: what the owner sends a partner after (or between) introductions. */
export const followThroughChannels = ['thank-you', 'outcome', 'ask-again', 'give-back', 're-educate', 'testimonial-request'] as const satisfies readonly OwnerChannel[];

export type FollowThroughChannel = (typeof followThroughChannels)[number];

export function isOwnerChannel(channel: ScriptChannel): channel is OwnerChannel {
  return (ownerChannels as readonly string[]).includes(channel);
}

export const scriptSchema = z.strictObject({
  title: line().describe('A short name for the script, shown above it on the kit page.'),
  channel: z
    .enum(scriptChannels, { error: `must be one of: ${scriptChannels.join(', ')}` })
    .describe(
      'Where the words are used. `invite` is your message to the partner, sent with `referral-kit invite`; thank-you, outcome, ask-again, give-back, re-educate and testimonial-request are your follow-through messages, sent with `referral-kit follow-up`.',
    ),
  categories: optional(
    z
      .array(z.enum(partnerCategories, { error: `must be one of: ${partnerCategories.join(', ')}` }), {
        error: 'must be a list of partner categories',
      })
      .min(1, { error: 'must list at least one category (leave it out to apply to every partner)' }),
  ).describe('Partner categories this variant is for. Left out: every partner. A variant replaces the general script of its channel for those partners; a tag or partner variant comes before it.'),
  tags: optional(
    z.array(tagSchema, { error: 'must be a list of tags, like [movers, property-managers]' }).min(1, { error: 'must list at least one tag (leave it out to apply to every partner)' }),
  ).describe('Partner tags this variant is for (partners list theirs under `tags:`). A tag variant comes before a category variant.'),
  partners: optional(
    z
      .array(z.string({ error: 'must be a partner slug' }).trim().regex(slugPattern, { error: 'must be a partner slug: the file name in partners/, like jane-smith' }), {
        error: 'must be a list of partner slugs, like [jane-smith]',
      })
      .min(1, { error: 'must list at least one partner (leave it out to apply to every partner)' }),
  ).describe('Partners (their file names in partners/) this script is written for. It comes before any tag or category variant for them.'),
  language: optional(languageTag()).describe("Language the script is written in, like nl or ar. Partners whose language it is see it; left out: the kit's default language (site.language)."),
  order: optional(z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }))
    .transform((value) => value ?? 0)
    .describe('Position among scripts of the same channel; lower comes first. Defaults to 0.'),
  subject: optional(line()).describe('Email subject for email-intro scripts and your own messages (invite and the follow-through ones); may use variables like {owner.name}.'),
});

export type ScriptInput = z.input<typeof scriptSchema>;
export type ScriptData = z.output<typeof scriptSchema>;
