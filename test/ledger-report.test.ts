import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isCalendarDate, localToday } from '../src/kit/dates.ts';
import { followUpReport, type ReportInput, type ReportPartner, type TodoItem } from '../src/ledger/report.ts';
import { renderTextReport, todoLine } from '../src/ledger/render-text.ts';
import { ledgerSchemaFor, type LedgerData } from '../src/schemas/ledger.ts';

const today = '2026-10-10';
const ago = (days: number) => addDays(today, -days);

const partners: ReportPartner[] = [
  { slug: 'jane', name: 'Jane Smith', category: 'client', kitUrl: 'https://example.com/kit/JANE/' },
  { slug: 'omar', name: 'Omar Haddad', category: 'colleague' },
  { slug: 'lee', name: 'Lee Park', category: 'client' },
];

/** A ledger as the schema reads it: defaults filled in. Every partner was asked today unless said otherwise. */
function ledger(data: { received?: object[]; given?: object[]; asks?: object[] }): LedgerData {
  const asks = data.asks ?? partners.map((partner) => ({ date: today, partner: partner.slug }));
  return ledgerSchemaFor().parse({ received: data.received ?? [], given: data.given ?? [], asks });
}

function report(data: Parameters<typeof ledger>[0], settings = { contact_within_days: 2, ask_again_after_days: 90 }) {
  const input: ReportInput = { today, followUp: settings, partners, ledger: ledger(data) };
  return followUpReport(input);
}

/** "thank jane Dana" for each to-do, in order. */
function todo(data: Parameters<typeof ledger>[0], settings?: Parameters<typeof report>[1]): string[] {
  return report(data, settings).todo.map((item: TodoItem) => [item.action, item.partner, item.prospect].filter(Boolean).join(' '));
}

/** An introduction with everything done, so only the field under test makes a to-do. */
const done = { kind: 'introduction', status: 'won', contacted: today, outcome_shared: today, thanked: today };

describe('dates', () => {
  it('counts whole calendar days, across month ends, leap days and clock changes', () => {
    expect(daysBetween('2026-10-02', '2026-10-03')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-03', '2026-10-02')).toBe(-1);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it("knows which dates exist, and what today is on this computer's clock", () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    // 23:30 local time is still that day, whatever the date is in UTC.
    expect(localToday(new Date(2026, 9, 2, 23, 30))).toBe('2026-10-02');
    expect(localToday(new Date(2026, 9, 3, 0, 5))).toBe('2026-10-03');
  });
});

describe('to do: contact the prospect', () => {
  const intro = (days: number, extra: object = {}) => ({ ...done, date: ago(days), from: 'jane', prospect: 'Dana Wu', status: 'introduced', contacted: undefined, ...extra });

  it('is due contact_within_days after the introduction, not a day before', () => {
    expect(todo({ received: [intro(1)] })).toEqual([]);
    expect(todo({ received: [intro(2)] })).toEqual(['contact jane Dana Wu']);
    expect(todo({ received: [intro(30)] })).toEqual(['contact jane Dana Wu']);
  });

  it('follows the setting, including 0 for the same day', () => {
    expect(todo({ received: [intro(0)] }, { contact_within_days: 0, ask_again_after_days: 90 })).toEqual(['contact jane Dana Wu']);
    expect(todo({ received: [intro(4)] }, { contact_within_days: 5, ask_again_after_days: 90 })).toEqual([]);
    expect(todo({ received: [intro(5)] }, { contact_within_days: 5, ask_again_after_days: 90 })).toEqual(['contact jane Dana Wu']);
  });

  it('is done once the prospect is contacted, by status or by date', () => {
    expect(todo({ received: [intro(9, { status: 'contacted' })] })).toEqual([]);
    expect(todo({ received: [intro(9, { status: 'meeting' })] })).toEqual([]);
    expect(todo({ received: [intro(9, { contacted: ago(8) })] })).toEqual([]);
  });

  it('says who, who introduced them, and why', () => {
    const [item] = report({ received: [intro(3)] }).todo;
    expect(todoLine(item!)).toBe('Contact Dana Wu: introduced by Jane Smith 3 days ago, not contacted yet (you aim for 2 days)');
    expect(item).toMatchObject({ since: ago(3), days: 3, status: 'introduced', partner_name: 'Jane Smith' });
  });
});

describe('to do: tell the partner the outcome', () => {
  const closed = (status: string, extra: object = {}) => ({ ...done, date: ago(20), from: 'omar', prospect: 'Lee', status, outcome_shared: undefined, ...extra });

  it.each(['won', 'lost', 'not-a-fit', 'unreachable'])('is due for an introduction that is %s and not shared', (status) => {
    expect(todo({ received: [closed(status)] })).toEqual(['share-outcome omar Lee']);
  });

  it.each(['introduced', 'contacted', 'meeting'])('waits while it is %s', (status) => {
    expect(todo({ received: [closed(status, { contacted: ago(19) })] })).toEqual([]);
  });

  it('is done once shared', () => {
    expect(todo({ received: [closed('won', { outcome_shared: ago(1) })] })).toEqual([]);
    expect(todoLine(report({ received: [closed('not-a-fit')] }).todo[0]!)).toBe('Tell Omar Haddad how it went with Lee: not a fit; introduced 20 days ago, and they have not heard yet');
  });
});

describe('to do: thank the partner', () => {
  it('is due from the day of the introduction until thanked', () => {
    const entry = { ...done, date: today, from: 'lee', prospect: 'Sam', status: 'contacted', thanked: undefined };
    expect(todo({ received: [entry] })).toEqual(['thank lee Sam']);
    expect(todo({ received: [{ ...entry, thanked: today }] })).toEqual([]);
    expect(todoLine(report({ received: [{ ...entry, kind: 'referral' }] }).todo[0]!)).toBe('Thank Lee Park for referring Sam: referred today, not thanked yet');
  });
});

describe('to do: ask again', () => {
  const asked = (days: number) => [
    { date: ago(days), partner: 'jane' },
    { date: today, partner: 'omar' },
    { date: today, partner: 'lee' },
  ];

  it('is due ask_again_after_days after the last ask, not a day before', () => {
    expect(todo({ asks: asked(89) })).toEqual([]);
    expect(todo({ asks: asked(90) })).toEqual(['ask jane']);
    expect(todo({ asks: asked(89) }, { contact_within_days: 2, ask_again_after_days: 30 })).toEqual(['ask jane']);
  });

  it('counts an introduction from them like an ask', () => {
    const received = [{ ...done, date: ago(10), from: 'jane', prospect: 'Dana' }];
    expect(todo({ asks: asked(200), received })).toEqual([]);
    expect(todo({ asks: asked(80), received: [{ ...received[0]!, date: ago(95) }] })).toEqual([]);
    expect(todo({ asks: asked(95), received: [{ ...received[0]!, date: ago(90) }] })).toEqual(['ask jane']);
  });

  it('is due for a partner never asked, first among the asks', () => {
    const asks = [
      { date: ago(300), partner: 'omar' },
      { date: today, partner: 'lee' },
    ];
    expect(todo({ asks })).toEqual(['ask jane', 'ask omar']);
    const [never, old] = report({ asks }).todo;
    expect(todoLine(never!)).toBe('Ask Jane Smith for introductions: never asked');
    expect(todoLine(old!)).toBe(`Ask Omar Haddad for introductions again: last ask or introduction 300 days ago (${ago(300)}); you ask every 90 days`);
  });
});

describe('to do: give back', () => {
  const from = (slug: string, ...days: number[]) => days.map((d, i) => ({ ...done, date: ago(d), from: slug, prospect: `P${i}` }));

  it('is due after 2 introductions in the last 365 days with none given back', () => {
    expect(todo({ received: from('omar', 10) })).toEqual([]);
    expect(todo({ received: from('omar', 10, 364) })).toEqual(['give-back omar']);
    // 365 days ago is outside the window: today and the 364 days before it.
    expect(todo({ received: from('omar', 10, 365) })).toEqual([]);
  });

  it('is done by an introduction given in the same window, not an older one', () => {
    expect(todo({ received: from('omar', 10, 20), given: [{ date: ago(364), to: 'omar', prospect: 'X' }] })).toEqual([]);
    expect(todo({ received: from('omar', 10, 20), given: [{ date: ago(365), to: 'omar', prospect: 'X' }] })).toEqual(['give-back omar']);
    expect(todo({ received: from('omar', 10, 20), given: [{ date: ago(1), to: 'jane', prospect: 'X' }] })).toEqual(['give-back omar']);
    expect(todoLine(report({ received: from('omar', 10, 20, 30) }).todo[0]!)).toBe('Give back to Omar Haddad: 3 introductions from them in the last 365 days, none from you yet');
  });
});

describe('to do: re-educate', () => {
  const referrals = (...statuses: string[]) => statuses.map((status, i) => ({ ...done, date: ago(100 + i), from: 'jane', prospect: `P${i}`, status }));
  const only = (data: Parameters<typeof todo>[0]) => todo(data).filter((line) => line.startsWith('re-educate'));

  it('is due when most of 3 or more referrals were not a fit', () => {
    expect(only({ received: referrals('not-a-fit', 'not-a-fit') })).toEqual([]);
    expect(only({ received: referrals('not-a-fit', 'not-a-fit', 'won') })).toEqual(['re-educate jane']);
    expect(only({ received: referrals('not-a-fit', 'not-a-fit', 'won', 'won') })).toEqual([]);
    expect(only({ received: referrals('not-a-fit', 'not-a-fit', 'won', 'meeting') })).toEqual([]);
    expect(only({ received: referrals('not-a-fit', 'not-a-fit', 'not-a-fit', 'won', 'lost') })).toEqual(['re-educate jane']);
  });

  it('links to the "who to introduce" part of their kit', () => {
    const item = report({ received: referrals('not-a-fit', 'not-a-fit', 'won') }).todo.find((entry) => entry.action === 're-educate')!;
    expect(todoLine(item)).toBe('Re-educate Jane Smith: 2 of 3 referrals were not a fit: send them the “who is a fit” part of their kit again → https://example.com/kit/JANE/#who');
  });

  it('counts only referrals after the last ask marked reeducated', () => {
    const received = referrals('not-a-fit', 'not-a-fit', 'not-a-fit');
    const asks = (date: string) => [
      { date, partner: 'jane', reeducated: true },
      { date: today, partner: 'omar' },
      { date: today, partner: 'lee' },
    ];
    expect(only({ received, asks: asks(ago(50)) })).toEqual([]);
    expect(only({ received, asks: asks(ago(103)) })).toEqual(['re-educate jane']);
    expect(only({ received, asks: asks(ago(101)) })).toEqual([]);
    // A plain ask is not a re-education.
    expect(only({ received, asks: [{ date: ago(50), partner: 'jane' }] })).toEqual(['re-educate jane']);
  });
});

describe('to do: ask for a testimonial', () => {
  const asked = (jane: boolean | undefined) => partners.map((partner) => (partner.slug === 'jane' ? { ...partner, testimonialAsked: jane } : partner));
  const withWon = (jane: boolean | undefined, status = 'won') =>
    followUpReport({
      today,
      followUp: { contact_within_days: 2, ask_again_after_days: 90 },
      partners: asked(jane),
      ledger: ledger({ received: [{ ...done, date: ago(5), from: 'jane', prospect: 'Dana', status }] }),
    }).todo.filter((item) => item.action === 'ask-testimonial');

  it('is due for a partner whose introduction was won, with no testimonial from them and none asked for', () => {
    expect(withWon(false).map((item) => [item.partner, item.title, item.since])).toEqual([['jane', 'Ask Jane Smith for a testimonial', ago(5)]]);
  });

  it('is not due once a testimonial is on file or was asked for, before a win, or when it is not known', () => {
    expect(withWon(true)).toEqual([]);
    expect(withWon(false, 'meeting')).toEqual([]);
    expect(withWon(undefined)).toEqual([]);
  });
});

describe('the to-do list', () => {
  it('puts the most urgent kind first, then whoever waited longest', () => {
    const received = [
      { date: ago(40), from: 'jane', prospect: 'Old', status: 'won', contacted: ago(39) },
      { date: ago(3), from: 'omar', prospect: 'New', status: 'introduced' },
      { date: ago(9), from: 'lee', prospect: 'Waiting', status: 'introduced' },
      { date: ago(50), from: 'lee', prospect: 'Fit?', status: 'not-a-fit', contacted: ago(49), thanked: ago(49) },
    ];
    expect(todo({ received, asks: [{ date: ago(100), partner: 'jane' }] })).toEqual([
      'contact lee Waiting',
      'contact omar New',
      'share-outcome lee Fit?',
      'share-outcome jane Old',
      'thank jane Old',
      'thank lee Waiting',
      'thank omar New',
      'give-back lee',
    ]);
  });

  it('renders one line per item, with control characters escaped', () => {
    // The schema refuses control characters in the ledger; the terminal is protected all the same.
    const ledgerData = ledger({ received: [{ date: today, from: 'jane', prospect: 'Evil', status: 'contacted' }] });
    ledgerData.received[0]!.prospect = 'Evil\u001b[2J\u009b31m';
    const text = renderTextReport(followUpReport({ today, followUp: { contact_within_days: 2, ask_again_after_days: 90 }, partners, ledger: ledgerData }), {
      owner: 'Maya',
      language: 'en',
      hasLedger: true,
    });
    expect(text).toContain('1. Thank Jane Smith for introducing Evil\\u001b[2J\\u009b31m: introduced today, not thanked yet');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('sources', () => {
  const received = [
    { date: ago(5), from: 'jane', prospect: 'A', status: 'won', value: 4800 },
    { date: ago(50), from: 'jane', prospect: 'B', status: 'won', value: 1200.5 },
    { date: ago(60), from: 'jane', prospect: 'C', status: 'not-a-fit', value: 999 },
    { date: ago(70), from: 'jane', prospect: 'D', status: 'meeting' },
    { date: ago(8), from: 'lee', prospect: 'E', status: 'lost' },
    { date: ago(9), from: 'omar', prospect: 'F', status: 'unreachable' },
  ];

  it('counts per partner: received, won, rates of decided ones, value won, last introduction, given back', () => {
    const sources = report({ received, given: [{ date: ago(3), to: 'jane', prospect: 'G' }] }).sources;
    expect(sources.partners[0]).toEqual({
      partner: 'jane',
      name: 'Jane Smith',
      category: 'client',
      received: 4,
      open: 1,
      won: 2,
      lost: 0,
      not_a_fit: 1,
      unreachable: 0,
      win_rate: 2 / 3,
      not_a_fit_rate: 1 / 3,
      value_won: 6000.5,
      last_introduction: ago(5),
      days_since_last_introduction: 5,
      given: 1,
    });
    expect(sources.partners.map((p) => p.partner)).toEqual(['jane', 'lee', 'omar']);
  });

  it('adds up partners of the same category, and everyone', () => {
    const { categories, total } = report({ received }).sources;
    expect(categories.map((c) => [c.category, c.partners, c.received, c.won, c.win_rate, c.days_since_last_introduction])).toEqual([
      ['client', 2, 5, 2, 0.5, 5],
      ['colleague', 1, 1, 0, 0, 9],
    ]);
    expect(total).toMatchObject({ partners: 3, received: 6, won: 2, value_won: 6000.5, open: 1 });
  });

  it('has no rate before anything is decided, and no last introduction before the first', () => {
    const { partners: rows } = report({ received: [{ date: ago(1), from: 'omar', prospect: 'X', status: 'contacted' }] }).sources;
    expect(rows.find((p) => p.partner === 'omar')).toMatchObject({ win_rate: null, not_a_fit_rate: null, open: 1 });
    expect(rows.find((p) => p.partner === 'lee')).toMatchObject({ received: 0, last_introduction: null, days_since_last_introduction: null });
  });

  it('counts introductions per month over the last twelve', () => {
    const { months } = report({ received });
    expect(months).toHaveLength(12);
    expect(months[0]!.month).toBe('2025-11');
    expect(months.at(-1)).toEqual({ month: '2026-10', received: 3, won: 1 });
    expect(months.reduce((sum, m) => sum + m.received, 0)).toBe(6);
  });
});
