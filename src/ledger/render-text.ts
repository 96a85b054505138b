/** The report for the terminal: the to-do list, one line each, then the sources as tables. */
import { displayWidth, printable } from '../kit/text.ts';
import { mailSentences } from '../mail/default-messages.ts';
import { numberFormat } from './format.ts';
import { daysAgo, type FollowUpReport, type SourceStats, type TodoItem } from './report.ts';

export interface TextReportOptions {
  /** Whose report it is, for the heading. */
  owner: string;
  language: string;
  /** False when there is no referrals.yaml yet: the report says how to start one. */
  hasLedger: boolean;
  /** `currency` from kit.yaml, for the values won. */
  currency?: string | undefined;
  /** Per to-do, in order: the command that drafts its message, printed under it. */
  draftCommands?: readonly (string | undefined)[] | undefined;
}

/** One to-do as one line: what to do, who, and why. */
export function todoLine(item: TodoItem): string {
  const link = item.link ? ` → ${item.link}` : '';
  return printable(`${item.title}: ${item.why}${link}`);
}

type Align = 'left' | 'right';

function table(headers: readonly string[], rows: readonly string[][], align: readonly Align[]): string[] {
  const cells = [headers, ...rows].map((row) => row.map(printable));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => displayWidth(row[i]!))));
  return cells.map(
    (row) =>
      `  ${row
        .map((cell, i) => {
          const pad = ' '.repeat(widths[i]! - displayWidth(cell));
          return align[i] === 'right' ? pad + cell : cell + pad;
        })
        .join('  ')
        .trimEnd()}`,
  );
}

export function renderTextReport(report: FollowUpReport, options: TextReportOptions): string {
  const format = numberFormat(options.language, options.currency);
  const lines: string[] = [`Referral follow-up for ${printable(options.owner)}, ${report.today}`, ''];

  if (!options.hasLedger) {
    lines.push('No referrals.yaml yet. Record an introduction when one comes in:', '  referral-kit log intro --from <partner> --prospect "<name>"', '');
  }

  const { todo } = report;
  if (todo.length) {
    lines.push(`To do today (${todo.length}), most urgent first:`);
    const width = String(todo.length).length;
    todo.forEach((item, i) => {
      lines.push(`  ${String(i + 1).padStart(width)}. ${todoLine(item)}`);
      const command = options.draftCommands?.[i];
      if (command) lines.push(`  ${' '.repeat(width)}  ${printable(mailSentences.draftCommand(command))}`);
    });
  } else {
    lines.push('Nothing to do today: every introduction is followed up.');
  }

  const { partners, categories, total } = report.sources;
  const statColumns = ['RECEIVED', 'OPEN', 'WON', 'WIN RATE', 'NOT A FIT', 'VALUE WON', 'LAST INTRO', 'GIVEN BACK'];
  const statCells = (s: SourceStats) => [
    String(s.received),
    String(s.open),
    String(s.won),
    format.percent(s.win_rate),
    format.percent(s.not_a_fit_rate),
    format.money(s.value_won),
    s.days_since_last_introduction === null ? 'never' : daysAgo(s.days_since_last_introduction),
    String(s.given),
  ];
  const statAlign: Align[] = ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'];

  if (partners.length) {
    lines.push('', 'Sources by partner (win and not-a-fit rates are of decided introductions):');
    lines.push(
      ...table(
        ['PARTNER', 'CATEGORY', ...statColumns],
        partners.map((p) => [p.name, p.category, ...statCells(p)]),
        ['left', 'left', ...statAlign],
      ),
    );
    lines.push('', 'Sources by category:');
    lines.push(
      ...table(
        ['CATEGORY', 'PARTNERS', ...statColumns],
        categories.map((c) => [c.category, String(c.partners), ...statCells(c)]),
        ['left', 'right', ...statAlign],
      ),
    );
    lines.push(
      '',
      `In all: ${total.received} received, ${total.open} open, ${total.won} won (${format.percent(total.win_rate)} of decided), ${format.money(total.value_won)} won in value, ${total.given} given back.`,
    );
  }
  return lines.join('\n');
}
