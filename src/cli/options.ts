/** Options and output shared by the commands. */
import type { ArgsDef } from 'citty';
import { didYouMean, formatDiagnostic, hasErrors, quote, summarize, type Diagnostic } from '../kit/diagnostics.ts';
import { readContent, type KitContent } from '../kit/load.ts';
import type { KitData } from '../schemas/kit.ts';
import { CliError } from './cli-error.ts';

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

/**
 * Stops the command when the content folder is not there, after saying so in the one wording
 * every command uses (the finding `readContent` returns for it, as `check` prints it).
 */
export function requireContentFolder(reading: { missing: boolean; diagnostics: readonly Diagnostic[] }): void {
  if (!reading.missing) return;
  reportDiagnostics(reading.diagnostics);
  throw new CliError();
}

/** Stops the command when it was given an option it does not have. */
export function rejectUnknown(args: Record<string, unknown>, defined: ArgsDef): void {
  const unknown = unknownOptions(args, defined);
  if (unknown.length) throw new CliError(`unknown option ${unknown.map((name) => `--${name}`).join(', ')} (see --help)`);
}

/** "did you mean …?" for a partner slug, or the list of partners when nothing is close. */
export function unknownPartnerMessage(slug: string, known: readonly string[]): string {
  const guess = didYouMean(slug, known);
  if (guess) return `no partner ${quote(slug)}: did you mean "${guess}"?`;
  if (!known.length) return `no partner ${quote(slug)}: there are no partners yet`;
  const shown = known.length > 8 ? `${known.slice(0, 8).join(', ')}, …` : known.join(', ');
  return `no partner ${quote(slug)}; partners are: ${shown}`;
}

/**
 * The whole kit for a command that hands something to partners, which it must not do from content
 * with errors; the command stops after reporting them, with what the owner was trying to do.
 */
export async function loadCheckedKit(contentDir: string, purpose: string): Promise<KitContent> {
  const { content, diagnostics } = await readContent(contentDir, ['content']);
  if (content && !hasErrors(diagnostics)) return content;
  reportDiagnostics(diagnostics);
  throw new CliError(`${summarize(diagnostics)}: fix the errors above before ${purpose}`);
}

/** kit.yaml alone, for a command that prints a kit link; the command stops after reporting why not. */
export async function loadSiteKit(contentDir: string): Promise<KitData> {
  const {
    kitFile: { kit },
    diagnostics,
  } = await readContent(contentDir, ['kitFile']);
  if (kit) return kit;
  reportDiagnostics(diagnostics.filter((d) => d.severity === 'error'));
  throw new CliError('fix kit.yaml first: kit links are built from its site address');
}
