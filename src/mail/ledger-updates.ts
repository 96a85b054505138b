/**
 * What a sent message changes in the ledger: the introduction's `thanked` or `outcome_shared`
 * date, or a new `asks` entry. Made with the same comment-preserving, atomic edit as `update`
 * and `log` (src/ledger/edit.ts), and idempotent: applying an update twice changes nothing the
 * second time, so a run that stopped between "sent" and "recorded" can finish the job.
 */
import { changeFile, appendEntry, ledgerTemplate, setFields, type Fields } from '../ledger/edit.ts';
import { checkLedgerText, prospectKey } from '../ledger/load.ts';
import type { LedgerContext } from '../schemas/ledger.ts';
import { mailSentences } from './default-messages.ts';
import type { LedgerUpdate } from './messages.ts';

export interface LedgerTarget {
  file: string;
  context: LedgerContext;
  /** The `$schema` line of a ledger this creates. */
  schemaPath: string;
}

/** Applies one update dated `date`; a problem (the ledger has errors, the entry is gone) is returned, not thrown. */
export async function applyLedgerUpdate(target: LedgerTarget, update: LedgerUpdate, date: string): Promise<{ problem?: string; changed: boolean }> {
  let changed = false;
  const result = await changeFile(target.file, ledgerTemplate(target.schemaPath), (text) => {
    const checked = checkLedgerText(target.file, text, target.context);
    const data = checked.data;
    if (!data) return { problem: mailSentences.ledgerHasErrors };
    if (update.list === 'received') {
      const index = data.received.findIndex((entry) => entry.date === update.date && entry.from === update.from && prospectKey(entry.prospect) === prospectKey(update.prospect));
      if (index < 0) return { problem: mailSentences.introGone(update.prospect, update.from, update.date) };
      if (data.received[index]![update.field]) return { text, result: false };
      const edited = setFields(text, index, [[update.field, date]]);
      return 'problem' in edited ? edited : { text: edited.text, result: true };
    }
    if (data.asks.some((ask) => ask.partner === update.partner && ask.date === date && Boolean(ask.reeducated) === update.reeducated)) {
      return { text, result: false };
    }
    const fields: Fields = [['date', date], ['partner', update.partner], ...(update.reeducated ? ([['reeducated', true]] satisfies Fields) : [])];
    const appended = appendEntry(text, 'asks', fields);
    return 'problem' in appended ? appended : { text: appended.text, result: true };
  });
  if ('problem' in result) return { problem: result.problem, changed };
  changed = result.result;
  return { changed };
}
