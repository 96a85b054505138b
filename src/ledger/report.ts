/**
 * The follow-up report, as pure functions of the kit's partners, the ledger and a date: what to
 * do today, most urgent first, and how each source of introductions is doing. The text, JSON and
 * HTML renderings all start from `followUpReport()`.
 */
import { daysBetween } from '../kit/dates.ts';
import { compareText, plural } from '../kit/text.ts';
import { partnerCategories, type PartnerCategory } from '../schemas/partner.ts';
import { closedStatuses, type LedgerData, type ReceivedEntry, type ReferralStatus } from '../schemas/ledger.ts';

export interface FollowUpSettings {
  contact_within_days: number;
  ask_again_after_days: number;
}

export interface ReportPartner {
  slug: string;
  name: string;
  category: PartnerCategory;
  /** Their private kit link, offered when they need the "who is a fit" part again. */
  kitUrl?: string | undefined;
  /**
   * A testimonial from them is on file (in any consent state), or one was asked for in writing.
   * Left out (not known), no testimonial to-do is made for them.
   */
  testimonialAsked?: boolean | undefined;
}

export interface ReportInput {
  today: string;
  followUp: FollowUpSettings;
  partners: readonly ReportPartner[];
  ledger: LedgerData;
}

/**
 * The kinds of to-do, most urgent first. A prospect waiting for a first reply cools by the day;
 * a partner waiting to hear the outcome, then to be thanked, is owed what the kit promised them;
 * giving back and re-educating keep a relationship healthy; asking again can wait a day.
 */
export const actions = ['contact', 'share-outcome', 'thank', 'give-back', 're-educate', 'ask', 'ask-testimonial'] as const;
export type Action = (typeof actions)[number];

/** "Give back" looks at this many days: today and the 364 before it. */
export const giveBackWindowDays = 365;
/** Introductions from one partner in that window that call for one in return. */
export const giveBackAfter = 2;
/** Introductions won from one partner before asking them for a testimonial: they have seen the work. */
export const testimonialAfterWon = 1;
/** Referrals from one partner before their share of poor fits means anything. */
export const reeducateAfter = 3;

export interface TodoItem {
  action: Action;
  partner: string;
  partner_name: string;
  /** The person introduced, for the actions about one introduction. */
  prospect: string | null;
  status: ReferralStatus | null;
  /** The date the item counts from: the introduction, or the last ask or introduction. */
  since: string | null;
  /** Days since then; null for a partner never asked. */
  days: number | null;
  /** What to do, naming who: "Contact Dana Wu". */
  title: string;
  /** Why, in a few words. */
  why: string;
  /** Where to act, when there is a place: their kit's "who to introduce" section. */
  link: string | null;
}

export interface SourceStats {
  received: number;
  /** Not decided yet: introduced, contacted or meeting. */
  open: number;
  won: number;
  lost: number;
  not_a_fit: number;
  unreachable: number;
  /** won / decided (won, lost, not a fit, unreachable); null before anything is decided. */
  win_rate: number | null;
  /** not a fit / decided. */
  not_a_fit_rate: number | null;
  value_won: number;
  last_introduction: string | null;
  days_since_last_introduction: number | null;
  /** Introductions you gave them. */
  given: number;
}

export interface PartnerSource extends SourceStats {
  partner: string;
  name: string;
  category: PartnerCategory;
}

export interface CategorySource extends SourceStats {
  category: PartnerCategory;
  partners: number;
}

export interface MonthCount {
  /** YYYY-MM */
  month: string;
  received: number;
  won: number;
}

export interface FollowUpReport {
  today: string;
  settings: FollowUpSettings;
  todo: TodoItem[];
  sources: {
    partners: PartnerSource[];
    categories: CategorySource[];
    total: SourceStats & { partners: number };
  };
  /** Introductions received per month over the last twelve, oldest first (won by their status today). */
  months: MonthCount[];
}

const statusWords: Record<ReferralStatus, string> = {
  introduced: 'introduced',
  contacted: 'contacted',
  meeting: 'meeting',
  won: 'won',
  lost: 'lost',
  'not-a-fit': 'not a fit',
  unreachable: 'unreachable',
};

export function statusLabel(status: ReferralStatus): string {
  return statusWords[status];
}

/** "today", "yesterday", "3 days ago". */
export function daysAgo(days: number): string {
  if (days <= 0) return 'today';
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

function isClosed(status: ReferralStatus): boolean {
  return closedStatuses.includes(status);
}

function todoItems(input: ReportInput): TodoItem[] {
  const { today, followUp, ledger } = input;
  const partners = new Map(input.partners.map((partner) => [partner.slug, partner]));
  const nameOf = (slug: string) => partners.get(slug)?.name ?? slug;
  const items: TodoItem[] = [];
  const item = (fields: Partial<TodoItem> & Pick<TodoItem, 'action' | 'partner' | 'title' | 'why'>): TodoItem => ({
    partner_name: nameOf(fields.partner),
    prospect: null,
    status: null,
    since: null,
    days: null,
    link: null,
    ...fields,
  });

  for (const entry of ledger.received) {
    const days = daysBetween(entry.date, today);
    const about = { partner: entry.from, prospect: entry.prospect, status: entry.status, since: entry.date, days };
    const verb = entry.kind === 'referral' ? 'referred' : 'introduced';
    if (entry.status === 'introduced' && !entry.contacted && days >= followUp.contact_within_days) {
      items.push(
        item({
          action: 'contact',
          ...about,
          title: `Contact ${entry.prospect}`,
          why: `${verb} by ${nameOf(entry.from)} ${daysAgo(days)}, not contacted yet (you aim for ${plural(followUp.contact_within_days, 'day')})`,
        }),
      );
    }
    if (isClosed(entry.status) && !entry.outcome_shared) {
      items.push(
        item({
          action: 'share-outcome',
          ...about,
          title: `Tell ${nameOf(entry.from)} how it went with ${entry.prospect}`,
          why: `${statusLabel(entry.status)}; ${verb} ${daysAgo(days)}, and they have not heard yet`,
        }),
      );
    }
    if (!entry.thanked) {
      items.push(
        item({
          action: 'thank',
          ...about,
          title: `Thank ${nameOf(entry.from)} for ${entry.kind === 'referral' ? 'referring' : 'introducing'} ${entry.prospect}`,
          why: `${verb} ${daysAgo(days)}, not thanked yet`,
        }),
      );
    }
  }

  for (const partner of input.partners) {
    const received = ledger.received.filter((entry) => entry.from === partner.slug);
    const recent = (date: string) => daysBetween(date, today) < giveBackWindowDays;

    const recentReceived = received.filter((entry) => recent(entry.date));
    const recentGiven = ledger.given.filter((entry) => entry.to === partner.slug && recent(entry.date));
    if (recentReceived.length >= giveBackAfter && !recentGiven.length) {
      const latest = maxDate(recentReceived.map((entry) => entry.date))!;
      items.push(
        item({
          action: 'give-back',
          partner: partner.slug,
          since: latest,
          days: daysBetween(latest, today),
          title: `Give back to ${partner.name}`,
          why: `${plural(recentReceived.length, 'introduction')} from them in the last ${giveBackWindowDays} days, none from you yet`,
        }),
      );
    }

    const reeducated = maxDate(ledger.asks.filter((ask) => ask.partner === partner.slug && ask.reeducated).map((ask) => ask.date));
    const counted = reeducated ? received.filter((entry) => entry.date > reeducated) : received;
    const poorFits = counted.filter((entry) => entry.status === 'not-a-fit').length;
    if (counted.length >= reeducateAfter && poorFits * 2 > counted.length) {
      items.push(
        item({
          action: 're-educate',
          partner: partner.slug,
          since: reeducated ?? null,
          title: `Re-educate ${partner.name}`,
          why: `${poorFits} of ${counted.length} referrals${reeducated ? ` since you last did (${reeducated})` : ''} were not a fit: send them the “who is a fit” part of their kit again`,
          link: partner.kitUrl ? `${partner.kitUrl}#who` : null,
        }),
      );
    }

    const last = maxDate([...ledger.asks.filter((ask) => ask.partner === partner.slug).map((ask) => ask.date), ...received.map((entry) => entry.date)]);
    const sinceLast = last ? daysBetween(last, today) : null;
    if (sinceLast === null || sinceLast >= followUp.ask_again_after_days) {
      items.push(
        item({
          action: 'ask',
          partner: partner.slug,
          since: last ?? null,
          days: sinceLast,
          title: last ? `Ask ${partner.name} for introductions again` : `Ask ${partner.name} for introductions`,
          why: last ? `last ask or introduction ${daysAgo(sinceLast!)} (${last}); you ask every ${plural(followUp.ask_again_after_days, 'day')}` : 'never asked',
        }),
      );
    }
  }

  // A partner whose introductions turned into clients has seen the work: the moment to ask for a
  // sentence about it, once, unless one is on file or was asked for already.
  for (const partner of input.partners) {
    if (partner.testimonialAsked !== false) continue;
    const won = ledger.received.filter((entry) => entry.from === partner.slug && entry.status === 'won');
    if (won.length < testimonialAfterWon) continue;
    const latest = maxDate(won.map((entry) => entry.date))!;
    items.push(
      item({
        action: 'ask-testimonial',
        partner: partner.slug,
        since: latest,
        days: daysBetween(latest, today),
        title: `Ask ${partner.name} for a testimonial`,
        why: `${plural(won.length, 'introduction')} from them became ${won.length === 1 ? 'a client' : 'clients'}, and you have no testimonial from them yet`,
      }),
    );
  }

  const rank = (action: Action) => actions.indexOf(action);
  // Within a kind, whoever has waited longest comes first; "never asked" is the longest wait.
  const waited = (entry: TodoItem) => entry.days ?? Number.POSITIVE_INFINITY;
  return items.sort((a, b) => rank(a.action) - rank(b.action) || waited(b) - waited(a) || compareText(a.partner_name, b.partner_name) || compareText(a.prospect ?? '', b.prospect ?? ''));
}

function maxDate(dates: readonly string[]): string | undefined {
  return dates.reduce<string | undefined>((latest, date) => (latest === undefined || date > latest ? date : latest), undefined);
}

function stats(received: readonly ReceivedEntry[], given: number, today: string): SourceStats {
  const count = (status: ReferralStatus) => received.filter((entry) => entry.status === status).length;
  const won = count('won');
  const lost = count('lost');
  const notAFit = count('not-a-fit');
  const unreachable = count('unreachable');
  const decided = won + lost + notAFit + unreachable;
  const last = maxDate(received.map((entry) => entry.date)) ?? null;
  return {
    received: received.length,
    open: received.length - decided,
    won,
    lost,
    not_a_fit: notAFit,
    unreachable,
    win_rate: decided ? won / decided : null,
    not_a_fit_rate: decided ? notAFit / decided : null,
    value_won: received.filter((entry) => entry.status === 'won').reduce((sum, entry) => sum + (entry.value ?? 0), 0),
    last_introduction: last,
    days_since_last_introduction: last ? Math.max(0, daysBetween(last, today)) : null,
    given,
  };
}

/** Busiest sources first. */
function bySourceSize(a: SourceStats, b: SourceStats): number {
  return b.received - a.received || b.won - a.won || b.value_won - a.value_won;
}

function months(ledger: LedgerData, today: string): MonthCount[] {
  const counts: MonthCount[] = [];
  const [year, month] = today.split('-').map(Number) as [number, number];
  for (let back = 11; back >= 0; back--) {
    const date = new Date(Date.UTC(year, month - 1 - back, 1));
    counts.push({ month: date.toISOString().slice(0, 7), received: 0, won: 0 });
  }
  for (const entry of ledger.received) {
    const bucket = counts.find((count) => count.month === entry.date.slice(0, 7));
    if (!bucket) continue;
    bucket.received++;
    if (entry.status === 'won') bucket.won++;
  }
  return counts;
}

export function followUpReport(input: ReportInput): FollowUpReport {
  const { ledger, today } = input;
  const receivedFrom = (slugs: ReadonlySet<string>) => ledger.received.filter((entry) => slugs.has(entry.from));
  const givenTo = (slugs: ReadonlySet<string>) => ledger.given.filter((entry) => slugs.has(entry.to)).length;

  const partners: PartnerSource[] = input.partners
    .map((partner) => {
      const only = new Set([partner.slug]);
      return { partner: partner.slug, name: partner.name, category: partner.category, ...stats(receivedFrom(only), givenTo(only), today) };
    })
    .sort((a, b) => bySourceSize(a, b) || compareText(a.name, b.name));

  const categories: CategorySource[] = partnerCategories
    .map((category) => {
      const members = new Set(input.partners.filter((partner) => partner.category === category).map((partner) => partner.slug));
      return { category, partners: members.size, ...stats(receivedFrom(members), givenTo(members), today) };
    })
    .filter((category) => category.partners > 0)
    .sort((a, b) => bySourceSize(a, b) || partnerCategories.indexOf(a.category) - partnerCategories.indexOf(b.category));

  const everyone = new Set(input.partners.map((partner) => partner.slug));
  return {
    today,
    settings: { ...input.followUp },
    todo: todoItems(input),
    sources: {
      partners,
      categories,
      total: { partners: everyone.size, ...stats(receivedFrom(everyone), givenTo(everyone), today) },
    },
    months: months(ledger, today),
  };
}
