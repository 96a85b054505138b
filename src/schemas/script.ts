/** `scripts/<id>.mdx` frontmatter: what a partner can say, on which channel, for which kinds of partner. */
import { z } from 'zod';
import { languageTag, line, optional, slugPattern } from './fields.ts';
import { partnerCategories, tagSchema } from './partner.ts';

/** Where a script is used, in the order the kit page shows them. `invite` is the owner's own message. */
export const scriptChannels = ['one-liner', 'email-intro', 'phone', 'linkedin', 'text', 'in-person', 'invite'] as const;

export type ScriptChannel = (typeof scriptChannels)[number];

/** Channels whose words a partner says or forwards to other people: shown on their kit page. */
export const partnerFacingChannels: readonly ScriptChannel[] = ['one-liner', 'email-intro', 'phone', 'linkedin', 'text', 'in-person'];

export const scriptSchema = z.strictObject({
  title: line().describe('A short name for the script, shown above it on the kit page.'),
  channel: z
    .enum(scriptChannels, { error: `must be one of: ${scriptChannels.join(', ')}` })
    .describe('Where the words are used. `invite` is your message to the partner, sent with `referral-kit invite`.'),
  categories: optional(
    z
      .array(z.enum(partnerCategories, { error: `must be one of: ${partnerCategories.join(', ')}` }), {
        error: 'must be a list of partner categories',
      })
      .min(1, { error: 'must list at least one category (leave it out to apply to every partner)' }),
  ).describe(
    'Partner categories this variant is for. Left out: every partner. A variant replaces the general script of its channel for those partners; a tag or partner variant comes before it.',
  ),
  tags: optional(
    z
      .array(tagSchema, { error: 'must be a list of tags, like [movers, property-managers]' })
      .min(1, { error: 'must list at least one tag (leave it out to apply to every partner)' }),
  ).describe(
    'Partner tags this variant is for (partners list theirs under `tags:`). A tag variant comes before a category variant.',
  ),
  partners: optional(
    z
      .array(z.string({ error: 'must be a partner slug' }).trim().regex(slugPattern, { error: 'must be a partner slug: the file name in partners/, like jane-smith' }), {
        error: 'must be a list of partner slugs, like [jane-smith]',
      })
      .min(1, { error: 'must list at least one partner (leave it out to apply to every partner)' }),
  ).describe(
    'Partners (their file names in partners/) this script is written for. It comes before any tag or category variant for them.',
  ),
  language: optional(languageTag()).describe(
    'Language the script is written in, like nl or ar. Partners whose language it is see it; left out: the kit\'s default language (site.language).',
  ),
  order: optional(z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }))
    .transform((value) => value ?? 0)
    .describe('Position among scripts of the same channel; lower comes first. Defaults to 0.'),
  subject: optional(line()).describe(
    'Email subject for email-intro and invite scripts; may use variables like {owner.name}.',
  ),
});

export type ScriptInput = z.input<typeof scriptSchema>;
export type ScriptData = z.output<typeof scriptSchema>;
