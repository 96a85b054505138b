/**
 * The owner's mailbox over IMAP, with imapflow: drafts appended to the Drafts folder (so they
 * appear in Gmail, Outlook, Fastmail or iCloud, on the web and on the phone, ready to read and
 * send), and the inbox read for introductions. A draft whose Message-ID is already in Drafts is
 * not added again, so running the command twice leaves one draft per message.
 */
import { ImapFlow } from 'imapflow';
import type { MailEndpoint } from './account.ts';
import { mailSentences } from './default-messages.ts';
import { composeOutgoing, type OutgoingMessage } from './messages.ts';

export interface Envelope {
  messageId: string | undefined;
  date: Date | undefined;
  subject: string;
  from: { name: string; address: string }[];
  to: { name: string; address: string }[];
  cc: { name: string; address: string }[];
}

export class ImapProblem extends Error {}

function client(endpoint: MailEndpoint): ImapFlow {
  return new ImapFlow({
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.secure,
    // TLS is required except to this computer: a plain connection must upgrade before logging in.
    doSTARTTLS: endpoint.secure ? undefined : endpoint.requireTLS,
    auth: { user: endpoint.user, pass: endpoint.password ?? '' },
    logger: false,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}

async function connected<T>(endpoint: MailEndpoint, work: (imap: ImapFlow) => Promise<T>): Promise<T> {
  const imap = client(endpoint);
  // imapflow reports a lost connection as an event too; the awaited call rejects with it.
  imap.on('error', () => {});
  try {
    await imap.connect();
  } catch (error) {
    const failed = error as { authenticationFailed?: boolean; message: string };
    throw new ImapProblem(failed.authenticationFailed ? mailSentences.imapAuthFailed : mailSentences.mailboxUnreachable(failed.message));
  }
  try {
    return await work(imap);
  } finally {
    await imap.logout().catch(() => imap.close());
  }
}

/** The Drafts folder: the one the server marks `\Drafts`, else the named or the usual one. */
async function draftsFolder(imap: ImapFlow, named: string | undefined): Promise<string> {
  const folders = await imap.list();
  if (named) {
    const found = folders.find((folder) => folder.path === named || folder.name === named);
    if (!found) throw new ImapProblem(mailSentences.noDraftsFolder(JSON.stringify(named)));
    return found.path;
  }
  const marked = folders.find((folder) => folder.specialUse === '\\Drafts');
  if (marked) return marked.path;
  const usual = folders.find((folder) => /^drafts$/i.test(folder.name));
  if (usual) return usual.path;
  await imap.mailboxCreate('Drafts');
  return 'Drafts';
}

export interface DraftOptions {
  endpoint: MailEndpoint;
  from: { name: string; address: string };
  language: string;
  draftsFolder?: string | undefined;
  onMessage?: (message: OutgoingMessage, added: boolean) => void;
}

/** Appends each message to Drafts unless a draft with its Message-ID is there. */
export async function appendDrafts(messages: readonly OutgoingMessage[], options: DraftOptions): Promise<{ folder: string; added: OutgoingMessage[]; present: OutgoingMessage[] }> {
  return connected(options.endpoint, async (imap) => {
    const folder = await draftsFolder(imap, options.draftsFolder);
    const added: OutgoingMessage[] = [];
    const present: OutgoingMessage[] = [];
    for (const message of messages) {
      const lock = await imap.getMailboxLock(folder);
      let there: boolean;
      try {
        const found = await imap.search({ header: { 'message-id': message.messageId } }, { uid: true });
        there = Array.isArray(found) && found.length > 0;
      } finally {
        lock.release();
      }
      if (there) {
        present.push(message);
        options.onMessage?.(message, false);
        continue;
      }
      const raw = await composeOutgoing(message, options.from, options.language);
      await imap.append(folder, raw, ['\\Draft', '\\Seen']);
      added.push(message);
      options.onMessage?.(message, true);
    }
    return { folder, added, present };
  });
}

const addresses = (list: { name?: string | undefined; address?: string | undefined }[] | undefined) => (list ?? []).filter((a) => a.address).map((a) => ({ name: a.name ?? '', address: a.address! }));

/** Envelopes of the inbox's messages where `cc` is in Cc, since a date, at most `limit` of the latest. */
export async function inboxEnvelopes(endpoint: MailEndpoint, cc: string, since: Date, limit = 500): Promise<Envelope[]> {
  return connected(endpoint, async (imap) => {
    const lock = await imap.getMailboxLock('INBOX');
    try {
      const found = await imap.search({ cc, since }, { uid: true });
      const uids = (Array.isArray(found) ? found : []).slice(-limit);
      if (!uids.length) return [];
      const messages = await imap.fetchAll(uids.join(','), { envelope: true }, { uid: true });
      return messages.map(({ envelope }) => ({
        messageId: envelope?.messageId,
        date: envelope?.date ? new Date(envelope.date) : undefined,
        subject: envelope?.subject ?? '',
        from: addresses(envelope?.from),
        to: addresses(envelope?.to),
        cc: addresses(envelope?.cc),
      }));
    } finally {
      lock.release();
    }
  });
}
