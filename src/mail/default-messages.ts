/**
 * The owner's built-in messages to partners, and the default sentences of the follow-through and
 * delivery commands, keyed by name.
 *
 * The built-in messages are used when a kit has no script of that channel. Their words live in the
 * string catalog (src/i18n, keys `message_*`), so each partner gets them in their own language and
 * the owner can put their own in `copy:`. They are deliberately neutral (the owner's own words, in
 * `scripts/`, are always better) and promise nothing: they say what happened, thank, and offer,
 * in the owner's name.
 */
import type { MessageKey } from '../i18n/catalog.ts';
import type { OwnerChannel } from '../schemas/script.ts';

/** The catalog keys of the fallback for each owner-to-partner channel a kit has no script for. */
export const builtInMessageKeys: Record<OwnerChannel, { subject: MessageKey; body: MessageKey }> = {
  invite: { subject: 'invite_subject_default', body: 'message_invite_body' },
  'thank-you': { subject: 'message_thank_you_subject', body: 'message_thank_you_body' },
  outcome: { subject: 'message_outcome_subject', body: 'message_outcome_body' },
  'ask-again': { subject: 'message_ask_again_subject', body: 'message_ask_again_body' },
  'give-back': { subject: 'message_give_back_subject', body: 'message_give_back_body' },
  're-educate': { subject: 'message_re_educate_subject', body: 'message_re_educate_body' },
  'testimonial-request': { subject: 'message_testimonial_request_subject', body: 'message_testimonial_request_body' },
};

/** Default sentences of the follow-up, invite, log and inbox commands, by name. */
export const mailSentences = {
  builtInFallback: (channels: readonly string[]) =>
    `no script for ${channels.join(', ')}: \`referral-kit follow-up\` will use a plain built-in message; write your own in scripts/ (channel: ${channels[0]})`,
  dryRunHeading: (count: number) => `Would send ${count} message${count === 1 ? '' : 's'} (dry run: nothing was sent):`,
  dryRunNext: 'To send them from your own account, run the same command with --send. To review them first as drafts: --imap (your Drafts folder) or --eml (files).',
  nothingToSend: 'Nothing to send: no to-do today needs a message to a partner.',
  noEmail: 'no email in their partner file',
  sentOne: (to: string, subject: string) => `sent to ${to}: ${subject}`,
  alreadySent: (to: string, subject: string) => `already sent to ${to}: ${subject}`,
  inSentLogCheck: (id: string) =>
    `was being sent when a run stopped: look in your Sent folder. If it is there, run \`referral-kit follow-up --confirm-sent ${id}\`; if not, \`referral-kit follow-up --resend ${id}\``,
  stoppedAt: (reason: string) => `stopped: ${reason}. What was sent is in the sent log; run the same command again later to send the rest.`,
  dailyCapReached: (cap: number) => `today's limit of ${cap} messages is reached (daily_cap in your mail settings); run again tomorrow to send the rest`,
  draftSaved: (to: string, subject: string) => `draft for ${to}: ${subject}`,
  draftAlreadyThere: (to: string, subject: string) => `already in Drafts for ${to}: ${subject}`,
  noSmtpAccount:
    'no mail account to send from: set REFERRAL_KIT_SMTP_URL (like smtps://you%40example.com@smtp.example.com:465) and REFERRAL_KIT_SMTP_PASSWORD, or smtp_url in your mail settings file; the README shows the settings for Gmail, Fastmail, iCloud and Microsoft 365',
  noImapAccount:
    'no mailbox to put drafts in: set REFERRAL_KIT_IMAP_URL (like imaps://you%40example.com@imap.example.com:993) and REFERRAL_KIT_IMAP_PASSWORD, or imap_url in your mail settings file; the README shows the settings for Gmail, Fastmail, iCloud and Microsoft 365',
  tlsRequired: (url: string) => `${url}: mail must travel encrypted: use smtps:// or imaps://, or smtp:// with STARTTLS (the default); only localhost may go without`,
  passwordInUrl: (variable: string) => `${variable}: the password must not be in the address; put it in ${variable.replace(/_URL$/, '_PASSWORD')}`,
  authFailed: 'the mail server refused the user name or password: check REFERRAL_KIT_SMTP_PASSWORD (Gmail, iCloud and Microsoft 365 accounts with two-step sign-in need an app password)',
  imapAuthFailed: 'the mailbox refused the user name or password: check REFERRAL_KIT_IMAP_PASSWORD (Gmail, iCloud and Microsoft 365 accounts with two-step sign-in need an app password)',
  secretInContent:
    'a mail password or mail settings file in the content folder: keep them outside it (the password in REFERRAL_KIT_SMTP_PASSWORD / REFERRAL_KIT_IMAP_PASSWORD), so they never reach a repository or a host',
  proposedHeading: (count: number) => `Found ${count} introduction${count === 1 ? '' : 's'} to log:`,
  proposedNone: 'No new introduction found: the ones found are already in the ledger, or none came from a partner with you in cc.',
  proposedConfirm: 'Add them with --yes, or log one by hand with referral-kit log intro.',
  writeIt: 'write it',
  chooseOne: (options: readonly string[]) => `choose one of ${options.join(', ')}`,
  skipped: (channel: string, partner: string, name: string, reason: string) => `skipped ${channel} for ${partner} (${name}): ${reason}`,
  draftsExist: 'nothing was written: send or move those drafts, or run again with --force to replace them',
  emlWritten: (count: number, folder: string) => `✓ ${count} draft${count === 1 ? '' : 's'} in ${folder}: open each in your mail app, read it over, and send it.`,
  imapDone: (count: number, folder: string) =>
    `✓ ${count} new draft${count === 1 ? '' : 's'} in ${folder}. Read each one in your mail app and send it; then record it, e.g. referral-kit update "<prospect>" --thanked.`,
  imapFailed: (reason: string) => `could not put the drafts in your mailbox: ${reason}`,
  notSentTo: (to: string, reason: string) => `not sent to ${to}: ${reason}`,
  ledgerNotUpdated: (to: string, problem: string) => `sent to ${to}, but the ledger could not be updated: ${problem}`,
  sentSummary: (count: number, from: string, log: string) => `${count} sent from ${from}; the sent log is ${log}.`,
  sendingElsewhere: 'another referral-kit is sending from this content folder right now; wait for it to finish',
  futureToday: (today: string) => `--today: ${today} is in the future; --send records today's date in the ledger, so leave --today out (or look ahead without --send)`,
  unknownKind: (kinds: readonly string[], got: string) => `--kind: must be one of: ${kinds.join(', ')} (got ${got})`,
  notWaiting: (option: string, id: string, log: string, state: string | undefined) => `--${option}: no message ${id} waiting to be checked in ${log}${state ? ` (it is ${state})` : ''}`,
  confirmedSent: (subject: string, to: string) => `✓ Recorded ${subject} to ${to} as sent.`,
  willResend: (subject: string, to: string) => `✓ ${subject} to ${to} will be sent by the next follow-up --send.`,
  fixBeforeFollowUp: (summary: string) => `${summary}: fix the errors above before following up`,
  noSuchTodo: (who: string, kind: string | undefined) => `no follow-up to-do today about ${who}${kind ? ` of kind ${kind}` : ''} (see referral-kit report)`,
  badDays: (got: string) => `--days: must be a whole number of days from 1 to 3650 (got ${got})`,
  kitFirst: 'fix kit.yaml first: your email address is what an introduction has in cc',
  inboxFailed: (reason: string) => `could not read your inbox: ${reason}`,
  emlUnreadable: (file: string, reason: string) => `--eml: could not read ${file} (${reason})`,
  introNeedsWho: 'say who introduced whom: --from <partner> --prospect "<name>" (or --eml <file> to read it from an email)',
  proposedLine: (date: string, partner: string, slug: string, prospect: string, subject: string) => `${date}  ${partner} (${slug}) introduced ${prospect}${subject ? `: ${subject}` : ''}`,
  proposedQuestion: (prospect: string, partner: string, date: string) => `Add ${prospect} from ${partner} on ${date}? [y/N] `,
  loggedFound: (file: string, line: string) => `✓ Logged in ${file}: ${line}`,
  loggedNext: '  Next: contact them, then: referral-kit update "<prospect>" --contacted',
  ledgerHasErrors: 'the ledger has errors: run referral-kit check',
  introGone: (prospect: string, partner: string, date: string) => `the introduction of ${prospect} by ${partner} on ${date} is no longer in the ledger`,
  noStartTls: 'the server would not encrypt the connection (STARTTLS), and mail to it must be encrypted: check the address and port (465 is smtps://, 587 is smtp:// with STARTTLS)',
  serverReplied: (reply: string) => `the server replied "${reply}"`,
  mailboxUnreachable: (reason: string) => `could not reach the mailbox: ${reason}`,
  noDraftsFolder: (name: string) => `no folder named ${name} in the mailbox (drafts_folder in your mail settings)`,
  notAnAddress: (variable: string, protocol: string) => `${variable}: not an address like ${protocol}s://you%40example.com@${protocol}.example.com`,
  wrongScheme: (variable: string, protocol: string) => `${variable}: must start with ${protocol}s:// or ${protocol}://`,
  noHost: (variable: string) => `${variable}: the address has no server name`,
  settingsNotFound: (file: string) => `mail settings file not found: ${file}`,
  draftCommand: (command: string) => `draft it: ${command}`,
} as const;
