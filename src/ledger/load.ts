/**
 * Reading `referrals.yaml`: parsed with positions, validated against the kit (partner slugs that
 * exist, no dates in the future), and checked for entries that contradict each other.
 *
 * `readContent` (src/kit/load.ts, the layer above) runs this so `check` and the build report the
 * ledger's problems with the rest, but the whole kit's `content` keeps none of the ledger's data:
 * only commands that ask for the `ledger` part (`report`, `log`, `update`…) get the entries.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readContentFile } from '../kit/content-file.ts';
import { capPerFile, diagnostic, hasErrors, quote, startOfFile, type Diagnostic } from '../kit/diagnostics.ts';
import { parseYaml, positionAt, validateYaml, type YamlSource } from '../kit/yaml-source.ts';
import { ledgerSchemaFor, type LedgerContext, type LedgerData } from '../schemas/ledger.ts';

export const ledgerFileNames = ['referrals.yaml', 'referrals.yml'] as const;

/** The ledger in a content folder: the one that exists, or where a new one goes. */
export function ledgerPath(contentDir: string): string {
  const files = ledgerFileNames.map((name) => join(contentDir, name));
  return files.find((file) => existsSync(file)) ?? files[0]!;
}

export interface CheckedLedger {
  /** Present when the file has no errors (warnings allowed). */
  data?: LedgerData;
  source?: YamlSource;
  diagnostics: Diagnostic[];
}

export interface LedgerFile extends CheckedLedger {
  file: string;
  /** False when the owner has no ledger yet: that is fine, it is optional. */
  exists: boolean;
}

/** How prospect names are compared: `dana  WU` is `Dana Wu`. */
export function prospectKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

const followUpDates = ['contacted', 'outcome_shared', 'thanked'] as const;

/** Validates a ledger's text; `file` is where its positions point. */
export function checkLedgerText(file: string, text: string, context: LedgerContext): CheckedLedger {
  const parsed = parseYaml(file, text);
  const { source } = parsed;
  const validated = validateYaml(parsed, ledgerSchemaFor(context));
  const diagnostics = [...validated.diagnostics];
  const data = validated.data;
  if (!data) return { source, diagnostics };

  const seen = new Map<string, number>();
  for (const [i, entry] of data.received.entries()) {
    // The same introduction written twice would count twice in every number of the report.
    const key = [entry.date, entry.from, prospectKey(entry.prospect)].join('\n');
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else {
      const line = positionAt(source, ['received', first]).line;
      diagnostics.push(
        diagnostic(
          file,
          positionAt(source, ['received', i]),
          'warning',
          `received[${i}]: the same introduction as on line ${line} (${entry.date}, ${entry.from}, ${quote(entry.prospect)}): the report counts it twice`,
        ),
      );
    }
    for (const field of followUpDates) {
      const date = entry[field];
      if (date && date < entry.date) {
        diagnostics.push(diagnostic(file, positionAt(source, ['received', i, field]), 'warning', `received[${i}].${field}: ${date} is before the introduction itself (${entry.date})`));
      }
    }
  }
  return { data, source, diagnostics: capPerFile(diagnostics) };
}

/** `referrals.yaml` of a content folder, checked against its partners and today's date. */
export async function loadLedger(contentDir: string, context: LedgerContext): Promise<LedgerFile> {
  const [yaml, yml] = ledgerFileNames.map((name) => join(contentDir, name)) as [string, string];
  const file = ledgerPath(contentDir);
  if (!existsSync(file)) return { file, exists: false, data: { received: [], given: [], asks: [] }, diagnostics: [] };
  const read = await readContentFile(file, 'ledger');
  if (read.diagnostic) return { file, exists: true, diagnostics: [read.diagnostic] };
  const checked = checkLedgerText(file, read.text, context);
  if (existsSync(yaml) && existsSync(yml)) {
    checked.diagnostics.push(diagnostic(yml, startOfFile, 'error', `two ledgers: ${basename(yaml)} and ${basename(yml)}; keep one (only ${basename(yaml)} is read)`));
  }
  const { data, source, diagnostics } = checked;
  return { file, exists: true, ...(data && !hasErrors(diagnostics) ? { data } : {}), ...(source ? { source } : {}), diagnostics };
}
