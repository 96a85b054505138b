/** A referral partner: one file `partners/<slug>.yaml`, one private kit, one public share page. */
import { z } from './zod.ts';
import { email, firstNameOf, languageTag, line, optional, phone, text } from './fields.ts';

/** The kinds of partner the method distinguishes; each may get its own script variants. */
export const partnerCategories = ['client', 'former-client', 'colleague', 'competitor', 'center-of-influence', 'salesperson', 'organization', 'prospect', 'other'] as const;

export type PartnerCategory = (typeof partnerCategories)[number];

/** A free word that groups partners across categories (`movers`), for scripts to target. */
export const tagSchema = z
  .string({ error: 'must be a word like movers' })
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*$/u, { error: 'must be a word or words joined by dashes, like property-managers' });

/**
 * How findable a built share page is. Unlisted (the default): reachable by its link, kept out of
 * search engines and the sitemap, since a page naming the partner says they recommend the owner,
 * which a former client or competitor has not agreed to tell the world. Public: listed.
 */
export const shareSettings = ['public', 'unlisted'] as const;

/** Smallest token accepted: 22 URL-safe base64 characters carry 132 bits, 32 hex digits 128. */
export const minimumTokenBits = 128;

/** Longest token accepted: it names a folder of the site, and file names stop at 255 bytes. */
export const maximumTokenLength = 100;

/** Bits of unpredictability a random token of this shape carries. */
export function tokenBits(token: string): number {
  const bitsPerCharacter = /^[0-9a-f]+$/i.test(token) ? 4 : 6;
  return token.length * bitsPerCharacter;
}

const weakTokenError = `is too short or too regular to be unguessable: use at least ${minimumTokenBits} random bits (22+ random characters)`;

export const tokenSchema = z
  .string({ error: 'must be text: run `npx referral-kit add partner` to get a fresh token' })
  .trim()
  .regex(/^[A-Za-z0-9_-]+$/, { error: 'may only use letters, digits, "-" and "_" (it is part of a URL)' })
  // A leading dash would read as an option where a token is a command-line argument or a folder name.
  .refine((value) => !value.startsWith('-'), { error: 'must not start with "-": run `npx referral-kit rotate <slug>` for a fresh one' })
  .max(maximumTokenLength, { error: `is longer than ${maximumTokenLength} characters: it becomes a folder name in the site, so keep it shorter (22–32 random characters are plenty)` })
  .refine((value) => tokenBits(value) >= minimumTokenBits && new Set(value).size >= 10, { error: weakTokenError })
  // JSON Schema can only count characters: editors flag a token shorter than any strong one
  // (22 URL-safe characters); a longer hex or repetitive token is refused by `check` alone.
  .meta({ minLength: Math.ceil(minimumTokenBits / 6) });

const partnerFields = z.strictObject({
  name: line().describe('Full name, as the partner signs their emails.'),
  first_name: optional(line()).describe('What you call them; taken from the first word of `name` when left out.'),
  token: tokenSchema.describe("Secret part of the partner's kit link (/kit/<token>/). Random, at least 128 bits; never share it publicly."),
  category: z.enum(partnerCategories, { error: `must be one of: ${partnerCategories.join(', ')}` }).describe('What kind of partner this is; picks the script variants they see.'),
  tags: optional(z.array(tagSchema, { error: 'must be a list of words, like [movers, property-managers]' }))
    .transform((value) => [...new Set(value ?? [])])
    .describe('Free words that group partners, like movers or property-managers. Scripts with matching `tags:` replace the general and category ones.'),
  language: optional(languageTag()).describe('Language of their kit, pocket card, images, share page and invitation, like nl, pt-BR or ar. Defaults to site.language in kit.yaml.'),
  occupation: optional(line()).describe('What they do, e.g. "Tax accountant". Shown on their share page.'),
  company: optional(line()).describe('Where they work. Shown on their share page and usable in scripts.'),
  email: optional(email()).describe('Private. Used by `referral-kit invite`; never published.'),
  phone: optional(phone()).describe('Private. For your own follow-up; never published.'),
  note: optional(text()).describe('Private notes about this partner; never published.'),
  message: optional(text()).describe('Your personal greeting at the top of their kit. Blank lines start new paragraphs.'),
  share_page: z
    .union([z.boolean(), z.enum(shareSettings)], { error: 'must be true, false, public or unlisted' })
    .default(true)
    .describe(
      'The "introduced by" page /for/<slug>/ for this partner: true builds it (unlisted, or public when site.share_pages is public), public lets search engines list it, unlisted keeps it out of them, false builds none.',
    ),
});

function withFirstName<T extends { name: string; first_name?: string | undefined }>(partner: T) {
  return { ...partner, first_name: partner.first_name ?? firstNameOf(partner.name) };
}

export const partnerSchema = partnerFields.transform(withFirstName);

export type PartnerInput = z.input<typeof partnerSchema>;
export type PartnerData = z.output<typeof partnerSchema>;

/** A partner as the site sees it: the private fields (email, phone, note) are never handed to pages. */
export const publicPartnerSchema = partnerFields.omit({ email: true, phone: true, note: true }).transform(withFirstName);

export type PublicPartner = z.output<typeof publicPartnerSchema>;

/** Drops the fields that never leave the owner's machine. */
export function publicPartner({ email: _email, phone: _phone, note: _note, ...rest }: PartnerData): PublicPartner {
  return rest;
}
