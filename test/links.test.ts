import { describe, expect, it } from 'vitest';
import { toCsv, toTable, type PartnerLinks } from '../src/kit/links.ts';
import { runCli } from './helpers/cli.ts';
import { fixture } from './helpers/fixtures.ts';

const row = (over: Partial<PartnerLinks>): PartnerLinks => ({
  slug: 'jane-smith',
  name: 'Jane Smith',
  email: 'jane@example.com',
  category: 'client',
  kit_url: 'https://example.com/kit/abc/',
  share_url: 'https://example.com/for/jane-smith/',
  ...over,
});

describe('links output', () => {
  it('writes CSV a spreadsheet opens cleanly: UTF-8 mark, CRLF, RFC 4180 quoting', () => {
    const csv = toCsv([row({ name: 'Smith, "JJ" Jane' }), row({ name: 'Zoë\nNewline' })]);
    expect(csv.startsWith('\uFEFFname,email,category,kit_url,share_url,slug\r\n')).toBe(true);
    expect(csv).toContain('\r\n"Smith, ""JJ"" Jane",jane@example.com,');
    expect(csv).toContain('\r\n"Zoë\nNewline",');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('keeps a hostile name from running as a spreadsheet formula', () => {
    expect(toCsv([row({ name: '=HYPERLINK("http://evil.test","x")' })])).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect(toCsv([row({ name: '@SUM(A1)' })])).toContain(`\r\n'@SUM(A1),`);
  });

  it('prints an aligned table with control characters escaped', () => {
    const table = toTable([row({ name: 'Jane\u001b[31m' }), row({ name: 'Al', email: '', share_url: '' })]);
    const [header, first, second] = table.split('\n');
    expect(header).toMatch(/^NAME\s+SLUG\s+CATEGORY\s+EMAIL\s+KIT LINK \(private\)\s+SHARE LINK$/);
    expect(first).toContain('Jane\\u001b[31m');
    expect(second).toMatch(/^Al\s+jane-smith\s+client\s+\(none\)\s+https:\/\/example.com\/kit\/abc\/\s+\(no page\)$/);
    expect(first!.indexOf('https://')).toBe(second!.indexOf('https://'));
  });

  it('lines up columns after names in wide characters', () => {
    const [, cjk, latin] = toTable([row({ name: '王小明' }), row({ name: 'Wang Xiao' })]).split('\n');
    // 王小明 takes six columns on a terminal, like "Wang X".
    expect(cjk!.indexOf('client') + 3).toBe(latin!.indexOf('client'));
  });
});

describe('referral-kit links', () => {
  it('lists every partner with absolute links under the base folder', async () => {
    const { code, stdout } = await runCli(['links', '--content', fixture('basic'), '--json']);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as PartnerLinks[];
    expect(rows.map((r) => r.slug)).toEqual(['eve-hostile', 'jane-smith', 'omar-haddad', 'quiet-partner', 'wang-xiaoming']);
    expect(rows[1]).toEqual({
      slug: 'jane-smith',
      name: 'Jane Smith',
      email: 'jane-private-marker@example.com',
      category: 'client',
      kit_url: 'https://kit.rivera.test/team/kit/jAn3sm1thT0kenXXaaBBccDD/',
      share_url: 'https://kit.rivera.test/team/for/jane-smith/',
    });
    expect(rows[3]?.share_url).toBe('');
  });

  it('refuses to hand out links while the content has errors', async () => {
    const { code, stdout, stderr } = await runCli(['links', '--content', fixture('invalid')]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/fix the errors above before sending links$/);
  });

  it('rejects an unknown format', async () => {
    const { code, stderr } = await runCli(['links', '--content', fixture('basic'), '--format', 'xml']);
    expect(code).toBe(1);
    expect(stderr).toContain('Expected one of: table, csv, json');
  });
});
