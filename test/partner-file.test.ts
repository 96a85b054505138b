import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { newToken, partnerFileText, replaceToken } from '../src/kit/partner-file.ts';
import { partnerSchema, tokenBits, tokenSchema } from '../src/schemas/partner.ts';

describe('newToken', () => {
  it('draws 128 random bits as 22 URL-safe characters the token rule accepts', () => {
    const tokens = Array.from({ length: 200 }, () => newToken());
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(tokenBits(token)).toBeGreaterThanOrEqual(128);
      expect(tokenSchema.safeParse(token).success).toBe(true);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('draws again when a draw would be refused or read by YAML as a number', () => {
    const hexNumber = '0x1234567890abcdef012A';
    expect(typeof parse(hexNumber)).toBe('number');
    const draws = [Buffer.alloc(16), Buffer.from(hexNumber, 'base64url'), Buffer.from('00112233445566778899aabbccddeeff', 'hex')];
    const random = () => draws.shift()!;
    expect(newToken(random)).toBe(Buffer.from('00112233445566778899aabbccddeeff', 'hex').toString('base64url'));
    expect(draws).toEqual([]);
  });

  it('never starts a token with "-", which would read as an option on a command line', () => {
    const dashFirst = Buffer.from('-k3yT0kenAAbbCCddEEffG', 'base64url');
    expect(dashFirst.toString('base64url').startsWith('-')).toBe(true);
    const good = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    const draws = [dashFirst, good];
    expect(newToken(() => draws.shift()!)).toBe(good.toString('base64url'));
    expect(tokenSchema.safeParse('-k3yT0kenAAbbCCddEEffGG').error?.issues[0]?.message).toBe('must not start with "-": run `npx referral-kit rotate <slug>` for a fresh one');
  });
});

describe('partnerFileText', () => {
  const token = 'k3yT0kenAAbbCCddEEffGG';

  it('writes hostile values as data, with the schema line and the optional fields commented out', () => {
    const name = `Eve "Q" O'Hara: #1 <script>`;
    const company = '- [not, a, list]\n';
    const text = partnerFileText({ name, token, category: 'client', company: company.trim(), email: 'eve@example.com' }, '../../schemas/partner.schema.json');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/partner.schema.json');
    expect(parse(text)).toEqual({ name, token, category: 'client', company: company.trim(), email: 'eve@example.com' });
    expect(partnerSchema.safeParse(parse(text)).success).toBe(true);
    expect(text).toContain('\n# occupation: Tax accountant ');
    expect(text).toContain('\n# message: |');
    expect(text).not.toContain('\n# company:');
    expect(text).not.toContain('\n# email:');
  });
});

describe('replaceToken', () => {
  const commented = [
    '# yaml-language-server: $schema=../../schemas/partner.schema.json',
    '# Jane, met at the spring fair.',
    'name:   Jane Smith     # spaced the way I like',
    '',
    '#   the secret below is hers alone',
    'token: jAn3sm1thT0kenXXaaBBccDD   # rotated after the laptop went missing',
    'category: client',
    'tags: [ a,b ]   # flow, oddly spaced',
    'message: |',
    '  Hi Jane,',
    '',
    '  # not a comment: part of the greeting',
    '',
  ];

  function unchangedExceptToken(before: string, after: string, newline: string) {
    const [old, now] = [before.split(newline), after.split(newline)];
    expect(now).toHaveLength(old.length);
    const changed = old.flatMap((line, i) => (line === now[i] ? [] : [i]));
    expect(changed).toEqual([old.findIndex((line) => line.startsWith('token:'))]);
  }

  it('changes the token line only: every other line stays byte for byte', () => {
    const before = commented.join('\n');
    const replaced = replaceToken('jane.yaml', before, 'NEWt0kenNEWt0kenNEWt0k');
    if (!('text' in replaced)) throw new Error('no text');
    unchangedExceptToken(before, replaced.text, '\n');
    expect(replaced.text.split('\n')[5]).toBe('token: NEWt0kenNEWt0kenNEWt0k   # rotated after the laptop went missing');
  });

  it("keeps Windows line endings and the token's quotes", () => {
    const before = commented.join('\r\n').replace('token: jAn3sm1thT0kenXXaaBBccDD', "token:  'jAn3sm1thT0kenXXaaBBccDD'");
    const replaced = replaceToken('jane.yaml', before, 'NEWt0kenNEWt0kenNEWt0k');
    if (!('text' in replaced)) throw new Error('no text');
    unchangedExceptToken(before, replaced.text, '\r\n');
    expect(replaced.text).toContain("\r\ntoken:  'NEWt0kenNEWt0kenNEWt0k'   # rotated");
  });

  it('refuses a file it cannot edit safely, saying where', () => {
    const problem = (text: string) => {
      const replaced = replaceToken('jane.yaml', text, 'NEWt0kenNEWt0kenNEWt0k');
      return 'diagnostics' in replaced ? replaced.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`) : [];
    };
    expect(problem('name: Jane\n')).toEqual(['1:1: no `token:` line to replace; add one with any value and run rotate again']);
    expect(problem('name: Jane\ntoken: >\n  abc\n')).toEqual(['2:8: token: write it on the same line as `token:`']);
    expect(problem('name: [Jane\ntoken: abc\n')[0]).toMatch(/^\d+:\d+: YAML: /);
  });
});
