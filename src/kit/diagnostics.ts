/** Problems found in content, each pinned to a file position the owner's editor can jump to. */
import { relative, isAbsolute } from 'node:path';
import { compareText, plural, printable } from './text.ts';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Absolute path of the file the problem is in. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  severity: Severity;
  message: string;
}

export interface Position {
  line: number;
  column: number;
}

export const startOfFile: Position = { line: 1, column: 1 };

export function diagnostic(file: string, position: Position, severity: Severity, message: string): Diagnostic {
  return { file, line: position.line, column: position.column, severity, message };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Paths inside the working folder print relative to it, like compilers do, so terminals make them clickable. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** `content/partners/jane.yaml:4:11: error: category: must be one of: …` */
export function formatDiagnostic(d: Diagnostic, cwd?: string): string {
  return `${displayPath(d.file, cwd)}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

/** The most problems reported for one file; past them, one line says how many more there are. */
export const maxDiagnosticsPerFile = 50;

/** How many problems each "and N more" line stands for. */
const hiddenCounts = new WeakMap<Diagnostic, number>();

/** "and 3,912 more problems in this file" (an error: what it stands for was not all shown). */
export function moreProblems(file: string, count: number, position: Position = startOfFile): Diagnostic {
  const more = diagnostic(file, position, 'error', `and ${count.toLocaleString('en-US')} more problem${count === 1 ? '' : 's'} in this file (only the first ${maxDiagnosticsPerFile} are shown)`);
  hiddenCounts.set(more, count);
  return more;
}

/**
 * At most `maxDiagnosticsPerFile` per file, errors kept first, and one "and N more" line in place
 * of the rest, so one broken file cannot bury the others' problems.
 */
export function capPerFile(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const kept: Diagnostic[] = [];
  for (const [file, list] of Map.groupBy(diagnostics, (d) => d.file)) {
    const shown = list.filter((d) => !hiddenCounts.has(d));
    let hidden = list.reduce((sum, d) => sum + (hiddenCounts.get(d) ?? 0), 0);
    if (!hidden && shown.length <= maxDiagnosticsPerFile) {
      kept.push(...list);
      continue;
    }
    const ordered = [...shown].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    kept.push(...ordered.slice(0, maxDiagnosticsPerFile));
    hidden += Math.max(0, ordered.length - maxDiagnosticsPerFile);
    kept.push(moreProblems(file, hidden, list.find((d) => hiddenCounts.has(d)) ?? startOfFile));
  }
  return kept;
}

/** Errors first, then by file and position, so the output reads top to bottom. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic) => (d.severity === 'error' ? 0 : 1);
  return [...diagnostics].sort((a, b) => rank(a) - rank(b) || compareText(a.file, b.file) || a.line - b.line || a.column - b.column);
}

export function summarize(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/** Quotes a value for a message: escaped, so a hostile value cannot move the terminal cursor, and kept short. */
export function quote(value: unknown, max = 60): string {
  const shown = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const short = shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
  // JSON escapes C0 controls, quotes and backslashes; printable() the rest (DEL, C1, direction controls).
  return printable(JSON.stringify(short));
}

/**
 * The closest candidate to a misspelt word, if one is close enough to be a likely typo: a few
 * letters off (swapped letters count once), or the start of a longer name ("email" → "email-intro").
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const typed = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(typed, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined && best.length >= 3 && bestDistance <= Math.max(1, Math.floor(best.length / 3))) return best;
  return typed.length >= 3 ? candidates.find((candidate) => candidate.toLowerCase().startsWith(typed)) : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
    }
  }
  return d[a.length]![b.length]!;
}
