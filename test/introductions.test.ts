/**
 * Introductions logged from the email itself: a saved .eml (`log intro --eml`) and the inbox
 * over IMAP (`inbox`, against Dovecot). Proposed first, added once confirmed, never twice.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import MailComposer from 'nodemailer/lib/mail-composer';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { findIntroductions } from '../src/mail/introductions.ts';
import { runCli } from './helpers/cli.ts';
import { repoRoot, tempDir } from './helpers/fixtures.ts';
import { startDovecot } from './helpers/mail-servers.ts';

function exampleKit(): string {
  const content = join(tempDir('intro'), 'content');
  cpSync(join(repoRoot, 'content'), content, { recursive: true });
  return content;
}

/** An introduction as the kit's "Open as an email" makes it: partner to prospect, the owner in cc. */
async function email(fields: { from: string; to: string; cc?: string; date?: string; subject?: string }): Promise<Buffer> {
  return new MailComposer({
    from: fields.from,
    to: fields.to,
    ...(fields.cc ? { cc: fields.cc } : {}),
    subject: fields.subject ?? 'Introduction: Maya Okafor, bookkeeping for creative studios',
    date: new Date(fields.date ?? '2026-11-28T15:00:00Z'),
    text: 'Hi Noor, meet Maya.',
  })
    .compile()
    .build();
}

const received = (content: string) => (parse(readFileSync(join(content, 'referrals.yaml'), 'utf8')) as { received: { date: string; from: string; prospect: string; status: string }[] }).received;

const savedEnv = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (key.startsWith('REFERRAL_KIT_') || key === 'XDG_CONFIG_HOME') delete process.env[key];
  Object.assign(process.env, savedEnv);
});

describe('findIntroductions', () => {
  const search = {
    partners: [{ slug: 'priya-nair', name: 'Priya Nair', email: 'Priya@Fieldnote.example' }],
    ownerEmail: 'maya@ledgerandline.example',
    received: [{ from: 'priya-nair', prospect: 'Ben Adler' }],
    today: '2026-12-01',
  };
  const priya = { name: 'Priya Nair', address: 'priya@fieldnote.example' };
  const maya = { name: 'Maya', address: 'MAYA@ledgerandline.example' };

  it('finds who a partner wrote to with the owner in cc, and nothing else', () => {
    expect(
      findIntroductions(
        [
          { date: new Date('2026-11-28T15:00:00Z'), subject: 'Meet Maya', from: [priya], to: [{ name: 'Noor Haddad', address: 'noor@studio.example' }], cc: [maya] },
          // Not in cc, not from a partner, or already in the ledger: not proposed.
          { from: [priya], to: [{ name: 'Sam', address: 'sam@x.example' }], cc: [] },
          { from: [{ name: 'Stranger', address: 'who@x.example' }], to: [{ name: 'Lee', address: 'lee@x.example' }], cc: [maya] },
          { from: [priya], to: [{ name: 'ben  ADLER', address: 'ben@x.example' }], cc: [maya] },
          // A date in the future (a wrong clock) counts as today; a name-less address stands for the person.
          { date: new Date('2027-05-01T00:00:00Z'), from: [priya], to: [{ name: '', address: 'kim@x.example' }], cc: [maya] },
        ],
        search,
      ),
    ).toEqual([
      { from: 'priya-nair', partnerName: 'Priya Nair', prospect: 'Noor Haddad', date: '2026-11-28', subject: 'Meet Maya' },
      { from: 'priya-nair', partnerName: 'Priya Nair', prospect: 'kim@x.example', date: '2026-12-01', subject: '' },
    ]);
  });
});

describe('referral-kit log intro --eml', () => {
  it('proposes the introduction a saved email holds, adds it with --yes, and not twice', async () => {
    const content = exampleKit();
    const file = join(tempDir('eml'), 'intro.eml');
    writeFileSync(file, await email({ from: 'Priya Nair <priya@fieldnote.example>', to: 'Noor Haddad <noor@studio.example>', cc: 'Maya Okafor <maya@ledgerandline.example>' }));

    const asked = await runCli(['log', 'intro', '--eml', file, '--content', content]);
    expect(asked.code).toBe(0);
    expect(asked.stdout.split('\n')).toEqual([
      'Found 1 introduction to log:',
      '  2026-11-28  Priya Nair (priya-nair) introduced "Noor Haddad": Introduction: Maya Okafor, bookkeeping for creative studios',
      'Add them with --yes, or log one by hand with referral-kit log intro.',
    ]);
    expect(received(content).some((entry) => entry.prospect === 'Noor Haddad')).toBe(false);

    const added = await runCli(['log', 'intro', '--eml', file, '--content', content, '--yes']);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('✓ Logged in ');
    expect(received(content).filter((entry) => entry.prospect === 'Noor Haddad')).toEqual([
      { date: '2026-11-28', from: 'priya-nair', prospect: 'Noor Haddad', kind: 'introduction', status: 'introduced' },
    ]);
    const again = await runCli(['log', 'intro', '--eml', file, '--content', content, '--yes']);
    expect(again.stdout).toBe('No new introduction found: the ones found are already in the ledger, or none came from a partner with you in cc.');
    expect(received(content).filter((entry) => entry.prospect === 'Noor Haddad')).toHaveLength(1);
    expect((await runCli(['check', '--content', content])).code).toBe(0);
  });

  it('still needs --from and --prospect without --eml', async () => {
    const run = await runCli(['log', 'intro', '--from', 'priya-nair', '--content', exampleKit()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('referral-kit: say who introduced whom: --from <partner> --prospect "<name>" (or --eml <file> to read it from an email)');
  });
});

describe('referral-kit inbox', () => {
  it('finds introductions in the inbox over IMAP (Dovecot) and logs each once', async () => {
    const dovecot = await startDovecot();
    try {
      const imap = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, doSTARTTLS: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
      await imap.connect();
      const maya = 'Maya Okafor <maya@ledgerandline.example>';
      for (const message of [
        { from: 'Priya Nair <priya@fieldnote.example>', to: 'Noor Haddad <noor@studio.example>', cc: maya },
        { from: 'Jordan Blake <jordan@blaketax.example>', to: 'Amir Saleh <amir@x.example>', cc: maya, date: '2026-11-17T10:00:00Z' },
        { from: 'Stranger <who@x.example>', to: 'Lee <lee@x.example>', cc: maya },
        { from: 'Lena Park <lena@makersguild.example>', to: 'Ola <ola@x.example>' },
      ]) {
        await imap.append('INBOX', await email(message));
      }
      await imap.logout();
      process.env.REFERRAL_KIT_IMAP_URL = `imap://${encodeURIComponent(dovecot.user)}@127.0.0.1:${dovecot.port}`;
      process.env.REFERRAL_KIT_IMAP_PASSWORD = dovecot.password;
      // Never the user's own settings file.
      process.env.XDG_CONFIG_HOME = tempDir('config');

      const content = exampleKit();
      const before = received(content).length;
      const run = await runCli(['inbox', '--content', content, '--days', '3650', '--yes']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout.split('\n').slice(0, 2)).toEqual([
        'Found 1 introduction to log:',
        '  2026-11-28  Priya Nair (priya-nair) introduced "Noor Haddad": Introduction: Maya Okafor, bookkeeping for creative studios',
      ]);
      expect(received(content)).toHaveLength(before + 1);
      const again = await runCli(['inbox', '--content', content, '--days', '3650', '--yes']);
      expect(again.stdout).toContain('No new introduction found');
      expect(received(content)).toHaveLength(before + 1);
    } finally {
      await dovecot.stop();
    }
  });
});
