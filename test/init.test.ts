import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/kit/diagnostics.ts';
import { loadKit } from '../src/kit/load.ts';
import { runCli } from './helpers/cli.ts';
import { repoRoot, tempDir } from './helpers/fixtures.ts';
import { readPage } from './helpers/html.ts';

const bin = join(repoRoot, 'bin', 'referral-kit.js');

const answers = [
  '--name',
  'Zoë "Zo" O\'Neil',
  '--business',
  'Books & Co: {studio}',
  '--email',
  'zoe@example.com',
  '--url',
  'https://zoe.example',
  '--one-liner',
  'I keep the books for studios <b>#1</b>: {partner.name} never sees this as code.',
  '--ideal-client',
  'Studio founders with 2-20 people',
  '--signals',
  'Our books are a mess before tax season; I have no idea which projects pay #shrug; {x} and *stars*',
  '--promise',
  "I'll reply the same day: always.",
  '--partner',
  'Jane Smith',
  '--partner-category',
  'former-client',
  '--partner-email',
  'jane@example.com',
];

async function errorsAndWarnings(dir: string) {
  const { content, diagnostics } = await loadKit(dir);
  return { content, messages: diagnostics.map((d) => formatDiagnostic(d, dir)) };
}

describe('referral-kit init with flags', () => {
  it("writes a kit that passes check, in the owner's words, whatever they typed", async () => {
    const dir = join(tempDir('init'), 'my-kit');
    const run = await runCli(['init', dir, ...answers]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✓ Wrote 9 files into .*my-kit \(check: 0 errors/);
    expect(run.stdout).toContain('Next:');
    expect(run.stdout).toContain(`npx referral-kit dev --content`);
    const { content, messages } = await errorsAndWarnings(dir);
    expect(messages.filter((m) => m.includes('error'))).toEqual([]);
    expect(content!.kit.owner.name).toBe('Zoë "Zo" O\'Neil');
    expect(content!.kit.owner.business).toBe('Books & Co: {studio}');
    expect(content!.kit.value.one_liner).toBe('I keep the books for studios <b>#1</b>: {partner.name} never sees this as code.');
    expect(content!.kit.ideal_client.signals).toEqual(['Our books are a mess before tax season', 'I have no idea which projects pay #shrug', '{x} and *stars*']);
    expect(content!.kit.promise).toEqual(["I'll reply the same day: always."]);
    expect(content!.partners.map((p) => [p.slug, p.data.category, p.data.email])).toEqual([['jane-smith', 'former-client', 'jane@example.com']]);
    const channels = content!.scripts.map((s) => s.data.channel).sort();
    expect(channels).toEqual(['email-intro', 'in-person', 'invite', 'linkedin', 'one-liner', 'phone', 'text']);
    // The owner's signals are in the scripts as text, not as Markdown or variables.
    expect(readFileSync(join(dir, 'scripts', 'in-person.mdx'), 'utf8')).toContain('“I have no idea which projects pay \\#shrug”');
  });

  it('takes the defaults with --yes, and says which placeholders to replace', async () => {
    const dir = join(tempDir('init'), 'kit');
    const run = await runCli(['init', dir, '--name', 'Maya Okafor', '--yes']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Placeholders stand in for what you did not give (--business, --email): replace them in kit.yaml.');
    const { content, messages } = await errorsAndWarnings(dir);
    expect(messages.filter((m) => m.includes('error'))).toEqual([]);
    expect(content!.kit.owner.name).toBe('Maya Okafor');
    expect(content!.partners).toHaveLength(1);
    // A bare domain, as people type it, gets its https://.
    const bare = join(tempDir('init'), 'kit');
    expect((await runCli(['init', bare, '--url', 'vanderberg.example', '--yes'])).code).toBe(0);
    expect((await loadKit(bare)).content!.kit.site.url).toBe('https://vanderberg.example');
  });

  it('never overwrites a file', async () => {
    const dir = join(tempDir('init'), 'kit');
    mkdirSync(join(dir, 'scripts'), { recursive: true });
    const mine = '---\ntitle: Mine\nchannel: phone\n---\nMy own words.\n';
    writeFileSync(join(dir, 'scripts', 'phone.mdx'), mine);
    const first = await runCli(['init', dir, '--yes']);
    expect(first.stdout).toContain('Already there, left as they were: scripts/phone.mdx');
    expect(readFileSync(join(dir, 'scripts', 'phone.mdx'), 'utf8')).toBe(mine);
    const kitYaml = readFileSync(join(dir, 'kit.yaml'), 'utf8');
    const again = await runCli(['init', dir, '--name', 'Someone Else', '--yes']);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'kit.yaml'), 'utf8')).toBe(kitYaml);
  });

  it('refuses answers check would refuse, naming the option, and writes nothing', async () => {
    const dir = join(tempDir('init'), 'kit');
    const run = await runCli(['init', dir, '--email', 'maya-at-example', '--url', 'ftp://example.com', '--yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('referral-kit: --email: must be an email address');
    expect(run.stderr).toContain('referral-kit: --url: must be a full https or http address');
    expect(existsSync(dir)).toBe(false);
  });

  it('without a terminal and without --yes, says which options to give', () => {
    const cwd = tempDir('init');
    const run = spawnSync(process.execPath, [bin, 'init', 'kit', '--name', 'Maya'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'referral-kit: no terminal to ask in: give the answers as options (--business, --email, --url, --one-liner, --ideal-client, --signals, --promise, --partner), or --yes to take the defaults for the rest\n',
    );
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('referral-kit init in a terminal', () => {
  it('asks each question, and the answers make a kit that builds', async () => {
    const cwd = tempDir('init-tty');
    // `script` gives the command a pseudo-terminal, as a person at a keyboard would have; one
    // 0 columns wide until stty says otherwise.
    const command = `stty cols 120 rows 40; ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} init my-kit`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    const replies: [prompt: string, answer: string][] = [
      ['Your name', 'Maya Okafor'],
      ['Your business', 'Ledger & Line'],
      ['The email', 'maya@example.com'],
      ['Where will the site live', ''],
      ['in one sentence', 'I keep the books for creative studios: {fast}.'],
      ['ideal client', 'Founders of creative studios'],
      ['Something people say', 'Our books are a mess #1'],
      ['Another thing they say (2 of 3', 'We never know what a project earned'],
      ['Another thing they say (3 of 3', ''],
      ['What happens after', "I'll reply the same day."],
      ['first partner', 'Jane Smith'],
      ['What kind of partner', ''],
      ['Their email', 'jane@example.com'],
    ];
    let screen = '';
    let next = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      // Answer each question once it is on the screen: keys typed ahead would reach the wrong prompt.
      while (next < replies.length && screen.includes(replies[next]![0])) {
        const [, answer] = replies[next++]!;
        screen = '';
        setTimeout(() => child.stdin.write(`${answer}\r`), 50);
      }
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(next, `stopped waiting for: ${replies[next]?.[0]}`).toBe(replies.length);
    expect(code).toBe(0);
    const dir = join(cwd, 'my-kit');
    const { content, messages } = await errorsAndWarnings(dir);
    expect(messages.filter((m) => m.includes('error'))).toEqual([]);
    expect(content!.kit.owner).toMatchObject({ name: 'Maya Okafor', business: 'Ledger & Line', email: 'maya@example.com' });
    expect(content!.kit.site.url).toBe('https://example.com');
    expect(content!.kit.ideal_client.signals).toEqual(['Our books are a mess #1', 'We never know what a project earned']);
    expect(content!.partners.map((p) => [p.slug, p.data.category, p.data.email])).toEqual([['jane-smith', 'client', 'jane@example.com']]);

    const out = join(cwd, 'dist');
    const built = await runCli(['build', '--content', dir, '--out', out]);
    expect(built.code).toBe(0);
    const kit = readPage(join(out, 'kit', content!.partners[0]!.data.token, 'index.html'));
    expect(kit.text('#one-liner-text')).toBe('I keep the books for creative studios: {fast}.');
    expect(kit.text('main')).toContain('You should talk to Maya Okafor of Ledger & Line. I keep the books for creative studios: {fast}.');
    expect(kit.text('main')).toContain('When you hear “Our books are a mess #1” or “We never know what a project earned”, think of Maya.');
  }, 120_000);
});
