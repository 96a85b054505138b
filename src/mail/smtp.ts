/**
 * Sending over SMTP from the owner's own account, with nodemailer. Every message goes through
 * the sent log (src/mail/sent-log.ts): "sending" before the SMTP call, "sent" once the server
 * has accepted it, then the ledger update and "recorded". A pause between messages and a daily
 * cap keep a personal account in good standing; the run stops at the first reply that says the
 * account cannot send now (a 4xx, a refused login, a quota), and at a lost connection.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import nodemailer from 'nodemailer';
import type { MailEndpoint } from './account.ts';
import { mailSentences } from './default-messages.ts';
import { applyLedgerUpdate, type LedgerTarget } from './ledger-updates.ts';
import { composeOutgoing, type OutgoingMessage } from './messages.ts';
import { appendSentRecord, latestStates, readSentLog, sentOn, type SentRecord } from './sent-log.ts';

export interface SendOptions {
  endpoint: MailEndpoint;
  from: { name: string; address: string };
  language: string;
  logFile: string;
  ledger: LedgerTarget;
  /** The local day of the report, for the ledger dates (the daily cap counts by the clock). */
  today: string;
  /** The local day of a timestamp. */
  dayOf: (iso: string) => string;
  pauseSeconds: number;
  dailyCap: number;
  /** Called once per message with what happened, for the command to print. */
  onMessage?: (message: OutgoingMessage, outcome: SendOutcome) => void;
}

export type SendOutcome = { status: 'sent' } | { status: 'already-sent' } | { status: 'check-sent-folder' } | { status: 'rejected'; reason: string } | { status: 'ledger-problem'; problem: string };

export interface SendResult {
  sent: OutgoingMessage[];
  /** Left at "sending" by an earlier run: the owner checks their Sent folder. */
  unsure: OutgoingMessage[];
  rejected: { message: OutgoingMessage; reason: string }[];
  /** Why the run stopped before the end, if it did. */
  stopped?: string | undefined;
  /** Ledger updates that could not be made (the message is sent; the owner updates by hand). */
  ledgerProblems: string[];
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
}

/** Replies that are about one recipient: that message fails, the others may still go. */
function isRecipientRejection(error: SmtpError): boolean {
  const code = error.responseCode ?? 0;
  return code >= 550 && code < 560 && code !== 552 && /RCPT/i.test(error.command ?? '') && !/quota|limit|rate/i.test(error.response ?? '');
}

function describe(error: SmtpError): string {
  if (error.code === 'EAUTH' || error.responseCode === 535 || error.responseCode === 534 || error.responseCode === 530) return mailSentences.authFailed;
  if (/STARTTLS/i.test(error.command ?? '') || error.code === 'ETLS') {
    return mailSentences.noStartTls;
  }
  const reply = error.response?.replace(/\s+/g, ' ').trim();
  return reply ? mailSentences.serverReplied(reply.slice(0, 200)) : `${error.message.replace(/\s+/g, ' ').slice(0, 200)}`;
}

function recordFor(message: OutgoingMessage, state: SentRecord['state'], day: string, reason?: string): Omit<SentRecord, 'at'> {
  return {
    state,
    day,
    id: message.id,
    key: message.key,
    channel: message.channel,
    partner: message.partner,
    to: message.to.address,
    subject: message.subject,
    message_id: message.messageId,
    prospect: message.intro?.prospect,
    intro_date: message.intro?.date,
    ledger: message.ledger,
    ...(reason ? { reason } : {}),
  };
}

/**
 * Ledger updates of messages an earlier run sent but did not get to record (it stopped between
 * the two): done now, before anything new is sent, on the day that run was for.
 */
export async function finishRecording(logFile: string, ledger: LedgerTarget, dayOf: (iso: string) => string): Promise<string[]> {
  const problems: string[] = [];
  for (const record of latestStates(await readSentLog(logFile)).values()) {
    if (record.state !== 'sent' || !record.ledger) continue;
    const applied = await applyLedgerUpdate(ledger, record.ledger, record.day ?? dayOf(record.at));
    if (applied.problem) problems.push(`${record.subject} (to ${record.to}): ${applied.problem}`);
    else await appendSentRecord(logFile, { ...record, state: 'recorded' });
  }
  return problems;
}

export async function sendMessages(messages: readonly OutgoingMessage[], options: SendOptions): Promise<SendResult> {
  const result: SendResult = { sent: [], unsure: [], rejected: [], ledgerProblems: [] };
  result.ledgerProblems.push(...(await finishRecording(options.logFile, options.ledger, options.dayOf)));
  const records = await readSentLog(options.logFile);
  const states = latestStates(records);
  // The cap is the mail provider's, so it counts the messages sent on the day they really go out:
  // with a `--today` in the past, counting that day's found none sent (records carry the clock's
  // time) and the cap never stopped a run.
  let sentToday = sentOn(records, options.dayOf(new Date().toISOString()), options.dayOf);
  const { endpoint } = options;
  const transport = nodemailer.createTransport({
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.secure,
    requireTLS: endpoint.requireTLS,
    ignoreTLS: !endpoint.secure && !endpoint.requireTLS ? false : undefined,
    auth: endpoint.user ? { user: endpoint.user, pass: endpoint.password ?? '' } : undefined,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  } as never);
  let first = true;
  try {
    for (const message of messages) {
      const state = states.get(message.id)?.state;
      if (state === 'sent' || state === 'recorded') {
        options.onMessage?.(message, { status: 'already-sent' });
        continue;
      }
      if (state === 'sending') {
        result.unsure.push(message);
        options.onMessage?.(message, { status: 'check-sent-folder' });
        continue;
      }
      if (sentToday >= options.dailyCap) {
        result.stopped = mailSentences.dailyCapReached(options.dailyCap);
        break;
      }
      if (!first && options.pauseSeconds > 0) await sleep(options.pauseSeconds * 1000);
      first = false;
      const raw = await composeOutgoing(message, options.from, options.language);
      await appendSentRecord(options.logFile, recordFor(message, 'sending', options.today));
      try {
        await transport.sendMail({ envelope: { from: options.from.address, to: [message.to.address] }, raw });
      } catch (caught) {
        const error = caught as SmtpError;
        if (error.responseCode && isRecipientRejection(error)) {
          const reason = describe(error);
          await appendSentRecord(options.logFile, recordFor(message, 'failed', options.today, reason));
          result.rejected.push({ message, reason });
          options.onMessage?.(message, { status: 'rejected', reason });
          continue;
        }
        // A reply before the end of the message means the server did not take it; a connection
        // lost with no reply leaves it "sending", for the owner to check their Sent folder.
        if (error.responseCode) await appendSentRecord(options.logFile, recordFor(message, 'failed', options.today, describe(error)));
        else result.unsure.push(message);
        result.stopped = describe(error);
        break;
      }
      await appendSentRecord(options.logFile, recordFor(message, 'sent', options.today));
      sentToday++;
      result.sent.push(message);
      options.onMessage?.(message, { status: 'sent' });
      if (message.ledger) {
        const applied = await applyLedgerUpdate(options.ledger, message.ledger, options.today);
        if (applied.problem) {
          result.ledgerProblems.push(`${message.subject} (to ${message.to.address}): ${applied.problem}`);
          options.onMessage?.(message, { status: 'ledger-problem', problem: applied.problem });
        } else await appendSentRecord(options.logFile, recordFor(message, 'recorded', options.today));
      }
    }
  } finally {
    transport.close();
  }
  return result;
}
