/**
 * The sent log: one JSON line per step of every message sent over SMTP, in the content folder,
 * readable by the owner only, appended to and never rewritten. A message is logged "sending"
 * (flushed to disk) before the SMTP call and "sent" only after the server accepted it, then
 * "recorded" once the ledger says so; a rerun after a crash, a quota error or Ctrl-C reads it
 * to send each message once: never twice, and never skipping one.
 *
 * A message left at "sending" may or may not have reached the server (the process stopped
 * between the two lines): it is not sent again on its own, and the owner is asked to check their
 * Sent folder, then to confirm it (`--confirm-sent`) or send it again (`--resend`).
 *
 * The build never reads the content folder's files other than the kit's own, so the log never
 * reaches `dist/`.
 */
import { existsSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LedgerUpdate } from './messages.ts';

export const sentLogName = 'sent-log.jsonl';

export function sentLogPath(contentDir: string): string {
  return join(contentDir, sentLogName);
}

/**
 * sending: about to be handed to the server. sent: the server accepted it. recorded: the ledger
 * says so too. failed: the server refused it (it may be tried again). resend: the owner found it
 * missing from their Sent folder, so it may be sent again.
 */
export type SentState = 'sending' | 'sent' | 'recorded' | 'failed' | 'resend';

export interface SentRecord {
  at: string;
  state: SentState;
  id: string;
  key: string;
  channel: string;
  partner: string;
  to: string;
  subject: string;
  message_id: string;
  prospect?: string | undefined;
  intro_date?: string | undefined;
  /** What the ledger gets once the message is sent, so a later run can finish the job. */
  ledger?: LedgerUpdate | null | undefined;
  /**
   * The day that goes in the ledger: the run's today (its `--today`, or the clock's day when it
   * started). A later run finishing the job writes this day, not its own: the ledger would
   * otherwise say a day after the first run's `--today`, which that run's checks call the future.
   * Absent in records from before it was kept: the day of `at` is used.
   */
  day?: string | undefined;
  /** The server's reply, for a failed message. */
  reason?: string | undefined;
}

/** Every record, oldest first. A line cut short by a crash mid-write is ignored. */
export async function readSentLog(file: string): Promise<SentRecord[]> {
  if (!existsSync(file)) return [];
  const records: SentRecord[] = [];
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    try {
      const record = JSON.parse(line) as SentRecord;
      if (record && typeof record.id === 'string' && typeof record.state === 'string') records.push(record);
    } catch {
      // A torn last line: the step it described did not complete its log write.
    }
  }
  return records;
}

/** The latest record of each message, by id. */
export function latestStates(records: readonly SentRecord[]): Map<string, SentRecord> {
  const latest = new Map<string, SentRecord>();
  for (const record of records) latest.set(record.id, record);
  return latest;
}

/** Messages sent (accepted by the server) on a given local day, for the daily cap. */
export function sentOn(records: readonly SentRecord[], day: string, dayOf: (iso: string) => string): number {
  return records.filter((record) => record.state === 'sent' && dayOf(record.at) === day).length;
}

/**
 * Appends one record and waits until it is on disk. A new log is created readable by its owner
 * only; the file is opened for appending, so earlier lines are never touched.
 */
export async function appendSentRecord(file: string, record: Omit<SentRecord, 'at'>, at = new Date()): Promise<void> {
  const handle = await open(file, 'a', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.appendFile(`${JSON.stringify({ at: at.toISOString(), ...record })}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
