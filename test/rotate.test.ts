import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadKit } from '../src/kit/load.ts';
import { runCli } from './helpers/cli.ts';
import { copyFixture } from './helpers/fixtures.ts';

const oldToken = 'jAn3sm1thT0kenXXaaBBccDD';

/** A partner file as an owner keeps it: comments everywhere, odd spacing, a block greeting. */
const commentedJane = `# yaml-language-server: $schema=../../schemas/partner.schema.json
# Jane: met at the spring fair, 2025.
name:   Jane Smith        # how she signs
token: ${oldToken}   # rotated once already

category: client   # she was a client first
company: "Smith & Co"
email: jane-private-marker@example.com
# phone: +1 555 010 9999    (asked me not to call)
message: |
  Jane, thank you.

  # This line is part of the greeting, not a comment.
note: >-
  Folded
  note.
`;

describe('referral-kit rotate', () => {
  it('replaces the token and keeps every other byte of a commented file', async () => {
    const content = copyFixture('basic');
    const file = join(content, 'partners', 'jane-smith.yaml');
    writeFileSync(file, commentedJane);
    const { code, stdout, stderr } = await runCli(['rotate', 'jane-smith', '--content', content]);
    expect(stderr).toBe('');
    expect(code).toBe(0);

    const after = readFileSync(file, 'utf8');
    const token = (parse(after) as { token: string }).token;
    expect(token).not.toBe(oldToken);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const [before, now] = [commentedJane.split('\n'), after.split('\n')];
    expect(now).toHaveLength(before.length);
    for (const [i, line] of before.entries()) {
      expect(now[i]).toBe(line.startsWith('token:') ? `token: ${token}   # rotated once already` : line);
    }

    expect(stdout).toContain(`https://kit.rivera.test/team/kit/${token}/`);
    expect(stdout).toContain('The old link works until you build and deploy again');
    const loaded = await loadKit(content);
    expect(loaded.content?.partners.find((p) => p.slug === 'jane-smith')?.data.token).toBe(token);
  });

  it('suggests the partner meant, and changes nothing', async () => {
    const content = copyFixture('basic');
    const before = readFileSync(join(content, 'partners', 'jane-smith.yaml'), 'utf8');
    const { code, stderr } = await runCli(['rotate', 'jane-smtih', '--content', content]);
    expect(code).toBe(1);
    expect(stderr).toBe('referral-kit: no partner "jane-smtih": did you mean "jane-smith"?');
    expect(readFileSync(join(content, 'partners', 'jane-smith.yaml'), 'utf8')).toBe(before);
    expect((await runCli(['rotate', 'zzz', '--content', content])).stderr).toBe('referral-kit: no partner "zzz"; partners are: eve-hostile, jane-smith, omar-haddad, quiet-partner, wang-xiaoming');
  });

  it('leaves a file it cannot read as it was', async () => {
    const content = copyFixture('basic');
    const file = join(content, 'partners', 'jane-smith.yaml');
    writeFileSync(file, 'name: [Jane\ntoken: abc\n');
    const { code, stderr } = await runCli(['rotate', 'jane-smith', '--content', content]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/jane-smith.yaml:\d+:\d+: error: YAML: /);
    expect(stderr).toMatch(/jane-smith.yaml was left as it was$/);
    expect(readFileSync(file, 'utf8')).toBe('name: [Jane\ntoken: abc\n');
  });
});
