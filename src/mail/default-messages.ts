/**
 * Every built-in message and default sentence of the follow-through and delivery features, keyed
 * by name, in one place so that it can move into the string catalog as it is.
 *
 * The built-in messages are used when a kit has no script of that channel. They are deliberately
 * neutral (the owner's own words, in `scripts/`, are always better) and promise nothing: they say
 * what happened, thank, and offer, in the owner's name.
 */
import type { OwnerChannel } from '../schemas/script.ts';

export interface BuiltInMessage {
  subject: string;
  /** MDX, like a script's body: Markdown and `{variables}`, nothing else. */
  body: string;
}

/** The fallback for each owner-to-partner channel a kit has no script for. */
export const builtInMessages: Record<OwnerChannel, BuiltInMessage> = {
  invite: {
    subject: 'Your introduction kit, {partner.first_name}',
    body: `Hi {partner.first_name},

Thank you for being willing to introduce people to me. I put together a page for you with who to look out for and what to say, ready to copy:

{kit_url}

{owner.first_name}
`,
  },
  'thank-you': {
    subject: 'Thank you for introducing {intro.prospect}',
    body: `Hi {partner.first_name},

Thank you for introducing me to {intro.prospect}. I appreciate you thinking of me, and I will let you know how it goes.

{owner.first_name}
`,
  },
  outcome: {
    subject: 'How it went with {intro.prospect}',
    body: `Hi {partner.first_name},

A quick note on {intro.prospect}, whom you introduced to me on {intro.date}: where it stands now is "{intro.status}". Thank you again for the introduction.

{owner.first_name}
`,
  },
  'ask-again': {
    subject: 'Anyone you know, {partner.first_name}?',
    body: `Hi {partner.first_name},

If you come across someone who could use my help, I would be glad of an introduction. Who I work with and what to say are all on your page:

{kit_url}

{owner.first_name}
`,
  },
  'give-back': {
    subject: 'Can I introduce you to someone?',
    body: `Hi {partner.first_name},

You have sent some good people my way, and I would like to return the favour. Who would you like to meet? Tell me and I will keep an eye out.

{owner.first_name}
`,
  },
  're-educate': {
    subject: 'Who I can help most, {partner.first_name}',
    body: `Hi {partner.first_name},

Thank you for the introductions you have been sending. So that your time is well spent, here is who I can help most, and who I am not the right person for:

{kit_url}

{owner.first_name}
`,
  },
  'testimonial-request': {
    subject: 'Would you say a few words, {partner.first_name}?',
    body: `Hi {partner.first_name},

Would you be willing to write a sentence or two about working with me? I would only share it with your permission, in the words you choose.

{owner.first_name}
`,
  },
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
  secretInContent: 'a mail password or mail settings file in the content folder: keep them outside it (the password in REFERRAL_KIT_SMTP_PASSWORD / REFERRAL_KIT_IMAP_PASSWORD), so they never reach a repository or a host',
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
  noStartTls:
    'the server would not encrypt the connection (STARTTLS), and mail to it must be encrypted: check the address and port (465 is smtps://, 587 is smtp:// with STARTTLS)',
  serverReplied: (reply: string) => `the server replied "${reply}"`,
  mailboxUnreachable: (reason: string) => `could not reach the mailbox: ${reason}`,
  noDraftsFolder: (name: string) => `no folder named ${name} in the mailbox (drafts_folder in your mail settings)`,
  notAnAddress: (variable: string, protocol: string) => `${variable}: not an address like ${protocol}s://you%40example.com@${protocol}.example.com`,
  wrongScheme: (variable: string, protocol: string) => `${variable}: must start with ${protocol}s:// or ${protocol}://`,
  noHost: (variable: string) => `${variable}: the address has no server name`,
  settingsNotFound: (file: string) => `mail settings file not found: ${file}`,
  draftCommand: (command: string) => `draft it: ${command}`,
} as const;
