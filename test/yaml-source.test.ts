import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { didYouMean, formatDiagnostic } from '../src/kit/diagnostics.ts';
import { parseYaml, positionAt, validateYaml } from '../src/kit/yaml-source.ts';

const schema = z.strictObject({
  name: z.string(),
  email: z.email({ error: 'must be an email address' }),
  tags: z.array(z.enum(['a', 'b'], { error: 'must be a or b' })).optional(),
  nested: z.strictObject({ value: z.number({ error: 'must be a number' }) }).optional(),
});

function check(text: string) {
  return validateYaml(parseYaml('/kit/file.yaml', text), schema).diagnostics.map((d) => formatDiagnostic(d, '/kit'));
}

describe('YAML validation with positions', () => {
  it('points at the offending value', () => {
    expect(check('name: Jane\nemail: not-an-email\n')).toEqual(['file.yaml:2:8: error: email: must be an email address (got "not-an-email")']);
  });

  it('points into lists and nested maps', () => {
    expect(check('name: J\nemail: j@example.com\ntags:\n  - a\n  - c\nnested:\n  value: "7"\n')).toEqual([
      'file.yaml:5:5: error: tags[1]: must be a or b (got "c")',
      'file.yaml:7:10: error: nested.value: must be a number (got "7")',
    ]);
  });

  it('names a missing field at its parent, and an unknown one at its key with a suggestion', () => {
    expect(check('name: J\nemial: j@example.com\n')).toEqual(['file.yaml:1:1: error: missing field "email"', 'file.yaml:2:1: error: unknown field "emial": did you mean "email"?']);
  });

  it('reports YAML syntax errors and duplicate keys without validating', () => {
    expect(check('name: [unclosed\nemail: x\n')[0]).toMatch(/^file\.yaml:2:1: error: YAML: /);
    expect(check('name: a\nname: b\nemail: j@example.com\n')[0]).toMatch(/^file\.yaml:2:1: error: YAML: Map keys must be unique/);
  });

  it('says so when a required field is blank', () => {
    expect(check('name:\nemail: j@example.com\n')).toEqual(['file.yaml:1:1: error: name: is blank; give it a value']);
  });

  it('offsets positions for frontmatter inside another file', () => {
    const parsed = parseYaml('/kit/script.mdx', 'title: x\nchannel: y\n', 1);
    expect(positionAt(parsed.source, ['channel'])).toEqual({ line: 3, column: 10 });
  });

  it('escapes hostile values in messages', () => {
    const [message] = check('name: J\nemail: "\\e[31mred\\nline"\n');
    expect(message).toContain('\\u001b[31mred\\nline');
    expect(message).not.toContain('\u001b');
  });
});

describe('suggestions', () => {
  it('suggest likely typos only', () => {
    expect(didYouMean('emial', ['email', 'name'])).toBe('email');
    expect(didYouMean('cilent', ['client', 'colleague'])).toBe('client');
    expect(didYouMean('email', ['one-liner', 'email-intro'])).toBe('email-intro');
    expect(didYouMean('c', ['a', 'b'])).toBeUndefined();
    expect(didYouMean('banana', ['client', 'colleague'])).toBeUndefined();
  });
});
