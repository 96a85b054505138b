/**
 * What `log intro --eml` and `inbox` share: introductions found in email are shown, then added
 * to the ledger once the owner confirms them (`--yes` for all), with the same checked,
 * comment-preserving edit as `log`. One already in the ledger is never added twice.
 */
import { createInterface } from 'node:readline/promises';
import { displayPath, quote, type Diagnostic } from '../kit/diagnostics.ts';
import { printable } from '../kit/text.ts';
import { appendEntry, changeFile, ledgerTemplate, type Fields } from '../ledger/edit.ts';
import { prospectKey } from '../ledger/load.ts';
import { mailSentences } from '../mail/default-messages.ts';
import type { FoundIntroduction } from '../mail/introductions.ts';
import { checkBeforeEdit, ledgerSchemaPath, reportLedgerErrors, type LedgerSetup } from './ledger.ts';
import { CliError } from './cli-error.ts';

function describe(found: FoundIntroduction): string {
  return printable(mailSentences.proposedLine(found.date, found.partnerName, found.from, quote(found.prospect), found.subject));
}

async function confirmEach(found: readonly FoundIntroduction[]): Promise<FoundIntroduction[]> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const chosen: FoundIntroduction[] = [];
  try {
    for (const entry of found) {
      const answer = await prompt.question(printable(mailSentences.proposedQuestion(quote(entry.prospect), entry.partnerName, entry.date)));
      if (/^y(es)?$/i.test(answer.trim())) chosen.push(entry);
    }
  } finally {
    prompt.close();
  }
  return chosen;
}

export async function proposeAndLog(setup: LedgerSetup, found: readonly FoundIntroduction[], yes: boolean): Promise<void> {
  if (!found.length) {
    console.log(mailSentences.proposedNone);
    return;
  }
  console.log(mailSentences.proposedHeading(found.length));
  for (const entry of found) console.log(`  ${describe(entry)}`);
  let chosen: FoundIntroduction[];
  if (yes) chosen = [...found];
  else if (process.stdin.isTTY) chosen = await confirmEach(found);
  else {
    console.log(mailSentences.proposedConfirm);
    return;
  }
  if (!chosen.length) return;
  let errors: Diagnostic[] = [];
  const changed = await changeFile(setup.ledger.file, ledgerTemplate(ledgerSchemaPath(setup.contentDir)), (text) => {
    const checked = checkBeforeEdit(setup, text);
    errors = checked.errors;
    const data = checked.ledger.data;
    if (errors.length || !data) return { problem: 'the ledger has errors' };
    // Checked again on the file as it is now: another command may have logged one meanwhile.
    const known = new Set(data.received.map((entry) => `${entry.from}\n${prospectKey(entry.prospect)}`));
    let next = text;
    const added: FoundIntroduction[] = [];
    for (const entry of chosen) {
      if (known.has(`${entry.from}\n${prospectKey(entry.prospect)}`)) continue;
      const fields: Fields = [
        ['date', entry.date],
        ['from', entry.from],
        ['prospect', entry.prospect],
        ['kind', 'introduction'],
        ['status', 'introduced'],
      ];
      const appended = appendEntry(next, 'received', fields);
      if ('problem' in appended) return { problem: `${displayPath(setup.ledger.file)}: ${appended.problem}; nothing was written` };
      next = appended.text;
      added.push(entry);
      known.add(`${entry.from}\n${prospectKey(entry.prospect)}`);
    }
    return { text: next, result: added };
  });
  if (errors.length) reportLedgerErrors(setup.ledger.file, errors);
  if ('problem' in changed) throw new CliError(changed.problem);
  for (const entry of changed.result) console.log(mailSentences.loggedFound(displayPath(setup.ledger.file), describe(entry)));
  if (changed.result.length) console.log(mailSentences.loggedNext);
}
