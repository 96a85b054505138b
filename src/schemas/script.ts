/** `scripts/<id>.mdx` frontmatter: what a partner can say, on which channel, for which kinds of partner. */
import { z } from 'zod';
import { line, optional } from './fields.ts';
import { partnerCategories } from './partner.ts';

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

/** The owner's messages to a partner: sent with `referral-kit invite` and `referral-kit follow-up`, never on a kit page. */
export const ownerChannels = ['invite', 'thank-you', 'outcome', 'ask-again', 'give-back', 're-educate', 'testimonial-request'] as const satisfies readonly ScriptChannel[];

export type OwnerChannel = (typeof ownerChannels)[number];

/** The follow-through messages: what the owner sends a partner after (or between) introductions. */
export const followThroughChannels = ['thank-you', 'outcome', 'ask-again', 'give-back', 're-educate', 'testimonial-request'] as const satisfies readonly OwnerChannel[];

export type FollowThroughChannel = (typeof followThroughChannels)[number];

export function isOwnerChannel(channel: ScriptChannel): channel is OwnerChannel {
  return (ownerChannels as readonly string[]).includes(channel);
}

/** Headings the kit page uses for each channel. */
export const channelLabels: Record<ScriptChannel, string> = {
  'one-liner': 'In a sentence',
  'email-intro': 'Email introduction',
  phone: 'On the phone',
  linkedin: 'LinkedIn',
  text: 'Text message',
  'in-person': 'In person',
  invite: 'Your invitation to the partner',
  'thank-you': 'Your thank-you to the partner',
  outcome: 'How it went, for the partner',
  'ask-again': 'Asking the partner again',
  'give-back': 'Offering the partner an introduction',
  're-educate': 'Who is a fit, again',
  'testimonial-request': 'Asking the partner for a testimonial',
};

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
  ).describe(
    'Partner categories this variant is for. Left out: every partner. A variant replaces the general script of its channel.',
  ),
  order: optional(z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }))
    .transform((value) => value ?? 0)
    .describe('Position among scripts of the same channel; lower comes first. Defaults to 0.'),
  subject: optional(line()).describe(
    'Email subject for email-intro scripts and your own messages (invite and the follow-through ones); may use variables like {owner.name}.',
  ),
});

export type ScriptInput = z.input<typeof scriptSchema>;
export type ScriptData = z.output<typeof scriptSchema>;
