import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadKit } from '../src/kit/load.ts';
import { jsonSchemaFile } from '../src/schemas/json-schema.ts';
import { runCli } from './helpers/cli.ts';
import { copyFixture } from './helpers/fixtures.ts';
import { partnerYaml, writeKit } from './helpers/kit.ts';

const add = (content: string, ...args: string[]) => runCli(['add', 'partner', '--content', content, ...args]);
const partnerFiles = (content: string) => readdirSync(join(content, 'partners')).sort();

describe('referral-kit add partner', () => {
  it('writes a partner file that check accepts, and prints the new kit link', async () => {
    const content = copyFixture('basic');
    const { code, stdout, stderr } = await add(content, 'Zoë Ångström', '--category', 'colleague', '--email', 'zoe@example.com', '--company', 'Acme: "Q" #1');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const file = join(content, 'partners', 'zoe-angstrom.yaml');
    const data = parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(data).toEqual({ name: 'Zoë Ångström', token: data.token, category: 'colleague', email: 'zoe@example.com', company: 'Acme: "Q" #1' });
    expect(data.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(stdout).toContain(`Kit link, private to them: https://kit.rivera.test/team/kit/${data.token}/`);
    expect(stdout).toContain('referral-kit invite zoe-angstrom');

    const { content: loaded, diagnostics } = await loadKit(content);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded?.partners.find((p) => p.slug === 'zoe-angstrom')?.data.company).toBe('Acme: "Q" #1');
  });

  it('points the editor at the partner schema, relative to the new file', async () => {
    const content = copyFixture('basic');
    await add(content, 'Jo Park');
    const text = readFileSync(join(content, 'partners', 'jo-park.yaml'), 'utf8');
    const schemaPath = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1];
    expect(resolve(dirname(join(content, 'partners', 'jo-park.yaml')), schemaPath!)).toBe(jsonSchemaFile('partner'));
    expect(text).toContain('\n# email: ');
    expect(parse(text)).toMatchObject({ category: 'other' });
  });

  it('never overwrites: a taken slug gets a number, a taken --slug is refused', async () => {
    const content = copyFixture('basic');
    const before = readFileSync(join(content, 'partners', 'jane-smith.yaml'), 'utf8');
    expect((await add(content, 'Jane Smith')).code).toBe(0);
    expect((await add(content, 'Jane Smith')).code).toBe(0);
    expect(partnerFiles(content)).toContain('jane-smith-2.yaml');
    expect(partnerFiles(content)).toContain('jane-smith-3.yaml');
    const refused = await add(content, 'Jane Smith', '--slug', 'jane-smith');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('referral-kit: --slug: partners/jane-smith.yaml already exists; choose another slug');
    expect(readFileSync(join(content, 'partners', 'jane-smith.yaml'), 'utf8')).toBe(before);
  });

  it('names a partner in any script with readable Latin, one with no letters partner, partner-2…, or as --slug says', async () => {
    const content = copyFixture('basic');
    expect((await add(content, 'Ελένη Παππά')).stdout).toContain('partners/eleni-pappa.yaml');
    expect((await add(content, 'Đorđe Đukić')).stdout).toContain('partners/dorde-dukic.yaml');
    expect((await add(content, 'Mehmet Yılmaz')).stdout).toContain('partners/mehmet-yilmaz.yaml');
    expect((await add(content, '李小龙')).stdout).toContain('partners/lixiaolong.yaml');
    const first = await add(content, '***');
    expect(first.stdout).toContain('partners/partner.yaml');
    expect(first.stdout).toContain('use --slug next time');
    await add(content, '—·—');
    expect(partnerFiles(content)).toContain('partner-2.yaml');
    expect((await add(content, '李小龙', '--slug', 'li-xiaolong')).code).toBe(0);
    expect(parse(readFileSync(join(content, 'partners', 'li-xiaolong.yaml'), 'utf8'))).toMatchObject({ name: '李小龙' });
    const bad = await add(content, 'Li', '--slug', 'Li Xiaolong');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('referral-kit: --slug: "Li Xiaolong" must use lowercase letters, digits and dashes, like li-xiaolong');
  });

  it("writes the partner's language, and refuses one this computer does not know", async () => {
    const content = copyFixture('basic');
    expect((await add(content, 'Sanne de Vries', '--language', 'nl')).code).toBe(0);
    expect(parse(readFileSync(join(content, 'partners', 'sanne-de-vries.yaml'), 'utf8'))).toMatchObject({ language: 'nl' });
    const unknown = await add(content, 'Xavier', '--language', 'xx');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('referral-kit: language: is not a language this computer knows: use a tag like en, nl, pt-BR or ar (got "xx")');
  });

  it('refuses an email another partner has, in any case', async () => {
    const content = copyFixture('basic');
    const { code, stderr } = await add(content, 'Janet', '--email', 'JANE-Private-Marker@example.com');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^referral-kit: email: "JANE-Private-Marker@example.com" is already in .*partners\/jane-smith.yaml: one person, one partner file$/);
    expect(existsSync(join(content, 'partners', 'janet.yaml'))).toBe(false);
  });

  it('checks the values as check would, with a did-you-mean', async () => {
    const content = copyFixture('basic');
    const files = partnerFiles(content);
    const category = await add(content, 'Jo', '--category', 'cilent');
    expect(category.code).toBe(1);
    expect(category.stderr).toContain(
      'referral-kit: category: must be one of: client, former-client, colleague, competitor, center-of-influence, salesperson, organization, prospect, other (got "cilent"); did you mean "client"?',
    );
    const name = await add(content, 'Eve\nBcc: x@evil.test');
    expect(name.stderr).toContain('referral-kit: name: must be a single line (no line breaks)');
    const email = await add(content, 'Jo', '--email', 'jo-at-example');
    expect(email.stderr).toContain('referral-kit: email: must be an email address like name@example.com');
    expect(partnerFiles(content)).toEqual(files);
  });

  it('adds a partner while a script has errors, but not while a partner file it must read is broken', async () => {
    const content = writeKit({
      'partners/jane.yaml': partnerYaml('Jane', 'jAn3sm1thT0kenXXaaBBccDD'),
      'scripts/broken.mdx': '---\ntitle: Broken\nchannel: phone\n---\nHi {partner.firstname}\n',
    });
    expect((await add(content, 'Omar')).code).toBe(0);
    writeFileSync(join(content, 'partners', 'broken.yaml'), 'name: [Broken\n');
    expect((await add(content, 'Sam')).code).toBe(0);
    const refused = await add(content, 'Priya', '--email', 'priya@example.com');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/partners\/broken.yaml:\d+:\d+: error: YAML: /);
    expect(refused.stderr).toMatch(/fix the partner files above first/);
    expect(existsSync(join(content, 'partners', 'priya.yaml'))).toBe(false);
  });

  it('needs a valid kit.yaml, since the link is built from it', async () => {
    const content = writeKit({ 'kit.yaml': 'owner: {name: Alex}\n' });
    const { code, stderr } = await add(content, 'Jo');
    expect(code).toBe(1);
    expect(stderr).toMatch(/kit.yaml:\d+:\d+: error: missing field "site"/);
    expect(stderr).toMatch(/referral-kit: fix kit.yaml first/);
    expect(existsSync(join(content, 'partners'))).toBe(false);
  });
});
