/**
 * `referral-kit invite [slug…]`: an invitation per partner, as an email draft to open in your own
 * mail client (`.eml`) or as a mailto link. Nothing is sent, and no credentials are involved.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { defineCommand, type ArgsDef } from 'citty';
import { projectRoot } from '../build/project-root.ts';
import { displayPath } from '../kit/diagnostics.ts';
import { composeEml } from '../kit/eml.ts';
import { invitations } from '../kit/invite.ts';
import { mailtoUrl } from '../kit/mailto.ts';
import { publishedPlace } from '../kit/published.ts';
import { plural, printable } from '../kit/text.ts';
import { localToday } from '../kit/dates.ts';
import { ledgerPath } from '../ledger/load.ts';
import { inviteMessages } from '../mail/messages.ts';
import { deliver, deliveryMode, deliveryOptions } from './deliver.ts';
import { ledgerSchemaPath } from './ledger.ts';
import { CliError } from './cli-error.ts';
import { contentOption, loadCheckedKit, rejectUnknown, unknownPartnerMessage } from './options.ts';

const formats = ['eml', 'mailto'];

const args = {
  ...contentOption,
  slugs: { type: 'positional', description: 'Partners to invite (default: every partner)', required: false, valueHint: 'slug…' },
  out: { type: 'string', description: 'Folder to write the .eml drafts to', default: 'outbox', valueHint: 'dir' },
  format: { type: 'enum', options: formats, description: 'eml: one draft file per partner; mailto: print one link per partner', default: 'eml' },
  force: { type: 'boolean', description: 'Replace drafts already in the folder' },
  imap: deliveryOptions.imap,
  send: { type: 'boolean', description: 'Send each invitation from your own account over SMTP (REFERRAL_KIT_SMTP_URL), once: the sent log remembers' },
  'dry-run': { type: 'boolean', description: 'With --send: list what would be sent, and send nothing' },
  'mail-settings': deliveryOptions['mail-settings'],
  json: { type: 'boolean', description: 'Print what was written (or the mailto links) as JSON' },
} satisfies ArgsDef;

export const inviteCommand = defineCommand({
  meta: { name: 'invite', description: 'Write each partner an invitation with their kit link, as email drafts to send yourself' },
  args,
  async run({ args: parsed }) {
    rejectUnknown(parsed, args);
    const content = await loadCheckedKit(parsed.content, 'inviting anyone');
    const slugs = parsed._;
    const known = content.partners.map((partner) => partner.slug);
    const unknown = slugs.filter((slug) => !known.includes(slug));
    if (unknown.length) {
      throw new CliError(unknown.map((slug) => unknownPartnerMessage(slug, known)));
    }
    if (!content.scripts.some((script) => script.data.channel === 'invite')) {
      throw new CliError('no invitation to send: add a script with `channel: invite` (see scripts/invite.mdx in the example kit)');
    }
    const chosen = slugs.length ? content.partners.filter((partner) => slugs.includes(partner.slug)) : content.partners;
    if (parsed.imap || parsed.send) {
      const mode = deliveryMode(parsed, 'eml');
      const { messages, skipped: notReady } = await inviteMessages(content, chosen);
      const today = localToday();
      await deliver({
        content,
        messages,
        skipped: notReady,
        mode: mode === 'send' && parsed['dry-run'] ? 'dry-run' : mode,
        out: parsed.out,
        force: Boolean(parsed.force),
        json: Boolean(parsed.json),
        mailSettings: parsed['mail-settings'],
        ledger: { file: ledgerPath(content.contentDir), context: { partners: content.partners.map((p) => p.slug), today }, schemaPath: ledgerSchemaPath(content.contentDir) },
        today,
      });
      return;
    }
    const { invitations: ready, skipped } = await invitations(content, chosen);
    const reportSkipped = () => {
      for (const { slug, name, reason } of skipped) console.warn(`skipped ${slug} (${printable(name)}): ${reason}`);
    };

    if (parsed.format === 'mailto') {
      const links = ready.map(({ slug, name, email, subject, text }) => ({ slug, name, email, mailto: mailtoUrl({ to: email, subject, body: text }) }));
      if (parsed.json) console.log(JSON.stringify({ invitations: links, skipped }, null, 2));
      else for (const { name, mailto } of links) console.log(`${printable(name)} <${mailto}>`);
      reportSkipped();
      return;
    }

    const outDir = resolve(parsed.out);
    const published = await publishedPlace(outDir, projectRoot);
    if (published) {
      throw new CliError(`--out: not writing drafts there: ${published}. They hold each partner's secret kit link; write them elsewhere, like outbox`);
    }
    const drafts = ready.map((invitation) => ({ ...invitation, file: join(outDir, `${invitation.slug}.eml`) }));
    const existing = drafts.filter(({ file }) => existsSync(file));
    if (existing.length && !parsed.force) {
      throw new CliError([...existing.map(({ file }) => `${displayPath(file)} already exists`), 'nothing was written: send or move those drafts, or run again with --force to replace them']);
    }
    const { owner } = content.kit;
    const date = new Date();
    await mkdir(outDir, { recursive: true });
    for (const draft of drafts) {
      const eml = await composeEml({
        from: { name: owner.name, address: owner.email },
        to: { name: draft.name, address: draft.email },
        subject: draft.subject,
        text: draft.text,
        html: draft.html,
        language: draft.language,
        date,
      });
      // Readable by the owner only: each draft holds a secret kit link.
      await writeFile(draft.file, eml, { mode: 0o600 });
      await chmod(draft.file, 0o600);
    }

    if (parsed.json) {
      const written = drafts.map(({ slug, name, email, subject, file }) => ({ slug, name, email, subject, file: displayPath(file) }));
      console.log(JSON.stringify({ invitations: written, skipped }, null, 2));
    } else {
      for (const { file, name, email } of drafts) console.log(`${displayPath(file)}  to ${printable(name)} <${email}>`);
      console.log(drafts.length ? `✓ ${plural(drafts.length, 'draft')} in ${displayPath(outDir)}: open each in your mail app, read it over, and send it.` : 'No drafts written.');
    }
    reportSkipped();
  },
});

export const inviteExamples = [
  'referral-kit invite                      # a draft for every partner, in outbox/',
  'referral-kit invite jane-smith omar-haddad',
  'referral-kit invite --format mailto',
  "referral-kit invite --imap                # drafts in your mailbox's Drafts folder",
  'referral-kit invite --send --dry-run      # what --send would send',
];
