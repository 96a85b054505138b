/**
 * Hostile content files: too big, too deep, too many keys, alias bombs, bytes that are not
 * UTF-8, names the bundler cannot take. Each is a diagnostic with a position, and the other
 * files are still checked.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../src/kit/diagnostics.ts';
import { loadKit } from '../src/kit/load.ts';
import { toCsv } from '../src/kit/links.ts';
import { copyFixture, repoRoot, tempDir } from './helpers/fixtures.ts';

const messages = (diagnostics: Diagnostic[], cwd: string) => diagnostics.map((d) => formatDiagnostic(d, cwd));

/** The basic kit with extra files; returns every diagnostic `check` would print. */
async function checkWith(files: Record<string, string | Buffer>): Promise<string[]> {
  const content = copyFixture('basic');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(content, name, '..'), { recursive: true });
    writeFileSync(join(content, name), text);
  }
  return messages((await loadKit(content)).diagnostics, content);
}

const partner = (extra: string) => `name: Pat Hostile\ntoken: pAtH0stileT0kenAAbbCCddEE\ncategory: client\n${extra}`;
const script = (body: string) => `---\ntitle: Deep\nchannel: phone\n---\n${body}`;

describe('deep nesting', () => {
  it('600 levels of "> " in a script is an error at its line, before the bundler sees it', async () => {
    const found = await checkWith({ 'scripts/deep.mdx': script(`Hello\n\n${'> '.repeat(600)}hi\n`) });
    expect(found).toContain('scripts/deep.mdx:7:1: error: quotes or lists nested 600 levels deep; a script can nest at most 16 (each "> " or list level is one)');
  });

  it("5,000 levels neither overflow the stack nor hide the other files' problems", async () => {
    const found = await checkWith({ 'scripts/deeper.mdx': script(`${'> '.repeat(5000)}hi\n`), 'partners/bad.yaml': partner('category: nope\n') });
    expect(found.some((line) => line.startsWith('scripts/deeper.mdx:5:1: error: quotes or lists nested 5000 levels deep'))).toBe(true);
    expect(found.some((line) => line.startsWith('partners/bad.yaml:'))).toBe(true);
  });

  it('YAML nested 5,000 levels deep is an error in that file', async () => {
    const found = await checkWith({ 'partners/deep.yaml': partner(`note: ${'['.repeat(5000)}${']'.repeat(5000)}\n`) });
    expect(found.some((line) => /^partners\/deep\.yaml:\d+:\d+: error: YAML: nested/.test(line))).toBe(true);
  });
});

describe('big files and many keys', () => {
  it('a file over its size limit is refused before it is read', async () => {
    const found = await checkWith({ 'partners/huge.yaml': partner(`note: "${'x'.repeat(100 * 1024)}"\n`) });
    expect(found).toContain('partners/huge.yaml:1:1: error: the file is 100 KB; a partner file can be at most 64 KB, so it was not read');
  });

  it('a ledger over 8 MB is refused before it is read', async () => {
    const found = await checkWith({ 'referrals.yaml': `# ${'x'.repeat(9 * 1024 * 1024)}\nreceived:\n` });
    expect(found).toContain('referrals.yaml:1:1: error: the file is 9 MB; a ledger file can be at most 8 MB, so it was not read');
  });

  it('thousands of unknown keys are checked quickly and shown as the first 50 and a count', async () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `k${i}: v`).join('\n');
    const started = performance.now();
    const found = await checkWith({ 'partners/keys.yaml': partner(`${keys}\n`) });
    expect(performance.now() - started).toBeLessThan(20_000);
    const inFile = found.filter((line) => line.startsWith('partners/keys.yaml:'));
    expect(inFile).toHaveLength(51);
    expect(inFile).toContain('partners/keys.yaml:1:1: error: and 4,950 more problems in this file (only the first 50 are shown)');
  }, 30_000);
});

describe('an alias bomb ("billion laughs")', () => {
  const bomb = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    '',
  ].join('\n');

  it('is an error at its first alias, and the other files are still checked', async () => {
    const found = await checkWith({ 'testimonials/bomb.yaml': bomb, 'partners/bad.yaml': partner('category: nope\n') });
    expect(found).toContain('testimonials/bomb.yaml:2:8: error: YAML: aliases (*name) expand into too many values, like a "billion laughs" attack; write the values out instead');
    expect(found.some((line) => line.startsWith('partners/bad.yaml:'))).toBe(true);
  });

  it('in the ledger stops `log` with the diagnostic, not a stack trace', async () => {
    const content = copyFixture('basic');
    writeFileSync(join(content, 'referrals.yaml'), `received:\n${bomb}`);
    const run = spawnSync(process.execPath, [join(repoRoot, 'bin', 'referral-kit.js'), 'log', 'ask', 'jane-smith', '--content', content], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/referrals\.yaml:3:8: error: YAML: aliases \(\*name\) expand into too many values/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('bytes that are not UTF-8', () => {
  it('are reported at their line and column, not published as "�"', async () => {
    const found = await checkWith({
      'partners/latin1.yaml': Buffer.concat([Buffer.from('name: Jos'), Buffer.from([0xe9]), Buffer.from(' Silva\ntoken: j0seSilvaT0kenAAbbCCddEE\ncategory: client\n')]),
    });
    expect(found).toContain('partners/latin1.yaml:1:10: error: byte 0xe9 is not UTF-8 text: save the file as UTF-8 in your editor');
  });
});

describe('field lengths', () => {
  it('a name of 6,000 characters is refused with the limit', async () => {
    const found = await checkWith({ 'partners/long.yaml': `name: ${'N'.repeat(6000)}\ntoken: l0ngNameT0kenAAbbCCddEEff\ncategory: client\n` });
    expect(found.some((line) => line.startsWith('partners/long.yaml:1:7: error: name: must be at most 5,000 characters'))).toBe(true);
  });
});

describe('names and links that would break or leak', () => {
  it('a script file name with #, ? or % is refused in check, not in the bundler', async () => {
    const found = await checkWith({ 'scripts/a#b.mdx': script('Hi\n'), 'scripts/c%2Fd.mdx': script('Hi\n') });
    expect(found).toContain('scripts/a#b.mdx:1:1: error: file name: "#" cannot be in a script\'s file name (the build reads it as part of an address); rename the file to a-b.mdx');
    expect(found.some((line) => line.startsWith('scripts/c%2Fd.mdx:1:1: error: file name: "%"'))).toBe(true);
  });

  it('tokens that differ only in capitals are refused', async () => {
    const found = await checkWith({ 'partners/twin.yaml': 'name: Twin\ntoken: JAN3SM1THT0KENXXAABBCCDD\ncategory: client\n' });
    expect(found.some((line) => line.startsWith('partners/twin.yaml:2:8: error: token: differs only in capitals from the one in jane-smith.yaml'))).toBe(true);
  });

  it('a photo that is a symbolic link to a file outside the content folder is refused', async () => {
    const content = copyFixture('basic');
    const outside = join(tempDir('outside'), 'secret.png');
    writeFileSync(outside, Buffer.from('not even a png'));
    symlinkSync(outside, join(content, 'photos', 'linked.png'));
    writeFileSync(join(content, 'testimonials', 'linked.yaml'), 'quote: Great.\nauthor: Lin Ked\nconsent: true\nphoto: photos/linked.png\n');
    const found = messages((await loadKit(content)).diagnostics, content);
    expect(found).toContain('testimonials/linked.yaml:4:8: error: photo: must be inside the content folder');
    rmSync(outside);
  });

  it('an http:// site address is a warning: kit links would travel unencrypted', async () => {
    const content = copyFixture('basic');
    const kit = join(content, 'kit.yaml');
    const { readFileSync } = await import('node:fs');
    writeFileSync(kit, readFileSync(kit, 'utf8').replace(/url: https:/, 'url: http:'));
    const found = messages((await loadKit(content)).diagnostics, content);
    expect(found.some((line) => /^kit\.yaml:\d+:\d+: warning: site\.url: starts with http:\/\//.test(line))).toBe(true);
  });
});

describe('the links CSV', () => {
  it('neutralises a formula after a ";" (a separator for spreadsheets in many locales) and keeps the cell whole', () => {
    const row = { slug: 's', name: 'Jane;=HYPERLINK("http://evil.test")', email: '', category: 'client', kit_url: 'k', share_url: '' };
    const line = toCsv([row]).split('\r\n')[1]!;
    expect(line.startsWith(`"Jane;'=HYPERLINK(""http://evil.test"")",`)).toBe(true);
  });
});

describe('ordering', () => {
  it('does not depend on the process locale (Danish sorts "aa" after "z")', () => {
    const code = `
      import { sortDiagnostics } from ${JSON.stringify(join(repoRoot, 'src/kit/diagnostics.ts'))};
      import { scriptsFor } from ${JSON.stringify(join(repoRoot, 'src/kit/script-selection.ts'))};
      const files = sortDiagnostics(['z.yaml', 'aa.yaml', 'b.yaml'].map((file) => ({ file, line: 1, column: 1, severity: 'error', message: '' }))).map((d) => d.file);
      const ids = scriptsFor(['zz', 'aa', 'bb'].map((id) => ({ id, data: { channel: 'phone', order: 0 } })), 'client').map((s) => s.id);
      console.log(JSON.stringify({ files, ids }));`;
    const orders = ['en_US.UTF-8', 'da_DK.UTF-8'].map((locale) => {
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', env: { ...process.env, LC_ALL: locale, LANG: locale } });
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout) as unknown;
    });
    expect(orders[1]).toEqual(orders[0]);
    expect(orders[0]).toEqual({ files: ['aa.yaml', 'b.yaml', 'z.yaml'], ids: ['aa', 'bb', 'zz'] });
  });
});
