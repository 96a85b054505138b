/**
 * `referral-kit update "<prospect>"`: moves an introduction along (status, value, the dates you
 * contacted the prospect, told the partner the outcome, thanked them) without opening the ledger.
 * Only the changed values are touched; every comment stays.
 */
import { defineCommand, type ArgsDef } from 'citty';
import { localToday } from '../kit/dates.ts';
import { didYouMean, displayPath, quote, type Diagnostic } from '../kit/diagnostics.ts';
import { printable } from '../kit/text.ts';
import { positionAt } from '../kit/yaml-source.ts';
import { changeFile, setFields, type Fields } from '../ledger/edit.ts';
import { prospectKey } from '../ledger/load.ts';
import { statusLabel } from '../ledger/report.ts';
import { closedStatuses, entrySchemasFor, referralStatuses, type ReceivedEntry } from '../schemas/ledger.ts';
import { checkBeforeEdit, checkOptions, dateFromOption, reportLedgerErrors, type LedgerSetup } from './ledger.ts';
import { CliError } from './cli-error.ts';
import { readContent } from '../kit/load.ts';
import { contentOption, rejectUnknown, requireContentFolder, unknownPartnerMessage } from './options.ts';

const args = {
  ...contentOption,
  prospect: { type: 'positional', description: 'The person introduced to you, as in referrals.yaml (any capitalisation)', required: true, valueHint: 'name' },
  from: { type: 'string', description: 'The partner who introduced them, when several did (their slug)', valueHint: 'slug' },
  status: { type: 'string', description: `Where it stands now: ${referralStatuses.join(', ')}`, valueHint: 'status' },
  value: { type: 'string', description: 'What the work is worth, a plain number like 4800', valueHint: 'number' },
  contacted: { type: 'boolean', description: 'You got in touch with the prospect (sets contacted, and status contacted if it was introduced)' },
  'outcome-shared': { type: 'boolean', description: 'You told the partner how it went (sets outcome_shared)' },
  thanked: { type: 'boolean', description: 'You thanked the partner (sets thanked)' },
  date: { type: 'string', description: 'The date for --contacted, --outcome-shared and --thanked (default: today; also replaces a date already set)', valueHint: 'YYYY-MM-DD' },
} satisfies ArgsDef;

const dateFlags = [
  ['contacted', 'contacted'],
  ['outcome-shared', 'outcome_shared'],
  ['thanked', 'thanked'],
] as const;

/** Accents aside: `Ines` finds `Inês`. */
function looseKey(name: string): string {
  return prospectKey(name).normalize('NFD').replace(/\p{M}/gu, '');
}

type Match = { index: number; entry: ReceivedEntry };

/** The introduction the owner means, or why it is not clear. */
function findEntry(setup: LedgerSetup, received: readonly ReceivedEntry[], prospect: string, from: string | undefined, lineOf: (index: number) => number): Match | { problem: string } {
  const all = received.map((entry, index) => ({ index, entry }));
  let matches = all.filter(({ entry }) => prospectKey(entry.prospect) === prospectKey(prospect));
  if (!matches.length) matches = all.filter(({ entry }) => looseKey(entry.prospect) === looseKey(prospect));
  if (!matches.length) {
    const names = [...new Set(received.map((entry) => entry.prospect))];
    const guess = didYouMean(prospect, names);
    return { problem: `no introduction of ${quote(prospect)} in the ledger${guess ? `: did you mean ${quote(guess)}?` : received.length ? '' : ' yet: log it with `referral-kit log intro`'}` };
  }
  if (from !== undefined) {
    const fromThem = matches.filter(({ entry }) => entry.from === from);
    if (!fromThem.length) {
      if (!setup.ledger.context.partners.includes(from)) return { problem: unknownPartnerMessage(from, setup.ledger.context.partners) };
      return { problem: `no introduction of ${quote(prospect)} from ${from}; it came from ${[...new Set(matches.map(({ entry }) => entry.from))].join(', ')}` };
    }
    matches = fromThem;
  }
  const partners = new Set(matches.map(({ entry }) => entry.from));
  if (partners.size > 1) {
    const listed = matches.map(({ index, entry }) => `${entry.from} on ${entry.date} (line ${lineOf(index)})`).join(', ');
    return { problem: `${matches.length} introductions of ${quote(prospect)}: ${listed}; say which with --from <slug>` };
  }
  // The same partner introducing the same person twice: the latest introduction is the live one.
  const latest = matches.reduce((a, b) => (b.entry.date >= a.entry.date ? b : a));
  if (matches.filter(({ entry }) => entry.date === latest.entry.date).length > 1) {
    return { problem: `${quote(prospect)} is in the ledger twice for the same day (lines ${matches.map(({ index }) => lineOf(index)).join(', ')}); update it by hand` };
  }
  return latest;
}

/** `4800`, `4,800` or `4800.50` as a number; undefined when it is not one. */
function parseValue(value: string): number | undefined {
  const compact = value.trim();
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(compact)) return undefined;
  return Number(compact.replace(/,/g, ''));
}

interface Change {
  field: string;
  from: unknown;
  to: string | number;
}

export const updateCommand = defineCommand({
  meta: { name: 'update', description: 'Update an introduction in referrals.yaml: its status, value, and when you followed up' },
  args,
  async run({ args: parsed }) {
    rejectUnknown(parsed, args);
    const prospect = parsed.prospect.trim();
    const flags = dateFlags.filter(([flag]) => parsed[flag]);
    if (parsed.status === undefined && parsed.value === undefined && !flags.length) {
      throw new CliError('nothing to update: pass --status, --value, --contacted, --outcome-shared or --thanked');
    }
    if (parsed.date !== undefined && !flags.length) {
      throw new CliError('--date is the date for --contacted, --outcome-shared or --thanked; pass one of them');
    }
    const today = localToday();
    const date = dateFromOption('date', parsed.date, today);
    let value: number | undefined;
    if (parsed.value !== undefined) {
      value = parseValue(parsed.value);
      if (value === undefined) {
        throw new CliError(`--value: must be a plain number, like 4800 (got ${quote(parsed.value)})`);
      }
    }
    const setup = await readContent(parsed.content, ['kitFile', 'partners', 'ledger'], { today });
    requireContentFolder(setup);
    const status = parsed.status?.trim();
    const wanted: Record<string, unknown> = {};
    if (status !== undefined) wanted.status = status;
    if (value !== undefined) wanted.value = value;
    const optionNames = { status: '--status', value: '--value' };
    checkOptions(entrySchemasFor(setup.ledger.context).received.pick({ status: true, value: true }).partial(), wanted, optionNames);

    let errors: Diagnostic[] = [];
    // No changes (the values are already there) leave the text as it was: nothing is written.
    const changed = await changeFile<{ match: Match; changes: Change[]; kept: string[]; line: number }>(setup.ledger.file, '', (text, existed) => {
      if (!existed) return { problem: `no ${displayPath(setup.ledger.file)} yet: log the introduction first, with referral-kit log intro --from <partner> --prospect ${quote(prospect)}` };
      const checked = checkBeforeEdit(setup, text);
      errors = checked.errors;
      const { data, source } = checked.ledger;
      if (errors.length || !data || !source) return { problem: 'the ledger has errors' };
      const lineOf = (index: number) => positionAt(source, ['received', index]).line;
      const match = findEntry(setup, data.received, prospect, parsed.from?.trim(), lineOf);
      if ('problem' in match) return match;
      const { entry } = match;
      const fields: Fields = [];
      const changes: Change[] = [];
      const kept: string[] = [];
      const set = (field: keyof ReceivedEntry, to: string | number) => {
        if (entry[field] === to) return;
        fields.push([field, to]);
        changes.push({ field, from: entry[field], to });
      };
      if (status !== undefined) set('status', status);
      if (value !== undefined) set('value', value);
      for (const [, field] of flags) {
        // A date already there is kept unless --date says otherwise: running the command twice changes nothing.
        if (entry[field] && parsed.date === undefined) kept.push(`${field}: already ${entry[field]} (pass --date to change it)`);
        else set(field, date);
      }
      if (parsed.contacted && status === undefined && entry.status === 'introduced') set('status', 'contacted');
      const line = lineOf(match.index);
      if (!fields.length) return { text, result: { match, changes, kept, line } };
      const edited = setFields(text, match.index, fields);
      if ('problem' in edited) return { problem: `${displayPath(setup.ledger.file)}: ${edited.problem}; nothing was written` };
      return { text: edited.text, result: { match, changes, kept, line } };
    });
    if (errors.length) reportLedgerErrors(setup.ledger.file, errors);
    if ('problem' in changed) throw new CliError(changed.problem);
    const { match, changes, kept, line } = changed.result;
    if (!changes.length) {
      console.log(`Nothing to change: ${quote(prospect)} already has those values.`);
      for (const note of kept) console.log(`  ${note}`);
      return;
    }
    const partner = printable(setup.partners.partners.find((p) => p.slug === match.entry.from)?.data.name ?? match.entry.from);
    console.log(`✓ Updated ${quote(match.entry.prospect)} (introduced by ${partner} on ${match.entry.date}) in ${displayPath(setup.ledger.file)}:${line}`);
    for (const { field, from, to } of changes) console.log(`  ${field}: ${from === undefined ? '' : `${printable(String(from))} → `}${to}`);
    for (const note of kept) console.log(`  ${note}`);
    const now = (changes.find((c) => c.field === 'status')?.to ?? match.entry.status) as ReceivedEntry['status'];
    const shared = match.entry.outcome_shared || changes.some((c) => c.field === 'outcome_shared');
    if (closedStatuses.includes(now) && !shared) {
      console.log(`  Tell ${partner} it is ${statusLabel(now)}, then: referral-kit update ${quote(match.entry.prospect)} --outcome-shared`);
    }
  },
});

export const updateExamples = [
  'referral-kit update "Dana Wu" --contacted',
  'referral-kit update "Dana Wu" --status won --value 4800',
  'referral-kit update "Dana Wu" --outcome-shared --thanked',
  'referral-kit update "Lee Park" --from omar-haddad --status not-a-fit',
];
