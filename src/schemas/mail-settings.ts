/**
 * The mail settings file (`mail.yaml`, outside the content folder): which account `follow-up` and
 * `invite` deliver through, and how gently they send. Never a password: that lives only in
 * REFERRAL_KIT_SMTP_PASSWORD / REFERRAL_KIT_IMAP_PASSWORD.
 */
import { z } from './zod.ts';
import { optional } from './fields.ts';

/**
 * A pause and a daily cap that stay well inside what personal accounts allow (Gmail: about 500
 * recipients a day; Microsoft 365: 30 messages a minute, 10,000 recipients a day), and look like
 * a person sending, not a bulk mailer.
 */
export const sendingDefaults = { pause_seconds: 10, daily_cap: 50 } as const;

const mailUrl = (schemes: string) =>
  z
    .string({ error: `must be an address like ${schemes}` })
    .trim()
    .min(1, { error: `must be an address like ${schemes}` });

export const mailSettingsSchema = z.strictObject({
  smtp_url: optional(mailUrl('smtps://you%40example.com@smtp.example.com:465')).describe(
    'Where messages are sent from: smtps://user@host:465, or smtp://user@host:587 (STARTTLS). The user name is URL-encoded (@ becomes %40). No password here.',
  ),
  imap_url: optional(mailUrl('imaps://you%40example.com@imap.example.com:993')).describe(
    'The mailbox whose Drafts folder receives drafts, and whose inbox `referral-kit inbox` reads: imaps://user@host:993. No password here.',
  ),
  drafts_folder: optional(z.string().trim().min(1)).describe('The Drafts folder, when the server does not mark one (most do: Gmail, Outlook, Fastmail and iCloud need nothing here).'),
  pause_seconds: optional(z.number({ error: 'must be a number of seconds' }).min(0).max(3600))
    .transform((value) => value ?? sendingDefaults.pause_seconds)
    .describe(`Seconds to wait between two messages sent over SMTP. Defaults to ${sendingDefaults.pause_seconds}.`),
  daily_cap: optional(z.number({ error: 'must be a whole number' }).int().min(1).max(10000))
    .transform((value) => value ?? sendingDefaults.daily_cap)
    .describe(`At most this many messages sent over SMTP in one day; the rest wait for the next run. Defaults to ${sendingDefaults.daily_cap}.`),
});

export type MailSettings = z.output<typeof mailSettingsSchema>;
