/** `scripts/<id>.mdx` frontmatter: what a partner can say, on which channel, for which kinds of partner. */
import { z } from 'zod';
import { line, optional } from './fields.ts';
import { partnerCategories } from './partner.ts';

/** Where a script is used, in the order the kit page shows them. `invite` is the owner's own message. */
export const scriptChannels = ['one-liner', 'email-intro', 'phone', 'linkedin', 'text', 'in-person', 'invite'] as const;

export type ScriptChannel = (typeof scriptChannels)[number];

/** Headings the kit page uses for each channel. */
export const channelLabels: Record<ScriptChannel, string> = {
  'one-liner': 'In a sentence',
  'email-intro': 'Email introduction',
  phone: 'On the phone',
  linkedin: 'LinkedIn',
  text: 'Text message',
  'in-person': 'In person',
  invite: 'Your invitation to the partner',
};

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
    'Partner categories this variant is for. Left out: every partner. A variant replaces the general script of its channel.',
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
