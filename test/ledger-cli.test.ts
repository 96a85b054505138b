import { existsSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { localToday } from '../src/kit/dates.ts';
import { loadKit } from '../src/kit/load.ts';
import type { FollowUpReport } from '../src/ledger/report.ts';
import { jsonSchemaFile } from '../src/schemas/json-schema.ts';
import { runCli } from './helpers/cli.ts';
import { copyFixture, fixture, tempDir } from './helpers/fixtures.ts';
import { readPage } from './helpers/html.ts';
import { parseMailto } from './helpers/mailto.ts';

const today = localToday();

/** A ledger as an owner keeps it: comments, blank lines, odd spacing, both entry styles. */
const commented = `# yaml-language-server: $schema=../../schemas/referrals.schema.json
# Private. Keep backups!

received:            # introductions that came to me
  - date: 2026-09-01
    from: jane-smith     # met at the fair
    prospect:   "Dana Wu"
    status: introduced   # TODO call her

  - date: 2026-09-03
    from: omar-haddad
    prospect: Lee Park
    status: meeting
    notes: >-
      Folded
      note.

given:
  - { date: 2026-09-10, to: jane-smith, prospect: Sam Lee }   # thanks for Dana

asks:   # I ask every quarter
  - { date: 2026-08-01, partner: jane-smith }
# end of ledger
`;

function ledgerKit(ledger = commented): { content: string; file: string } {
  const content = copyFixture('basic');
  const file = join(content, 'referrals.yaml');
  writeFileSync(file, ledger);
  return { content, file };
}

/** `after` is `before` with `added` inserted before line `at` (1-based) and lines changed as given. */
function expectEdited(before: string, after: string, { at, added = [], changed = {} }: { at?: number; added?: string[]; changed?: Record<number, string> }) {
  const lines = before.split('\n');
  for (const [line, text] of Object.entries(changed)) lines[Number(line) - 1] = text;
  if (at !== undefined) lines.splice(at - 1, 0, ...added);
  expect(after).toBe(lines.join('\n'));
}

describe('a content folder that is not there', () => {
  it('is said in the same words by every command that reads it', async () => {
    const missing = join(tempDir('none'), 'missing');
    const commands = [
      ['check'],
      ['log', 'ask', 'jane-smith'],
      ['log', 'intro', '--from', 'jane-smith', '--prospect', 'Dana Wu'],
      ['update', 'Dana Wu', '--contacted'],
      ['report'],
      ['links'],
      ['rotate', 'jane-smith'],
    ];
    for (const command of commands) {
      const { code, stderr } = await runCli([...command, '--content', missing]);
      expect(code, command.join(' ')).toBe(1);
      expect(stderr.split('\n')[0], command.join(' ')).toBe(`${missing}:1:1: error: content folder not found (pass --content <folder>)`);
    }
  });
});

describe('referral-kit log', () => {
  it('appends an introduction and keeps every other byte of a commented ledger', async () => {
    const { content, file } = ledgerKit();
    const { code, stdout, stderr } = await runCli(['log', 'intro', '--from', 'omar-haddad', '--prospect', 'Kim: "K" Jo', '--date', '2026-09-20', '--content', content]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expectEdited(commented, readFileSync(file, 'utf8'), {
      at: 17,
      added: ['  - date: 2026-09-20', '    from: omar-haddad', '    prospect: \'Kim: "K" Jo\'', '    kind: introduction', '    status: introduced'],
    });
    expect(stdout).toMatch(/^✓ Logged in .*referrals\.yaml:17: عمر حداد introduced "Kim: \\"K\\" Jo" on 2026-09-20$/m);
    expect(stdout).toContain('Next: contact them today, then: referral-kit update "Kim: \\"K\\" Jo" --contacted');
    expect((await loadKit(content)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('records introductions given and asks as one-liners, dated today unless told', async () => {
    const { content, file } = ledgerKit();
    expect((await runCli(['log', 'given', '--to', 'wang-xiaoming', '--prospect', 'Ann, Bo', '--content', content])).code).toBe(0);
    const asked = await runCli(['log', 'ask', 'jane-smith', '--reeducated', '--notes', 'sent her the kit', '--date', '2026-09-30', '--content', content]);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain('you asked Jane Smith for introductions on 2026-09-30, and re-educated them');
    expect(asked.stdout).toContain('The report suggests asking again from 2026-12-29.');
    expectEdited(commented, readFileSync(file, 'utf8'), {
      at: 20,
      added: [`  - { date: ${today}, to: wang-xiaoming, prospect: "Ann, Bo" }`],
      changed: { 22: '  - { date: 2026-08-01, partner: jane-smith }\n  - { date: 2026-09-30, partner: jane-smith, reeducated: true, notes: sent her the kit }' },
    });
  });

  it('creates the ledger when there is none: private, with its schema for the editor', async () => {
    const content = copyFixture('basic');
    const file = join(content, 'referrals.yaml');
    unlinkSync(file);
    const { code, stdout } = await runCli(['log', 'intro', '--from', 'jane-smith', '--prospect', 'Dana Wu', '--kind', 'referral', '--content', content]);
    expect(code).toBe(0);
    expect(stdout).toContain('(new file: it is private, and the site never reads it)');
    const text = readFileSync(file, 'utf8');
    const schemaPath = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1];
    expect(resolve(dirname(file), schemaPath!)).toBe(jsonSchemaFile('referrals'));
    expect(parse(text)).toEqual({
      received: [{ date: today, from: 'jane-smith', prospect: 'Dana Wu', kind: 'referral', status: 'introduced' }],
      given: null,
      asks: null,
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await runCli(['check', '--content', content])).code).toBe(0);
  });

  it('refuses an unknown partner, a bad date or kind, and a duplicate, writing nothing', async () => {
    const { content, file } = ledgerKit();
    const log = (...args: string[]) => runCli(['log', ...args, '--content', content]);
    expect((await log('intro', '--from', 'jane-smtih', '--prospect', 'X')).stderr).toBe('referral-kit: no partner "jane-smtih": did you mean "jane-smith"?');
    expect((await log('ask', 'nobody')).stderr).toBe('referral-kit: no partner "nobody"; partners are: eve-hostile, jane-smith, omar-haddad, quiet-partner, wang-xiaoming');
    expect((await log('intro', '--from', 'jane-smith', '--prospect', 'X', '--date', '2026-02-30')).stderr).toBe('referral-kit: --date: must be a date like 2026-10-02 (got "2026-02-30")');
    expect((await log('intro', '--from', 'jane-smith', '--prospect', 'X', '--date', '2999-01-01')).stderr).toBe(`referral-kit: --date: 2999-01-01 is in the future (today is ${today})`);
    expect((await log('intro', '--from', 'jane-smith', '--prospect', 'X', '--kind', 'referal')).stderr).toBe(
      'referral-kit: --kind: must be one of: introduction, referral (got "referal"); did you mean "referral"?',
    );
    expect((await log('intro', '--from', 'jane-smith', '--prospect', '  ')).stderr).toBe('referral-kit: --prospect: must not be empty (got "")');
    const duplicate = await log('intro', '--from', 'jane-smith', '--prospect', 'dana wu', '--date', '2026-09-01');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/^referral-kit: already logged, on line 5 of .*referrals\.yaml; nothing was written$/);
    expect(readFileSync(file, 'utf8')).toBe(commented);
  });

  it('refuses to edit a ledger with errors, and shows them', async () => {
    const broken = commented.replace('status: meeting', 'status: meting');
    const { content, file } = ledgerKit(broken);
    const { code, stderr } = await runCli(['log', 'ask', 'omar-haddad', '--content', content]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/referrals\.yaml:13:13: error: received\[1\]\.status: must be one of: .* \(got "meting"\); did you mean "meeting"\?\n/);
    expect(stderr).toMatch(/referral-kit: fix .*referrals\.yaml first \(1 error above\); nothing was written$/);
    expect(readFileSync(file, 'utf8')).toBe(broken);
    const unreadable = ledgerKit('received: [\n');
    expect((await runCli(['log', 'ask', 'omar-haddad', '--content', unreadable.content])).stderr).toMatch(/referrals\.yaml:\d+:\d+: error: YAML: /);
    expect(readFileSync(unreadable.file, 'utf8')).toBe('received: [\n');
  });
});

describe('referral-kit update', () => {
  it('changes only the values asked for, keeping every comment', async () => {
    const { content, file } = ledgerKit();
    const { code, stdout, stderr } = await runCli(['update', 'DANA WU', '--status', 'won', '--value', '4,800', '--thanked', '--content', content]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expectEdited(commented, readFileSync(file, 'utf8'), {
      at: 9,
      added: ['    value: 4800', `    thanked: ${today}`],
      changed: { 8: '    status: won   # TODO call her' },
    });
    expect(stdout.split('\n')).toEqual([
      expect.stringMatching(/^✓ Updated "Dana Wu" \(introduced by Jane Smith on 2026-09-01\) in .*referrals\.yaml:5$/),
      '  status: introduced → won',
      '  value: 4800',
      `  thanked: ${today}`,
      '  Tell Jane Smith it is won, then: referral-kit update "Dana Wu" --outcome-shared',
    ]);
  });

  it('marks a prospect contacted, and keeps a date already set unless --date is given', async () => {
    const { content, file } = ledgerKit();
    expect((await runCli(['update', 'Dana Wu', '--contacted', '--date', '2026-09-02', '--content', content])).code).toBe(0);
    expect(parse(readFileSync(file, 'utf8')).received[0]).toMatchObject({ status: 'contacted', contacted: '2026-09-02' });
    const again = await runCli(['update', 'Dana Wu', '--contacted', '--content', content]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('Nothing to change: "Dana Wu" already has those values.\n  contacted: already 2026-09-02 (pass --date to change it)');
    expect((await runCli(['update', 'Dana Wu', '--contacted', '--date', '2026-09-03', '--content', content])).code).toBe(0);
    expect(parse(readFileSync(file, 'utf8')).received[0]).toMatchObject({ contacted: '2026-09-03' });
  });

  it('asks for --from when two partners introduced the same name, and takes the latest from one partner', async () => {
    const { content, file } = ledgerKit(
      commented.replace('given:', '  - { date: 2026-09-05, from: omar-haddad, prospect: dana wu }\n  - { date: 2026-09-06, from: omar-haddad, prospect: Dana Wu }\n\ngiven:'),
    );
    const before = readFileSync(file, 'utf8');
    const ambiguous = await runCli(['update', 'Dana Wu', '--status', 'won', '--content', content]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toBe(
      'referral-kit: 3 introductions of "Dana Wu": jane-smith on 2026-09-01 (line 5), omar-haddad on 2026-09-05 (line 18), omar-haddad on 2026-09-06 (line 19); say which with --from <slug>',
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect((await runCli(['update', 'Dana Wu', '--from', 'omar-haddad', '--status', 'won', '--content', content])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before.replace('prospect: Dana Wu }', 'prospect: Dana Wu, status: won }'));
    expect((await runCli(['update', 'Dana Wu', '--from', 'wang-xiaoming', '--status', 'won', '--content', content])).stderr).toBe(
      'referral-kit: no introduction of "Dana Wu" from wang-xiaoming; it came from jane-smith, omar-haddad',
    );
  });

  it('finds names without their accents, and suggests the name meant', async () => {
    const { content, file } = ledgerKit(commented.replace('Lee Park', 'Lée Park'));
    expect((await runCli(['update', 'lee park', '--status', 'lost', '--content', content])).code).toBe(0);
    expect(parse(readFileSync(file, 'utf8')).received[1]).toMatchObject({ prospect: 'Lée Park', status: 'lost' });
    expect((await runCli(['update', 'Dana Woo', '--thanked', '--content', content])).stderr).toBe('referral-kit: no introduction of "Dana Woo" in the ledger: did you mean "Dana Wu"?');
  });

  it('says what is wrong with the options, writing nothing', async () => {
    const { content, file } = ledgerKit();
    const update = (...args: string[]) => runCli(['update', ...args, '--content', content]);
    expect((await update('Dana Wu')).stderr).toBe('referral-kit: nothing to update: pass --status, --value, --contacted, --outcome-shared or --thanked');
    expect((await update('Dana Wu', '--status', 'wonn')).stderr).toBe(
      'referral-kit: --status: must be one of: introduced, contacted, meeting, won, lost, not-a-fit, unreachable (got "wonn"); did you mean "won"?',
    );
    expect((await update('Dana Wu', '--value', '$4800')).stderr).toBe('referral-kit: --value: must be a plain number, like 4800 (got "$4800")');
    expect((await update('Dana Wu', '--status', 'won', '--date', '2026-09-09')).stderr).toBe('referral-kit: --date is the date for --contacted, --outcome-shared or --thanked; pass one of them');
    expect((await update('Dana Wu', '--thanked', '--date', '2999-01-01')).stderr).toBe(`referral-kit: --date: 2999-01-01 is in the future (today is ${today})`);
    expect(readFileSync(file, 'utf8')).toBe(commented);
    const empty = copyFixture('basic');
    unlinkSync(join(empty, 'referrals.yaml'));
    expect((await runCli(['update', 'Dana Wu', '--thanked', '--content', empty])).stderr).toMatch(
      /^referral-kit: no .*referrals\.yaml yet: log the introduction first, with referral-kit log intro --from <partner> --prospect "Dana Wu"$/,
    );
    expect(existsSync(join(empty, 'referrals.yaml'))).toBe(false);
  });
});

describe('referral-kit report', () => {
  it('lists what to do today, one line each, most urgent first, and the sources', async () => {
    const { code, stdout, stderr } = await runCli(['report', '--content', fixture('basic'), '--today', '2026-10-01']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.slice(0, 13)).toEqual([
      'Referral follow-up for Alex Rivera, 2026-10-01',
      '',
      'To do today (7), most urgent first:',
      "  1. Contact <b>PROSPECT-MARKER-1185</b>: introduced by Eve <script>alert('name')</script> O'Hara 11 days ago, not contacted yet (you aim for 2 days)",
      '  2. Tell Jane Smith how it went with PROSPECT-MARKER-5521 Dana: won; introduced 30 days ago, and they have not heard yet',
      // Only Jane has an email: the others get no message to draft.
      '     draft it: referral-kit follow-up "PROSPECT-MARKER-5521 Dana" --kind outcome --eml',
      '  3. Tell عمر حداد how it went with <img src=x onerror=alert(3)> PROSPECT-MARKER-7310: not a fit; referred 16 days ago, and they have not heard yet',
      '  4. Thank عمر حداد for referring <img src=x onerror=alert(3)> PROSPECT-MARKER-7310: referred 16 days ago, not thanked yet',
      "  5. Thank Eve <script>alert('name')</script> O'Hara for introducing <b>PROSPECT-MARKER-1185</b>: introduced 11 days ago, not thanked yet",
      '  6. Ask Quinn Quiet for introductions: never asked',
      // Jane's introduction was won and there is no testimonial from her on file.
      '  7. Ask Jane Smith for a testimonial: 1 introduction from them became a client, and you have no testimonial from them yet',
      '     draft it: referral-kit follow-up jane-smith --kind testimonial-request --eml',
      '',
    ]);
    expect(stdout).toContain('  Jane Smith                                 client                1     0    1      100%         0%   €987,654  30 days ago           1');
    expect(stdout).toContain('  王小明                                     former-client         0     0    0         –          –         €0        never           0');
    expect(stdout).toMatch(/In all: 3 received, 1 open, 1 won \(50% of decided\), €987,654 won in value, 1 given back\.$/);
  });

  it('prints the same data as JSON', async () => {
    const { code, stdout } = await runCli(['report', '--content', fixture('basic'), '--today', '2026-10-01', '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as FollowUpReport;
    expect(report.today).toBe('2026-10-01');
    expect(report.settings).toEqual({ contact_within_days: 2, ask_again_after_days: 90 });
    expect(report.todo.map((item) => item.action)).toEqual(['contact', 'share-outcome', 'share-outcome', 'thank', 'thank', 'ask', 'ask-testimonial']);
    expect(report.todo[0]).toEqual({
      action: 'contact',
      partner: 'eve-hostile',
      partner_name: "Eve <script>alert('name')</script> O'Hara",
      prospect: '<b>PROSPECT-MARKER-1185</b>',
      status: 'introduced',
      since: '2026-09-20',
      days: 11,
      title: 'Contact <b>PROSPECT-MARKER-1185</b>',
      why: "introduced by Eve <script>alert('name')</script> O'Hara 11 days ago, not contacted yet (you aim for 2 days)",
      link: null,
    });
    expect(report.sources.total).toMatchObject({ partners: 5, received: 3, won: 1, value_won: 987654 });
    expect(report.sources.categories.map((c) => c.category)).toEqual(['client', 'colleague', 'other', 'former-client', 'competitor']);
  });

  it('uses the follow-up settings of kit.yaml', async () => {
    const content = copyFixture('basic');
    writeFileSync(join(content, 'kit.yaml'), `${readFileSync(join(content, 'kit.yaml'), 'utf8')}follow_up:\n  contact_within_days: 12\n  ask_again_after_days: 30\n`);
    const report = JSON.parse((await runCli(['report', '--content', content, '--today', '2026-10-01', '--json'])).stdout) as FollowUpReport;
    expect(report.todo.map((item) => `${item.action} ${item.partner}`)).toEqual([
      'share-outcome jane-smith',
      'share-outcome omar-haddad',
      'thank omar-haddad',
      'thank eve-hostile',
      'ask quiet-partner',
      'ask wang-xiaoming',
      'ask jane-smith',
      'ask-testimonial jane-smith',
    ]);
  });

  it('writes a self-contained page: escaped values, inline CSS and SVG, no script, nothing loaded', async () => {
    const file = join(tempDir('report'), 'private', 'report.html');
    const { code, stdout } = await runCli(['report', '--content', fixture('basic'), '--today', '2026-10-01', '--html', file]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✓ Wrote .*report\.html: 7 to do, 3 introductions from 5 partners\. Open it in your browser; it stays on this computer\.$/);
    const page = readPage(file);
    expect(page.attr('meta[name=robots]', 'content')).toBe('noindex, nofollow');
    expect(page.attr('meta[http-equiv=Content-Security-Policy]', 'content')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(page.all('script, link, img, iframe, object, embed, [src], [onerror], [onload]')).toEqual([]);
    // The only links: "write it", opening the filled message in the owner's mail app.
    const links = page.all('[href]');
    expect(links.map((link) => [link.tagName, link.properties.className])).toEqual([
      ['a', ['write']],
      ['a', ['write']],
    ]);
    const askTestimonial = parseMailto(String(links[1]!.properties.href));
    expect(askTestimonial.to).toBe('jane-private-marker@example.com');
    expect(askTestimonial.fields.body).toContain('Hi Jane,');
    const write = parseMailto(String(links[0]!.properties.href));
    expect(write.to).toBe('jane-private-marker@example.com');
    expect(write.fields.subject).toBe('How it went with PROSPECT-MARKER-5521 Dana');
    expect(write.fields.body).toContain('Hi Jane,\r\n\r\nA quick note on PROSPECT-MARKER-5521 Dana, whom you introduced to me on September 1, 2026');
    expect(page.text('.todo-item:nth-child(2) .command')).toBe('referral-kit follow-up "PROSPECT-MARKER-5521 Dana" --kind outcome --eml');
    expect(page.html).not.toMatch(/url\(|@import|https?:\/\/(?!kit\.rivera\.test\/team\/kit\/)/);
    expect(page.all('.todo-item').map((item) => item.properties.dataAction)).toEqual(['contact', 'share-outcome', 'share-outcome', 'thank', 'thank', 'ask', 'ask-testimonial']);
    expect(page.text('.todo-item:nth-child(3) strong')).toBe('Tell عمر حداد how it went with <img src=x onerror=alert(3)> PROSPECT-MARKER-7310');
    // The months chart twice: twelve months for wide screens, the latest six for phones.
    expect(page.all('svg.chart').length).toBe(4);
    // In the kit's currency (currency: EUR), formatted for its language.
    expect(page.text('table')).toContain('€987,654');
    expect(page.html).not.toContain('LEDGER-NOTE-MARKER');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps the page away from anything that gets published', async () => {
    const site = tempDir('site');
    writeFileSync(join(site, 'index.html'), '');
    mkdirSync(join(site, 'kit'));
    const { code, stderr } = await runCli(['report', '--content', fixture('basic'), '--html', join(site, 'reports', 'r.html')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^referral-kit: --html: not writing the report there: .* looks like a built site\. It names your prospects; write it elsewhere, like report\.html$/);
    expect(existsSync(join(site, 'reports'))).toBe(false);
  });

  it('reports as of --today, refusing entries after it, and works with no ledger', async () => {
    const early = await runCli(['report', '--content', fixture('basic'), '--today', '2026-09-10']);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('referrals.yaml:12:11: error: received[1].date: is in the future (today is 2026-09-10) (got "2026-09-15")');
    expect(early.stderr).toMatch(/referral-kit: 2 errors, 0 warnings: fix the errors above before the report$/);
    expect((await runCli(['report', '--content', fixture('basic'), '--today', '2026-9-10'])).stderr).toBe('referral-kit: --today: must be a date like 2026-10-02 (got "2026-9-10")');
    const content = copyFixture('basic');
    unlinkSync(join(content, 'referrals.yaml'));
    const none = await runCli(['report', '--content', content, '--today', '2026-10-01']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No referrals.yaml yet. Record an introduction when one comes in:');
    expect(none.stdout).toContain('5. Ask 王小明 for introductions: never asked');
  });
});
