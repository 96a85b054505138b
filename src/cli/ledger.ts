/** What `log`, `update` and `report` share: the partners and ledger of a content folder, dates, and option checks. */
import { relative, sep } from 'node:path';
import type { ArgsDef } from 'citty';
import type { z } from 'zod';
import { addDays, isCalendarDate, localToday } from '../kit/dates.ts';
import { didYouMean, displayPath, quote, type Diagnostic } from '../kit/diagnostics.ts';
import type { ContentReading } from '../kit/load.ts';
import type { CheckedLedger } from '../ledger/load.ts';
import { plural } from '../kit/text.ts';
import { jsonSchemaFile } from '../schemas/json-schema.ts';
import { futureGraceDays } from '../schemas/ledger.ts';
import { CliError } from './cli-error.ts';
import { rejectUnknown, reportDiagnostics } from './options.ts';

export const dateOption = {
  type: 'string',
  description: 'The date, as YYYY-MM-DD (default: today)',
  valueHint: 'YYYY-MM-DD',
} as const;

/** `--date` or `--today` checked: a real date, and not in the future unless `future` allows it. */
export function dateFromOption(option: string, value: string | undefined, today: string, future = false): string {
  if (value === undefined) return today;
  const date = value.trim();
  if (!isCalendarDate(date)) {
    throw new CliError(`--${option}: must be a date like 2026-10-02 (got ${quote(value)})`);
  }
  if (!future && date > addDays(today, futureGraceDays)) {
    throw new CliError(`--${option}: ${date} is in the future (today is ${today})`);
  }
  return date;
}

/**
 * How `log` and `testimonial` commands start: the command stops on an option it does not have or
 * a bad `--date`; otherwise today and the date meant (today by default).
 */
export function datedOptions(parsed: { date?: string | undefined } & Record<string, unknown>, defined: ArgsDef): { today: string; date: string } {
  rejectUnknown(parsed, defined);
  const today = localToday();
  return { today, date: dateFromOption('date', parsed.date, today) };
}

/** What the ledger commands edit against: the content folder's kit.yaml, partners and ledger, from `readContent`. */
export type LedgerSetup = ContentReading<'kitFile' | 'partners' | 'ledger'>;

/**
 * The ledger's text checked before an edit. Errors stop the edit, so what `log` and `update`
 * write is always a ledger `check` accepts; they are returned for the command to print.
 */
export function checkBeforeEdit(setup: LedgerSetup, text: string): { ledger: CheckedLedger; errors: Diagnostic[] } {
  const ledger = setup.ledger.check(text);
  return { ledger, errors: ledger.diagnostics.filter((d) => d.severity === 'error') };
}

/** Prints the ledger's errors and stops the command. */
export function reportLedgerErrors(file: string, errors: readonly Diagnostic[]): never {
  reportDiagnostics(errors);
  throw new CliError(`fix ${displayPath(file)} first (${plural(errors.length, 'error')} above); nothing was written`);
}

/** The `$schema` path a new ledger in `contentDir` points its editor at. */
export function ledgerSchemaPath(contentDir: string): string {
  return relative(contentDir, jsonSchemaFile('referrals')).split(sep).join('/');
}

/**
 * Values from options checked by the ledger's own schema, each problem named after its option:
 * `--status: must be one of: … (got "wonn"); did you mean "won"?`. The command stops, with every
 * problem, when there are any.
 */
export function checkOptions(schema: z.ZodType, value: Record<string, unknown>, options: Record<string, string>): void {
  const result = schema.safeParse(value);
  if (result.success) return;
  const problems: string[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    const given = value[field];
    const got = given !== undefined && typeof given !== 'object' ? ` (got ${quote(given)})` : '';
    const guess = issue.code === 'invalid_value' && typeof given === 'string' ? didYouMean(given, issue.values.map(String)) : undefined;
    problems.push(`${options[field] ?? field}: ${issue.message}${got}${guess ? `; did you mean "${guess}"?` : ''}`);
  }
  throw new CliError(problems);
}
