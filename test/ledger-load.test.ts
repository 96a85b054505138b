import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/kit/diagnostics.ts';
import { loadKit } from '../src/kit/load.ts';
import { loadLedger } from '../src/ledger/load.ts';
import { kitSchema } from '../src/schemas/kit.ts';
import { runCli } from './helpers/cli.ts';
import { fixture, repoRoot } from './helpers/fixtures.ts';
import { minimalKit, partnerYaml, writeKit } from './helpers/kit.ts';

const partners = {
  'partners/jane-smith.yaml': partnerYaml('Jane Smith', 'jAn3sm1thT0kenXXaaBBccDD'),
  'partners/omar-haddad.yaml': partnerYaml('Omar Haddad', '0marHaddadT0kenQQrrSSttUU'),
};

async function messages(ledger: string, today = '2026-10-10', files: Record<string, string> = partners) {
  const dir = writeKit({ ...files, 'referrals.yaml': ledger });
  const { diagnostics } = await loadKit(dir, { today });
  return diagnostics.filter((d) => d.file.endsWith('referrals.yaml')).map((d) => formatDiagnostic(d, dir));
}

describe('checking referrals.yaml', () => {
  it('accepts the example in the issue, and an empty or missing ledger', async () => {
    const ledger = `received:
  - date: 2026-10-02
    from: jane-smith      # a partner slug
    prospect: Dana Wu
    kind: introduction
    status: introduced
    contacted: 2026-10-03
    outcome_shared: 2026-10-20
    thanked: 2026-10-20
    value: 4800
    notes: ...
given:
  - { date: 2026-09-10, to: jane-smith, prospect: Lee Park }
asks:
  - { date: 2026-08-01, partner: jane-smith }
`;
    expect(await messages(ledger, '2026-10-20')).toEqual([]);
    expect(await messages('')).toEqual([]);
    expect(await messages('# nothing yet\nreceived:\ngiven: []\n')).toEqual([]);
    const dir = writeKit(partners);
    expect((await loadKit(dir)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reports unknown partners, future dates and unknown statuses at their positions, all at once', async () => {
    const ledger = `received:
  - date: 2026-10-02
    from: jane-smtih
    prospect: Dana Wu
    status: wonn
  - date: 2026-10-12
    from: omar-haddad
    prospect: Lee Park
    kind: referal
    thanked: 2062-10-01
    value: "$4,800"
given:
  - { date: 2026-02-30, to: zed, prospect: X }
asks:
  - { date: 2026-08-01, partner: omar-haddad, reeducated: yes }
  - { date: 2026-08-01, partner: jane-smith, extra: 1 }
`;
    expect(await messages(ledger)).toEqual([
      'referrals.yaml:3:11: error: received[0].from: is not one of your partners (no such file in partners/) (got "jane-smtih"); did you mean "jane-smith"?',
      'referrals.yaml:5:13: error: received[0].status: must be one of: introduced, contacted, meeting, won, lost, not-a-fit, unreachable (got "wonn"); did you mean "won"?',
      'referrals.yaml:6:11: error: received[1].date: is in the future (today is 2026-10-10) (got "2026-10-12")',
      'referrals.yaml:9:11: error: received[1].kind: must be one of: introduction, referral (got "referal"); did you mean "referral"?',
      'referrals.yaml:10:14: error: received[1].thanked: is in the future (today is 2026-10-10) (got "2062-10-01")',
      'referrals.yaml:11:12: error: received[1].value: must be a plain number, like 4800 (no currency sign or thousands separator) (got "$4,800")',
      'referrals.yaml:13:13: error: given[0].date: must be a date like 2026-10-02 (got "2026-02-30")',
      'referrals.yaml:13:29: error: given[0].to: is not one of your partners (no such file in partners/) (got "zed")',
      'referrals.yaml:15:59: error: asks[0].reeducated: must be true or false (got "yes")',
      'referrals.yaml:16:46: error: unknown field "asks[1].extra": known fields: date, partner, reeducated, notes',
    ]);
  });

  it('allows tomorrow, for a ledger written where the day has already begun', async () => {
    expect(await messages('asks:\n  - { date: 2026-10-11, partner: jane-smith }\n')).toEqual([]);
    expect(await messages('asks:\n  - { date: 2026-10-12, partner: jane-smith }\n')).toEqual(['referrals.yaml:2:13: error: asks[0].date: is in the future (today is 2026-10-10) (got "2026-10-12")']);
  });

  it('finds a partner whose file was deleted, and a partner file that is merely broken', async () => {
    const files = { ...partners, 'partners/omar-haddad.yaml': 'name: Omar\ncategory: cilent\n' };
    const ledger = 'asks:\n  - { date: 2026-08-01, partner: omar-haddad }\n  - { date: 2026-08-01, partner: lena-park }\n';
    // Omar's file has its own errors; the ledger only says Lena has no file.
    expect(await messages(ledger, '2026-10-10', files)).toEqual(['referrals.yaml:3:34: error: asks[1].partner: is not one of your partners (no such file in partners/) (got "lena-park")']);
    expect(await messages(ledger, '2026-10-10', {})).toEqual([
      'referrals.yaml:2:34: error: asks[0].partner: there are no partners yet: add one with `npx referral-kit add partner "Name"` (got "omar-haddad")',
      'referrals.yaml:3:34: error: asks[1].partner: there are no partners yet: add one with `npx referral-kit add partner "Name"` (got "lena-park")',
    ]);
  });

  it('warns about an introduction written twice and follow-ups dated before the introduction', async () => {
    const ledger = `received:
  - { date: 2026-10-02, from: jane-smith, prospect: Dana Wu }
  - { date: 2026-10-02, from: jane-smith, prospect: "dana  wu", thanked: 2026-10-01 }
  - { date: 2026-10-03, from: jane-smith, prospect: Dana Wu }
`;
    expect(await messages(ledger)).toEqual([
      'referrals.yaml:3:5: warning: received[1]: the same introduction as on line 2 (2026-10-02, jane-smith, "dana  wu"): the report counts it twice',
      'referrals.yaml:3:74: warning: received[1].thanked: 2026-10-01 is before the introduction itself (2026-10-02)',
    ]);
  });

  it('stops the build and check like any other file', async () => {
    const dir = writeKit({ ...partners, 'referrals.yaml': 'received:\n  - { date: 2026-10-02, from: nobody, prospect: X }\n' });
    const { content, diagnostics } = await loadKit(dir);
    expect(content).toBeUndefined();
    expect(diagnostics.map((d) => d.message)).toContain('received[0].from: is not one of your partners (no such file in partners/) (got "nobody")');
    const checked = await runCli(['check', '--content', dir]);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toMatch(/referrals\.yaml:2:31: error: received\[0\]\.from: /);
  });

  it('reads referrals.yml too, and refuses two ledgers', async () => {
    const dir = writeKit({ ...partners, 'referrals.yml': 'asks:\n  - { date: 2026-08-01, partner: jane-smith }\n' });
    expect((await loadLedger(dir, { partners: ['jane-smith'], today: '2026-10-10' })).data?.asks).toHaveLength(1);
    const both = writeKit({ ...partners, 'referrals.yml': '', 'referrals.yaml': '' });
    expect((await loadKit(both)).diagnostics.map((d) => formatDiagnostic(d, both))).toContain(
      'referrals.yml:1:1: error: two ledgers: referrals.yaml and referrals.yml; keep one (only referrals.yaml is read)',
    );
  });

  it('keeps the ledger out of the content the site is built from', async () => {
    const { content } = await loadKit(fixture('basic'));
    expect(Object.keys(content!)).toEqual(['contentDir', 'kitFile', 'kit', 'partners', 'scripts', 'testimonials']);
    expect(JSON.stringify(content)).not.toContain('PROSPECT-MARKER');
  });

  it("checks the example kit's ledger against today", async () => {
    const { diagnostics } = await loadKit(join(repoRoot, 'content'));
    expect(diagnostics.filter((d) => d.file.endsWith('referrals.yaml'))).toEqual([]);
  });
});

describe('follow_up in kit.yaml', () => {
  it('defaults to contacting within 2 days and asking again after 90', async () => {
    const dir = writeKit({});
    expect((await loadKit(dir)).content?.kit.follow_up).toEqual({ contact_within_days: 2, ask_again_after_days: 90 });
  });

  it('takes whole numbers of days, and says where one is wrong', async () => {
    const dir = writeKit({ 'kit.yaml': `${minimalKit}follow_up:\n  contact_within_days: 1.5\n  ask_again_after_days: 0\n  ask_every: 3\n` });
    expect((await loadKit(dir)).diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, dir))).toEqual([
      'kit.yaml:15:24: error: follow_up.contact_within_days: must be a whole number of days, like 2 (got "1.5")',
      'kit.yaml:16:25: error: follow_up.ask_again_after_days: must be 1 or more (got "0")',
      'kit.yaml:17:3: error: unknown field "follow_up.ask_every": known fields: contact_within_days, ask_again_after_days',
    ]);
    expect(kitSchema.parse({ ...(await import('yaml')).parse(minimalKit), follow_up: { contact_within_days: 0 } }).follow_up).toEqual({
      contact_within_days: 0,
      ask_again_after_days: 90,
    });
  });
});
