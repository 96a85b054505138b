/** Options and output shared by the commands. */
import type { ArgsDef } from 'citty';
import { formatDiagnostic, type Diagnostic } from '../kit/diagnostics.ts';

export const contentOption = {
  content: {
    type: 'string',
    description: 'Kit folder to read',
    default: 'content',
    valueHint: 'dir',
  },
} as const satisfies ArgsDef;

/** citty accepts any flag; a typo such as --contnet must not silently fall back to a default. */
export function unknownOptions(args: Record<string, unknown>, defined: ArgsDef): string[] {
  const known = new Set(['_', 'help', 'h']);
  for (const [name, def] of Object.entries(defined)) {
    known.add(name);
    for (const alias of 'alias' in def ? [def.alias ?? []].flat() : []) known.add(alias);
    // citty also exposes camelCase and negated spellings of the same flag.
    known.add(name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));
  }
  return Object.keys(args).filter((name) => !known.has(name));
}

/** Prints every diagnostic, errors and warnings alike, on stderr. */
export function reportDiagnostics(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) (d.severity === 'error' ? console.error : console.warn)(formatDiagnostic(d));
}

/** Stops a command with a message and a failing exit code, without a stack trace. */
export function fail(message: string): void {
  console.error(`referral-kit: ${message}`);
  process.exitCode = 1;
}

export function rejectUnknown(args: Record<string, unknown>, defined: ArgsDef): boolean {
  const unknown = unknownOptions(args, defined);
  if (unknown.length) {
    fail(`unknown option ${unknown.map((name) => `--${name}`).join(', ')} (see --help)`);
    return true;
  }
  return false;
}
