/**
 * `referral-kit inbox`: introductions found in the mailbox over IMAP (a partner wrote to someone
 * with you in cc, as the kit's "Open as an email" does), proposed as ledger entries and added
 * once you confirm them. Reads message headers only, from the inbox, for a limited span of days.
 */
import { defineCommand, type ArgsDef } from 'citty';
import { addDays, localToday } from '../kit/dates.ts';
import { readContent } from '../kit/load.ts';
import { loadMailAccount } from '../mail/account.ts';
import { mailSentences } from '../mail/default-messages.ts';
import { ImapProblem, inboxEnvelopes } from '../mail/imap.ts';
import { findIntroductions } from '../mail/introductions.ts';
import { deliveryOptions } from './deliver.ts';
import { proposeAndLog } from './log-found.ts';
import { CliError } from './cli-error.ts';
import { contentOption, rejectUnknown, requireContentFolder } from './options.ts';

const args = {
  ...contentOption,
  days: { type: 'string', description: 'How far back to look, in days', default: '30', valueHint: 'n' },
  yes: { type: 'boolean', description: 'Add every introduction found without asking' },
  'mail-settings': deliveryOptions['mail-settings'],
} satisfies ArgsDef;

export const inboxCommand = defineCommand({
  meta: { name: 'inbox', description: 'Find introductions in your mailbox (a partner wrote with you in cc) and log them' },
  args,
  async run({ args: parsed }) {
    rejectUnknown(parsed, args);
    const days = Number(parsed.days);
    if (!Number.isInteger(days) || days < 1 || days > 3650) {
      throw new CliError(mailSentences.badDays(JSON.stringify(parsed.days)));
    }
    const today = localToday();
    const setup = await readContent(parsed.content, ['kitFile', 'partners', 'ledger'], { today });
    requireContentFolder(setup);
    const { kit } = setup.kitFile;
    if (!kit) {
      throw new CliError(mailSentences.kitFirst);
    }
    const account = await loadMailAccount(setup.contentDir, { settingsFile: parsed['mail-settings'] });
    if ('problems' in account) {
      throw new CliError(account.problems);
    }
    if (!account.imap) {
      throw new CliError(mailSentences.noImapAccount);
    }
    let envelopes;
    try {
      envelopes = await inboxEnvelopes(account.imap, kit.owner.email, new Date(`${addDays(today, -days)}T00:00:00`));
    } catch (error) {
      throw new CliError(error instanceof ImapProblem ? error.message : mailSentences.inboxFailed((error as Error).message));
    }
    const found = findIntroductions(envelopes, {
      partners: setup.partners.partners.map(({ slug, data }) => ({ slug, name: data.name, email: data.email })),
      ownerEmail: kit.owner.email,
      received: setup.ledger.data?.received ?? [],
      today,
    });
    await proposeAndLog(setup, found, Boolean(parsed.yes));
  },
});

export const inboxExamples = ['referral-kit inbox               # introductions of the last 30 days, to confirm one by one', 'referral-kit inbox --days 90 --yes'];
