import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.ts';
import { copyFixture, fixture, repoRoot, tempDir } from './helpers/fixtures.ts';

function fingerprint(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    files[relative(dir, file)] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return files;
}

describe('referral-kit --help', () => {
  it('lists the commands with examples', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatchInlineSnapshot(`
      "Turn your referral partners and scripts into a kit per partner and a static site (referral-kit v0.1.0)

      USAGE referral-kit build|check|links

      COMMANDS

        build    Check the kit, then build the site: kits, share pages, home and testimonials
        check    Find mistakes in the kit before a partner does, without building
        links    List every partner's kit link and share link, to send them out

      Use referral-kit <command> --help for more information about a command.

      EXAMPLES

        referral-kit check
        referral-kit build
        referral-kit links
      "
    `);
  });

  it('explains build', async () => {
    expect((await runCli(['build', '--help'])).stdout).toMatchInlineSnapshot(`
      "Check the kit, then build the site: kits, share pages, home and testimonials (referral-kit build v0.1.0)

      USAGE referral-kit build [OPTIONS]

      OPTIONS

        --content=<dir>    Kit folder to read (Default: content)
            --out=<dir>    Folder to write the site to (replaced only when the build succeeds) (Default: dist)

      EXAMPLES

        referral-kit build
        referral-kit build --content clients/maya --out public/maya
      "
    `);
  });

  it('explains check', async () => {
    expect((await runCli(['check', '--help'])).stdout).toMatchInlineSnapshot(`
      "Find mistakes in the kit before a partner does, without building (referral-kit check v0.1.0)

      USAGE referral-kit check [OPTIONS]

      OPTIONS

        --content=<dir>    Kit folder to read (Default: content)

      EXAMPLES

        referral-kit check
        referral-kit check --content clients/maya
      "
    `);
  });
});

describe('referral-kit check', () => {
  it('passes a good kit, showing its warnings', async () => {
    const { code, stdout, stderr } = await runCli(['check', '--content', fixture('basic')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/✓ .*basic is ready \(0 errors, 7 warnings\)/);
    expect(stderr).toContain('testimonials/unpublished.yaml:3:1: warning: not published');
  });

  it('fails a broken kit, listing every error with its position', async () => {
    const { code, stderr } = await runCli(['check', '--content', fixture('invalid')]);
    expect(code).toBe(1);
    expect(stderr.split('\n').filter((line) => /:\d+:\d+: error: /.test(line))).toHaveLength(17);
    expect(stderr).toContain('invalid/partners/jane-smith.yaml:3:11: error: category:');
    expect(stderr).toMatch(/referral-kit: 17 errors, 1 warning: fix the errors above$/);
  });

  it('refuses an unknown option instead of ignoring it', async () => {
    const { code, stderr } = await runCli(['check', '--contnet', fixture('basic')]);
    expect(code).toBe(1);
    expect(stderr).toBe('referral-kit: unknown option --contnet (see --help)');
  });

  it('fails when the folder does not exist', async () => {
    const { code, stderr } = await runCli(['check', '--content', join(tempDir('none'), 'missing')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/missing:1:1: error: content folder not found/);
  });
});

describe('referral-kit build', () => {
  it('leaves the previous site exactly as it was when the content has errors', async () => {
    const content = copyFixture('basic');
    const out = join(tempDir('keep'), 'dist');
    expect((await runCli(['build', '--content', content, '--out', out])).code).toBe(0);
    const before = fingerprint(out);
    expect(Object.keys(before).length).toBeGreaterThan(5);

    writeFileSync(join(content, 'partners', 'jane-smith.yaml'), 'name: Jane\ntoken: short\ncategory: cilent\n');
    const failed = await runCli(['build', '--content', content, '--out', out]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('partners/jane-smith.yaml:2:8: error: token:');
    expect(failed.stderr).toContain('partners/jane-smith.yaml:3:11: error: category:');
    expect(failed.stderr).toMatch(/build stopped: the content has errors \(2 errors, \d+ warnings?\); .*dist was left as it was/);
    expect(fingerprint(out)).toEqual(before);
    expect(readdirSync(join(out, '..'))).toEqual(['dist']);
  });

  it('refuses to replace a folder that is not a previous build, or holds the content', async () => {
    const out = tempDir('precious');
    writeFileSync(join(out, 'thesis.docx'), 'years of work');
    const refused = await runCli(['build', '--content', fixture('basic'), '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/does not look like a previous build/);
    expect(readFileSync(join(out, 'thesis.docx'), 'utf8')).toBe('years of work');

    const content = copyFixture('basic');
    const intoContent = await runCli(['build', '--content', content, '--out', join(content, '..')]);
    expect(intoContent.code).toBe(1);
    expect(intoContent.stderr).toMatch(/holds your content folder/);
  });
});

describe('the referral-kit executable', () => {
  const bin = join(repoRoot, 'bin', 'referral-kit.js');

  it('runs as a real process with the right exit codes', () => {
    const ok = spawnSync(process.execPath, [bin, 'check', '--content', fixture('basic')], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/is ready/);
    const bad = spawnSync(process.execPath, [bin, 'check', '--content', fixture('invalid')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/error: /);
  });

  it('prints its version and plain help when piped', () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim()).toBe(version);
    const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8', env: { ...process.env, TEST: '' } });
    expect(help).not.toContain('\u001b[');
    expect(help).toContain('USAGE referral-kit build|check');
  });
});
