/**
 * The delivery layer `follow-up` and `invite` share: messages become `.eml` files, drafts in the
 * mailbox's Drafts folder (IMAP), or messages sent over SMTP through the sent log; without a way
 * chosen, a dry run lists what would be sent. Everything leaves from the owner's own account.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { withLock } from '../build/lock.ts';
import { localToday } from '../kit/dates.ts';
import { displayPath } from '../kit/diagnostics.ts';
import { composeEml } from '../kit/eml.ts';
import type { KitContent } from '../kit/kit-content.ts';
import { printable } from '../kit/text.ts';
import { loadMailAccount, type MailAccount } from '../mail/account.ts';
import { mailSentences } from '../mail/default-messages.ts';
import { appendDrafts, ImapProblem } from '../mail/imap.ts';
import type { LedgerTarget } from '../mail/ledger-updates.ts';
import type { OutgoingMessage, SkippedMessage } from '../mail/messages.ts';
import { latestStates, readSentLog, sentLogPath } from '../mail/sent-log.ts';
import { sendMessages } from '../mail/smtp.ts';
import { CliError } from './cli-error.ts';

export type DeliveryMode = 'dry-run' | 'eml' | 'imap' | 'send';

export const deliveryOptions = {
  eml: { type: 'boolean', description: 'Write each message as an .eml draft file (see --out)' },
  imap: { type: 'boolean', description: "Put each message in your mailbox's Drafts folder, to read and send from your mail app (REFERRAL_KIT_IMAP_URL)" },
  send: { type: 'boolean', description: 'Send each message from your own account over SMTP (REFERRAL_KIT_SMTP_URL); without it, a dry run lists them' },
  'mail-settings': { type: 'string', description: 'Your mail settings file, outside the content folder (default: ~/.config/referral-kit/mail.yaml)', valueHint: 'file' },
} as const;

export function deliveryMode(parsed: { eml?: boolean | undefined; imap?: boolean | undefined; send?: boolean | undefined }, fallback: DeliveryMode): DeliveryMode {
  const chosen = (['eml', 'imap', 'send'] as const).filter((mode) => parsed[mode]);
  if (chosen.length > 1) {
    throw new CliError(mailSentences.chooseOne(chosen.map((mode) => `--${mode}`)));
  }
  return chosen[0] ?? fallback;
}

export interface DeliveryRequest {
  content: KitContent;
  messages: OutgoingMessage[];
  skipped: SkippedMessage[];
  mode: DeliveryMode;
  /** Folder for `.eml` files. */
  out: string;
  force: boolean;
  json: boolean;
  mailSettings: string | undefined;
  ledger: LedgerTarget;
  today: string;
}

const recipient = (message: OutgoingMessage) => `${printable(message.to.name)} <${message.to.address}>`;

function reportSkipped(skipped: readonly SkippedMessage[]): void {
  for (const { partner, name, channel, reason } of skipped) console.warn(mailSentences.skipped(channel, partner, printable(name), reason));
}

async function account(request: DeliveryRequest): Promise<MailAccount> {
  const loaded = await loadMailAccount(request.content.contentDir, { settingsFile: request.mailSettings });
  if ('problems' in loaded) throw new CliError(loaded.problems);
  return loaded;
}

function summary(message: OutgoingMessage) {
  return {
    id: message.id,
    channel: message.channel,
    partner: message.partner,
    to: message.to.address,
    subject: message.subject,
    prospect: message.intro?.prospect ?? null,
    script: message.script,
  };
}

export async function deliver(request: DeliveryRequest): Promise<void> {
  const { content, messages, mode } = request;
  const { owner, site } = content.kit;
  const from = { name: owner.name, address: owner.email };
  const logFile = sentLogPath(content.contentDir);
  const say = request.json ? () => {} : (line: string) => console.log(line);

  if (mode === 'dry-run') {
    const states = latestStates(await readSentLog(logFile));
    if (request.json) console.log(JSON.stringify({ mode, messages: messages.map((m) => ({ ...summary(m), sent_log: states.get(m.id)?.state ?? null })), skipped: request.skipped }, null, 2));
    else if (!messages.length) say(mailSentences.nothingToSend);
    else {
      say(mailSentences.dryRunHeading(messages.length));
      for (const message of messages) {
        const state = states.get(message.id)?.state;
        const note = state === 'sent' || state === 'recorded' ? ' (already sent)' : state === 'sending' ? ' (unsure: check your Sent folder)' : '';
        say(`  ${message.id}  ${message.channel}  to ${recipient(message)}: ${printable(message.subject)}${message.script ? '' : ' [built-in message]'}${note}`);
      }
      say(mailSentences.dryRunNext);
    }
    reportSkipped(request.skipped);
    return;
  }

  if (mode === 'eml') {
    const outDir = resolve(request.out);
    const files = messages.map((message) => ({ message, file: join(outDir, `${message.channel}-${message.partner}-${message.id}.eml`) }));
    const existing = files.filter(({ file }) => existsSync(file));
    if (existing.length && !request.force) {
      throw new CliError([...existing.map(({ file }) => `${displayPath(file)} already exists`), mailSentences.draftsExist]);
    }
    await mkdir(outDir, { recursive: true });
    for (const { message, file } of files) {
      const eml = await composeEml({ from, to: message.to, subject: message.subject, text: message.text, html: message.html, language: site.language, date: new Date(), messageId: message.messageId });
      await writeFile(file, eml);
      say(`${displayPath(file)}  to ${recipient(message)}`);
    }
    if (request.json) console.log(JSON.stringify({ mode, messages: files.map(({ message, file }) => ({ ...summary(message), file: displayPath(file) })), skipped: request.skipped }, null, 2));
    else say(files.length ? mailSentences.emlWritten(files.length, displayPath(outDir)) : mailSentences.nothingToSend);
    reportSkipped(request.skipped);
    return;
  }

  const mail = await account(request);

  if (mode === 'imap') {
    if (!mail.imap) {
      throw new CliError(mailSentences.noImapAccount);
    }
    try {
      const result = await appendDrafts(messages, {
        endpoint: mail.imap,
        from,
        language: site.language,
        draftsFolder: mail.settings.drafts_folder,
        onMessage: (message, added) =>
          say(`  ${added ? mailSentences.draftSaved(recipient(message), printable(message.subject)) : mailSentences.draftAlreadyThere(recipient(message), printable(message.subject))}`),
      });
      if (request.json) console.log(JSON.stringify({ mode, folder: result.folder, added: result.added.map(summary), already_there: result.present.map(summary), skipped: request.skipped }, null, 2));
      else {
        say(mailSentences.imapDone(result.added.length, printable(result.folder)));
      }
    } catch (error) {
      throw new CliError(error instanceof ImapProblem ? error.message : mailSentences.imapFailed((error as Error).message));
    } finally {
      reportSkipped(request.skipped);
    }
    return;
  }

  if (!mail.smtp) {
    throw new CliError(mailSentences.noSmtpAccount);
  }
  const smtp = mail.smtp;
  const lockDir = join(content.contentDir, '.referral-kit-sending.lock');
  try {
    await withLock(
      lockDir,
      () => {
        throw new CliError(mailSentences.sendingElsewhere);
      },
      async () => {
        const result = await sendMessages(messages, {
          endpoint: smtp,
          from,
          language: site.language,
          logFile,
          ledger: request.ledger,
          today: request.today,
          dayOf: (iso) => localToday(new Date(iso)),
          pauseSeconds: mail.settings.pause_seconds,
          dailyCap: mail.settings.daily_cap,
          onMessage: (message, outcome) => {
            if (outcome.status === 'sent') say(`  ✓ ${mailSentences.sentOne(recipient(message), printable(message.subject))}`);
            else if (outcome.status === 'already-sent') say(`  ${mailSentences.alreadySent(recipient(message), printable(message.subject))}`);
            else if (outcome.status === 'check-sent-folder') console.warn(`referral-kit: ${message.id} to ${recipient(message)} ${mailSentences.inSentLogCheck(message.id)}`);
            else if (outcome.status === 'rejected') console.warn(`referral-kit: ${mailSentences.notSentTo(recipient(message), outcome.reason)}`);
            else console.warn(`referral-kit: ${mailSentences.ledgerNotUpdated(recipient(message), outcome.problem)}`);
          },
        });
        for (const problem of result.ledgerProblems) console.warn(`referral-kit: ${problem}`);
        if (request.json) {
          console.log(
            JSON.stringify(
              {
                mode,
                sent: result.sent.map(summary),
                unsure: result.unsure.map(summary),
                rejected: result.rejected.map(({ message, reason }) => ({ ...summary(message), reason })),
                stopped: result.stopped ?? null,
                skipped: request.skipped,
              },
              null,
              2,
            ),
          );
        } else {
          say(mailSentences.sentSummary(result.sent.length, printable(owner.email), displayPath(logFile)));
        }
        if (result.stopped) throw new CliError(mailSentences.stoppedAt(result.stopped));
        // Each message not sent is named above.
        if (result.rejected.length || result.unsure.length) throw new CliError();
      },
    );
  } finally {
    reportSkipped(request.skipped);
  }
}
