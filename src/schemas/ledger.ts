/**
 * `referrals.yaml`: the owner's private ledger of introductions received, introductions given
 * back, and asks. Only the command line reads it (`report`, `log`, `update`, `check`); the site
 * never does, so nothing in it can reach `dist/`.
 *
 * The schema comes in two forms. `ledgerSchemaFor()` knows only the shape of the file: it is what
 * editors get as JSON Schema. `ledgerSchemaFor({ partners, today })` also knows the kit, so a
 * partner slug must name a partner file and a date must not be in the future; `check` uses it,
 * and every problem comes back at its position like any other schema error.
 */
import { z } from './zod.ts';
import { addDays } from '../kit/dates.ts';
import { isoDate, line, optional, slugPattern, text } from './fields.ts';

/** Where an introduction stands, from first contact to outcome. */
export const referralStatuses = ['introduced', 'contacted', 'meeting', 'won', 'lost', 'not-a-fit', 'unreachable'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

/** Statuses that end an introduction: the partner is owed the outcome. */
export const closedStatuses: readonly ReferralStatus[] = ['won', 'lost', 'not-a-fit', 'unreachable'];

export const referralKinds = ['introduction', 'referral'] as const;
export type ReferralKind = (typeof referralKinds)[number];

/** What the kit tells the ledger: the partner slugs that exist, and today's date. */
export interface LedgerContext {
  partners: readonly string[];
  today: string;
}

/**
 * Days of grace before a date counts as "in the future": a ledger written on a computer whose day
 * has already begun (Auckland) still builds on one where it has not (a build server in UTC).
 */
export const futureGraceDays = 1;

const slugError = "must be a partner's file name in partners/, without .yaml, like jane-smith";

function partnerSlug(context: LedgerContext | undefined): z.ZodType<string> {
  const shape = z.string({ error: slugError }).trim().regex(slugPattern, { error: slugError }).meta({ pattern: '^\\s*[a-z0-9]+(?:-[a-z0-9]+)*\\s*$', patternErrorMessage: slugError });
  if (!context) return shape;
  if (!context.partners.length) {
    return shape.refine(() => false, { error: 'there are no partners yet: add one with `npx referral-kit add partner "Name"`' });
  }
  return z
    .string({ error: slugError })
    .trim()
    .pipe(z.enum(context.partners as [string, ...string[]], { error: 'is not one of your partners (no such file in partners/)' }));
}

function pastDate(context: LedgerContext | undefined): z.ZodType<string> {
  const date = isoDate();
  if (!context) return date;
  const latest = addDays(context.today, futureGraceDays);
  return date.refine((value) => value <= latest, { error: `is in the future (today is ${context.today})` });
}

function optionalDate(context: LedgerContext | undefined) {
  return optional(pastDate(context));
}

const statusError = `must be one of: ${referralStatuses.join(', ')}`;
const kindError = `must be one of: ${referralKinds.join(', ')}`;

function receivedEntry(context: LedgerContext | undefined) {
  return z.strictObject({
    date: pastDate(context).describe('When the introduction reached you, as YYYY-MM-DD.'),
    from: partnerSlug(context).describe('The partner who made it: their file name in partners/ without .yaml, like jane-smith.'),
    prospect: line().describe('The person introduced to you.'),
    kind: z
      .enum(referralKinds, { error: kindError })
      .default('introduction')
      .describe('introduction (the partner put you in touch) or referral (they passed on a name or your details). Defaults to introduction.'),
    status: z
      .enum(referralStatuses, { error: statusError })
      .default('introduced')
      .describe('Where it stands: introduced (not contacted yet), contacted, meeting, won, lost, not-a-fit or unreachable. Defaults to introduced.'),
    contacted: optionalDate(context).describe('When you first got in touch with the prospect, as YYYY-MM-DD.'),
    outcome_shared: optionalDate(context).describe('When you told the partner how it went, as YYYY-MM-DD.'),
    thanked: optionalDate(context).describe('When you thanked the partner, as YYYY-MM-DD.'),
    value: optional(z.number({ error: 'must be a plain number, like 4800 (no currency sign or thousands separator)' }).min(0, { error: 'must not be negative' })).describe(
      'What the work was worth, as a plain number like 4800. The report adds it up for introductions you won.',
    ),
    notes: optional(text()).describe('Anything you want to remember about it. Private, like the whole file.'),
  });
}

function givenEntry(context: LedgerContext | undefined) {
  return z.strictObject({
    date: pastDate(context).describe('When you made the introduction, as YYYY-MM-DD.'),
    to: partnerSlug(context).describe('The partner you introduced someone to: their file name in partners/ without .yaml.'),
    prospect: line().describe('The person you introduced to them.'),
    notes: optional(text()).describe('Anything you want to remember about it.'),
  });
}

function askEntry(context: LedgerContext | undefined) {
  return z.strictObject({
    date: pastDate(context).describe('When you asked, as YYYY-MM-DD.'),
    partner: partnerSlug(context).describe('The partner you asked: their file name in partners/ without .yaml.'),
    reeducated: z
      .boolean({ error: 'must be true or false' })
      .default(false)
      .describe('true when you also sent them the "who is a fit" part of their kit again; the report then counts only the referrals they send after this.'),
    notes: optional(text()).describe('Anything you want to remember about it.'),
  });
}

function list<T extends z.ZodType>(entry: T) {
  return optional(z.array(entry, { error: 'must be a list of entries, each starting with "- "' })).transform((entries) => entries ?? []);
}

/** One entry of each list, for checking what `log` and `update` are about to write. */
export function entrySchemasFor(context: LedgerContext) {
  return { received: receivedEntry(context), given: givenEntry(context), asks: askEntry(context) };
}

export function ledgerSchemaFor(context?: LedgerContext) {
  return z.strictObject({
    received: list(receivedEntry(context)).describe('Introductions and referrals that came to you, one entry each.'),
    given: list(givenEntry(context)).describe('Introductions you made for a partner: giving back.'),
    asks: list(askEntry(context)).describe('Each time you asked a partner for introductions.'),
  });
}

export type LedgerData = z.output<ReturnType<typeof ledgerSchemaFor>>;
export type ReceivedEntry = LedgerData['received'][number];
export type GivenEntry = LedgerData['given'][number];
export type AskEntry = LedgerData['asks'][number];
