import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeEml, headerText } from '../src/kit/eml.ts';
import { runCli } from './helpers/cli.ts';
import { copyFixture, fixture, tempDir } from './helpers/fixtures.ts';
import { parseMailto } from './helpers/mailto.ts';

const tokens = { jane: 'jAn3sm1thT0kenXXaaBBccDD', omar: '0marHaddadT0kenQQrrSSttUU', zoe: 'z0eObrienT0kenRRssTTuuVV' };
const hostileName = `Zoë "Z" O'Brien, <bcc@evil.test>; =?x?= \\`;

/** The basic fixture, with emails for more partners and a colleague variant of the invitation. */
function kitWithEmails(): string {
  const content = copyFixture('basic');
  const omar = join(content, 'partners', 'omar-haddad.yaml');
  writeFileSync(omar, `${readFileSync(omar, 'utf8')}email: omar@example.com\n`);
  writeFileSync(join(content, 'partners', 'zoe-obrien.yaml'), `name: ${JSON.stringify(hostileName)}\ntoken: ${tokens.zoe}\ncategory: former-client\nemail: zoe@example.com\n`);
  writeFileSync(
    join(content, 'scripts', 'invite-colleague.mdx'),
    '---\ntitle: Invitation for a colleague\nchannel: invite\ncategories: [colleague]\n---\nDear {partner.first_name}, **colleague** to colleague: {kit_url}\n\nRegards,\n\n{owner.first_name}\n',
  );
  return content;
}

const address = (field: AddressObject | AddressObject[] | undefined) => [field ?? []].flat().flatMap((a) => a.value);

async function readDraft(file: string): Promise<{ raw: string; mail: ParsedMail }> {
  const raw = readFileSync(file, 'latin1');
  return { raw, mail: await simpleParser(readFileSync(file)) };
}

describe('referral-kit invite', () => {
  it('writes a draft per partner with an email, and lists the others as skipped', async () => {
    const content = kitWithEmails();
    const out = join(tempDir('outbox'), 'outbox');
    const { code, stdout, stderr } = await runCli(['invite', '--content', content, '--out', out]);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['jane-smith.eml', 'omar-haddad.eml', 'zoe-obrien.eml']);
    expect(stdout).toMatch(/jane-smith.eml {2}to Jane Smith <jane-private-marker@example.com>/);
    expect(stdout).toMatch(/✓ 3 drafts in .*outbox: open each in your mail app, read it over, and send it.$/);
    expect(stderr.split('\n')).toEqual([
      `skipped eve-hostile (Eve <script>alert('name')</script> O'Hara): no email`,
      'skipped quiet-partner (Quinn Quiet): no email',
      'skipped wang-xiaoming (王小明): no email',
    ]);
  });

  it('makes an RFC 5322 draft, to the partner, from the owner, with text and HTML parts', async () => {
    const content = kitWithEmails();
    const out = join(tempDir('outbox'), 'outbox');
    await runCli(['invite', 'jane-smith', '--content', content, '--out', out]);
    const { raw, mail } = await readDraft(join(out, 'jane-smith.eml'));
    expect(mail.headers.get('x-unsent')).toBe('1');
    expect(address(mail.to)).toEqual([{ address: 'jane-private-marker@example.com', name: 'Jane Smith' }]);
    expect(address(mail.from)).toEqual([{ address: 'alex@rivera.test', name: 'Alex Rivera' }]);
    expect(mail.subject).toBe('Your kit, Jane');
    expect(mail.date).toBeInstanceOf(Date);
    const kitUrl = `https://kit.rivera.test/team/kit/${tokens.jane}/`;
    expect(mail.text?.trim()).toBe(`Hi Jane, here is your kit: ${kitUrl} INVITE-MARKER`);
    expect(mail.html).toContain(`<body style="overflow-wrap:anywhere;word-break:break-word"><p>Hi Jane, here is your kit: ${kitUrl} INVITE-MARKER</p></body>`);
    expect(mail.html).toMatch(/^<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Your kit, Jane<\/title>/);
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });

    const [head] = raw.split('\r\n\r\n');
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(head).toMatch(/^[\x20-\x7e\r\n\t]+$/);
    expect(Math.max(...raw.split('\r\n').map((line) => line.length))).toBeLessThanOrEqual(78);
  });

  it('encodes names in any script, and a hostile name stays one name', async () => {
    const content = kitWithEmails();
    const out = join(tempDir('outbox'), 'outbox');
    await runCli(['invite', 'omar-haddad', 'zoe-obrien', '--content', content, '--out', out]);
    const zoe = await readDraft(join(out, 'zoe-obrien.eml'));
    expect(address(zoe.mail.to)).toEqual([{ address: 'zoe@example.com', name: hostileName }]);
    expect(zoe.mail.bcc).toBeUndefined();
    expect(zoe.raw).toMatch(/^To: =\?UTF-8\?/m);
    expect(zoe.mail.subject).toBe('Your kit, Zoë');
    expect(zoe.mail.text).toContain('Hi Zoë, here is your kit:');

    const omar = await readDraft(join(out, 'omar-haddad.eml'));
    expect(address(omar.mail.to)).toEqual([{ address: 'omar@example.com', name: 'عمر حداد' }]);
  });

  it("keeps markup in a partner's values as text in the HTML part", async () => {
    const content = kitWithEmails();
    const eve = join(content, 'partners', 'eve-hostile.yaml');
    writeFileSync(eve, `${readFileSync(eve, 'utf8')}email: eve@example.com\n`);
    const out = join(tempDir('outbox'), 'outbox');
    await runCli(['invite', 'eve-hostile', '--content', content, '--out', out]);
    const { mail } = await readDraft(join(out, 'eve-hostile.eml'));
    expect(mail.html).toContain('<p>Hi &#x3C;img src=x onerror=alert(1)>, here is your kit:');
    expect(mail.html).not.toMatch(/<img|<script/);
    expect(mail.text).toContain('Hi <img src=x onerror=alert(1)>, here is your kit:');
  });

  it('uses the category variant of the invitation, with a default subject', async () => {
    const content = kitWithEmails();
    const out = join(tempDir('outbox'), 'outbox');
    await runCli(['invite', 'omar-haddad', '--content', content, '--out', out]);
    const { mail } = await readDraft(join(out, 'omar-haddad.eml'));
    expect(mail.subject).toBe('Your introduction kit, عمر');
    expect(mail.text?.trim()).toBe(`Dear عمر, colleague to colleague: https://kit.rivera.test/team/kit/${tokens.omar}/\n\nRegards,\n\nAlex`);
    expect(mail.html).toContain('<strong>colleague</strong>');
  });

  it('never overwrites a draft unless told to', async () => {
    const content = kitWithEmails();
    const out = join(tempDir('outbox'), 'outbox');
    await runCli(['invite', 'jane-smith', '--content', content, '--out', out]);
    writeFileSync(join(out, 'jane-smith.eml'), 'edited by hand');
    const refused = await runCli(['invite', '--content', content, '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/jane-smith.eml already exists\nreferral-kit: nothing was written: send or move those drafts, or run again with --force to replace them$/);
    expect(readdirSync(out)).toEqual(['jane-smith.eml']);
    expect(readFileSync(join(out, 'jane-smith.eml'), 'utf8')).toBe('edited by hand');
    expect((await runCli(['invite', '--content', content, '--out', out, '--force'])).code).toBe(0);
    expect(readFileSync(join(out, 'jane-smith.eml'), 'utf8')).toContain('X-Unsent: 1');
  });

  it('prints mailto links instead, saying the same as the drafts', async () => {
    const content = kitWithEmails();
    const out = join(tempDir('outbox'), 'outbox');
    const { code, stdout } = await runCli(['invite', '--content', content, '--format', 'mailto', '--out', out]);
    expect(code).toBe(0);
    expect(existsSync(out)).toBe(false);
    const lines = stdout.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Jane Smith <mailto:[^ >]+>$/);
    const link = parseMailto(/<(mailto:[^>]+)>$/.exec(lines[0]!)![1]!);
    expect(link).toEqual({
      to: 'jane-private-marker@example.com',
      fields: { subject: 'Your kit, Jane', body: `Hi Jane, here is your kit: https://kit.rivera.test/team/kit/${tokens.jane}/ INVITE-MARKER` },
      keys: ['subject', 'body'],
    });
    expect(parseMailto(/<(mailto:[^>]+)>$/.exec(lines[2]!)![1]!).to).toBe('zoe@example.com');
  });

  it('lists what it did as JSON', async () => {
    const content = kitWithEmails();
    const { stdout } = await runCli(['invite', 'jane-smith', 'quiet-partner', '--content', content, '--format', 'mailto', '--json']);
    const report = JSON.parse(stdout) as { invitations: { slug: string; mailto: string }[]; skipped: { slug: string; reason: string }[] };
    expect(report.invitations.map((i) => i.slug)).toEqual(['jane-smith']);
    expect(report.invitations[0]?.mailto).toMatch(/^mailto:jane-private-marker@example.com\?subject=/);
    expect(report.skipped).toEqual([{ slug: 'quiet-partner', name: 'Quinn Quiet', reason: 'no email' }]);
  });

  it('refuses unknown partners, content with errors, and a kit without an invitation', async () => {
    const content = kitWithEmails();
    const unknown = await runCli(['invite', 'jane-smtih', '--content', content]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('referral-kit: no partner "jane-smtih": did you mean "jane-smith"?');
    const invalid = await runCli(['invite', '--content', fixture('invalid')]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/fix the errors above before inviting anyone$/);
    for (const file of readdirSync(join(content, 'scripts')).filter((name) => name.startsWith('invite'))) {
      writeFileSync(join(content, 'scripts', file), '---\ntitle: Not an invite\nchannel: text\n---\nHi\n');
    }
    const none = await runCli(['invite', '--content', content]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no invitation to send: add a script with `channel: invite`/);
  });
});

describe('composeEml', () => {
  it('keeps line breaks in names and subjects from starting a header', async () => {
    const eml = await composeEml({
      from: { name: 'Alex\r\nBcc: owner-bcc@evil.test', address: 'alex@example.com' },
      to: { name: 'Eve\nBcc: victim@evil.test\r\n\r\n<p>body</p>', address: 'eve@example.com\r\nCc: x@evil.test' },
      subject: 'Hello\r\nBcc: subject@evil.test',
      text: 'Hi',
      html: '<p>Hi</p>',
      language: 'en',
      date: new Date('2026-01-02T03:04:05Z'),
    });
    const mail = await simpleParser(eml);
    expect(mail.bcc).toBeUndefined();
    expect(mail.cc).toBeUndefined();
    expect(mail.subject).toBe('Hello Bcc: subject@evil.test');
    expect(address(mail.to).map((a) => a.name)).toEqual(['Eve Bcc: victim@evil.test <p>body</p>']);
    expect(mail.date?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect([...mail.headers.keys()].sort()).toEqual(['content-type', 'date', 'from', 'message-id', 'mime-version', 'subject', 'to', 'x-unsent']);
  });

  it('turns every control character and line separator into a space', () => {
    expect(headerText(' a\r\nb\u2028c\td\u0000e  ')).toBe('a b c d e');
  });
});
