/**
 * `referral-kit invite [slug…]`: an invitation per partner, as an email draft to open in your own
 * mail client (`.eml`) or as a mailto link. Nothing is sent, and no credentials are involved.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { defineCommand, type ArgsDef } from 'citty';
import { displayPath } from '../kit/diagnostics.ts';
import { composeEml } from '../kit/eml.ts';
import { invitations } from '../kit/invite.ts';
import { mailtoUrl } from '../kit/mailto.ts';
import { printable } from '../kit/text.ts';
import { contentOption, fail, loadCheckedKit, rejectUnknown, unknownPartnerMessage } from './options.ts';

const formats = ['eml', 'mailto'];

const args = {
  ...contentOption,
  slugs: { type: 'positional', description: 'Partners to invite (default: every partner)', required: false, valueHint: 'slug…' },
  out: { type: 'string', description: 'Folder to write the .eml drafts to', default: 'outbox', valueHint: 'dir' },
  format: { type: 'enum', options: formats, description: 'eml: one draft file per partner; mailto: print one link per partner', default: 'eml' },
  force: { type: 'boolean', description: 'Replace drafts already in the folder' },
  json: { type: 'boolean', description: 'Print what was written (or the mailto links) as JSON' },
} satisfies ArgsDef;

export const inviteCommand = defineCommand({
  meta: { name: 'invite', description: 'Write each partner an invitation with their kit link, as email drafts to send yourself' },
  args,
  async run({ args: parsed }) {
    if (rejectUnknown(parsed, args)) return;
    const content = await loadCheckedKit(parsed.content, 'inviting anyone');
    if (!content) return;
    const slugs = parsed._;
    const known = content.partners.map((partner) => partner.slug);
    const unknown = slugs.filter((slug) => !known.includes(slug));
    if (unknown.length) {
      for (const slug of unknown) fail(unknownPartnerMessage(slug, known));
      return;
    }
    if (!content.scripts.some((script) => script.data.channel === 'invite')) {
      fail('no invitation to send: add a script with `channel: invite` (see scripts/invite.mdx in the example kit)');
      return;
    }
    const chosen = slugs.length ? content.partners.filter((partner) => slugs.includes(partner.slug)) : content.partners;
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
    const drafts = ready.map((invitation) => ({ ...invitation, file: join(outDir, `${invitation.slug}.eml`) }));
    const existing = drafts.filter(({ file }) => existsSync(file));
    if (existing.length && !parsed.force) {
      for (const { file } of existing) console.error(`referral-kit: ${displayPath(file)} already exists`);
      fail('nothing was written: send or move those drafts, or run again with --force to replace them');
      return;
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
      await writeFile(draft.file, eml);
    }

    if (parsed.json) {
      const written = drafts.map(({ slug, name, email, subject, file }) => ({ slug, name, email, subject, file: displayPath(file) }));
      console.log(JSON.stringify({ invitations: written, skipped }, null, 2));
    } else {
      for (const { file, name, email } of drafts) console.log(`${displayPath(file)}  to ${printable(name)} <${email}>`);
      console.log(
        drafts.length
          ? `✓ ${drafts.length} draft${drafts.length === 1 ? '' : 's'} in ${displayPath(outDir)}: open each in your mail app, read it over, and send it.`
          : 'No drafts written.',
      );
    }
    reportSkipped();
  },
});

export const inviteExamples = [
  'referral-kit invite                      # a draft for every partner, in outbox/',
  'referral-kit invite jane-smith omar-haddad',
  'referral-kit invite --format mailto',
];
