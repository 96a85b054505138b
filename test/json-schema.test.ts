import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { jsonSchema, jsonSchemaFile, jsonSchemaText, yamlFileTypeNames, type YamlFileType } from '../src/schemas/json-schema.ts';
import { kitSchema } from '../src/schemas/kit.ts';
import { ledgerSchemaFor } from '../src/schemas/ledger.ts';
import { partnerSchema } from '../src/schemas/partner.ts';
import { testimonialSchema } from '../src/schemas/testimonial.ts';
import { repoRoot } from './helpers/fixtures.ts';
import { minimalKit } from './helpers/kit.ts';

const zodSchemas: Record<YamlFileType, z.ZodType> = { kit: kitSchema, partner: partnerSchema, testimonial: testimonialSchema, referrals: ledgerSchemaFor() };

// The email format is Zod's own regular expression, carried as `pattern`; `format` adds nothing.
// `patternErrorMessage` is the VS Code YAML extension's keyword for a readable message.
const ajv = new Ajv({ allErrors: true, formats: { email: true }, keywords: ['patternErrorMessage'] });
const validators = Object.fromEntries(yamlFileTypeNames.map((type) => [type, ajv.compile(jsonSchema(type))]));

function verdicts(type: YamlFileType, yaml: string) {
  const value = parse(yaml) as unknown;
  return { zod: zodSchemas[type].safeParse(value).success, jsonSchema: validators[type]!(value) };
}

const token = 'k3yT0kenAAbbCCddEEffGG';
const partner = (extra: string) => `name: Jane Smith\ntoken: ${token}\ncategory: client\n${extra}`;
const testimonial = (extra: string) => `quote: Great.\nauthor: Pat\n${extra}`;
const kit = (from: string, to: string) => {
  expect(minimalKit).toContain(from);
  return minimalKit.replace(from, to);
};

/** [file type, what the sample shows, YAML, accepted?] — both validators must agree on each. */
const agreed: [YamlFileType, string, string, boolean][] = [
  ['partner', 'the required fields', partner(''), true],
  [
    'partner',
    'every field, blanks read as not given',
    partner('first_name: Jay\noccupation: Tax accountant\ncompany: Smith & Co\nemail:\nphone: +1 415 555 0134\nnote: |\n  Met at a fair.\n\n  Likes tea.\nmessage: Hi\nshare_page: false\n'),
    true,
  ],
  ['partner', 'a name written as a block that ends in a line break', `name: |\n  Jane Smith\ntoken: ${token}\ncategory: client\n`, true],
  ['partner', 'a misspelt category', partner('').replace('client', 'cilent'), false],
  ['partner', 'an unknown field', partner('emial: jane@example.com\n'), false],
  ['partner', 'a missing required field', partner('').replace('name: Jane Smith\n', ''), false],
  ['partner', 'a wrong type', partner('share_page: "no"\n'), false],
  ['partner', 'a list where text belongs', partner('company: [a, b]\n'), false],
  ['partner', 'an invalid email', partner('email: jane-at-example.com\n'), false],
  ['partner', 'a name over two lines', partner('').replace('Jane Smith', '"Jane\\nSmith"'), false],
  ['partner', 'a blank name', partner('').replace('Jane Smith', '"   "'), false],
  ['partner', 'a name with an ESC control character', partner('').replace('Jane Smith', '"Jane\\e[31m Smith"'), false],
  ['partner', 'a note with a NUL control character', partner('note: "Met at\\0 a fair."\n'), false],
  ['partner', 'a name whose letters a right-to-left override turns around', partner('').replace('Jane Smith', '"Eve \\u202Egnp.exe\\u202C Doe"'), false],
  ['partner', 'a company with an isolate left open', partner('company: "\\u2067Studio"\n'), false],
  ['partner', 'a Hebrew name with a right-to-left mark', partner('').replace('Jane Smith', '"\\u200Fמאיה כהן"'), true],
  ['partner', 'a note with tabs and line breaks', partner('note: "Met at\\ta fair.\\n\\nLikes tea."\n'), true],
  ['partner', 'a token with characters a URL cannot hold', partner('').replace(token, `${token}/x`), false],
  ['partner', 'a token that is far too short', partner('').replace(token, 'abc123'), false],
  ['partner', 'a token too long for a folder name', partner('').replace(token, token.repeat(5)), false],
  ['kit', 'the required fields', minimalKit, true],
  ['kit', 'an unquoted colour, which YAML reads as a comment (so: no colour)', kit('url: https://example.com', 'url: https://example.com\n  accent: #2f5d50'), true],
  ['kit', 'a javascript: booking link', `${minimalKit}booking_url: javascript:alert(1)\n`, false],
  ['kit', 'an ftp site address', kit('https://example.com', 'ftp://example.com'), false],
  ['kit', 'no signals', kit('signals: [Our books are a mess.]', 'signals: []'), false],
  ['kit', 'an unknown field in a section', kit('business: Rivera Books', 'business: Rivera Books\n  bussiness: x'), false],
  ['kit', 'a missing section', kit('promise: I reply within a day.\n', ''), false],
  ['kit', 'a promise that is a number', kit('promise: I reply within a day.', 'promise: 42'), false],
  ['kit', 'a colour that is not hex', kit('url: https://example.com', 'url: https://example.com\n  accent: "red"'), false],
  ['testimonial', 'the required fields', testimonial(''), true],
  ['testimonial', 'every field', testimonial('role: Founder\ncompany: Fieldnote\nphoto: photos/pat.jpg\ndate: 2026-09-14\nconsent: true\n'), true],
  ['testimonial', 'consent written as yes in quotes', testimonial('consent: "yes"\n'), false],
  [
    'testimonial',
    'consent and disclosures, as testimonial add and consent write them',
    testimonial('from: jane-smith\nconsent: given\nconsent_date: 2026-12-03\nconsent_how: email of 2026-12-03\nrelationship: client\ncompensated: false\ndisclosure: Results vary.\n'),
    true,
  ],
  ['testimonial', 'consent declined', testimonial('consent: declined\n'), true],
  ['testimonial', 'compensated written as a word', testimonial('compensated: "no"\n'), false],
  ['testimonial', 'a date in another format', testimonial('date: 14/09/2026\n'), false],
  ['testimonial', 'a missing author', 'quote: Great.\n', false],
  ['kit', 'follow-up settings', `${minimalKit}follow_up:\n  contact_within_days: 0\n  ask_again_after_days: 30\n`, true],
  ['kit', 'follow-up days that are not numbers', `${minimalKit}follow_up:\n  contact_within_days: two\n`, false],
  ['kit', 'follow-up days that are not whole', `${minimalKit}follow_up:\n  contact_within_days: 1.5\n`, false],
  ['kit', 'a negative follow-up delay', `${minimalKit}follow_up:\n  contact_within_days: -1\n`, false],
  ['referrals', 'empty lists', 'received: []\ngiven: []\n', true],
  [
    'referrals',
    'the example in the issue',
    `received:\n  - date: 2026-10-02\n    from: jane-smith\n    prospect: Dana Wu\n    kind: introduction\n    status: introduced\n    contacted: 2026-10-03\n    outcome_shared: 2026-10-20\n    thanked: 2026-10-20\n    value: 4800\n    notes: ...\ngiven:\n  - { date: 2026-09-10, to: jane-smith, prospect: Lee Park }\nasks:\n  - { date: 2026-08-01, partner: jane-smith, reeducated: true }\n`,
    true,
  ],
  ['referrals', 'blank lists', 'received:\ngiven:\nasks:\n', true],
  ['referrals', 'an unknown status', 'received:\n  - { date: 2026-10-02, from: jane-smith, prospect: Dana, status: wonn }\n', false],
  ['referrals', 'a value with a currency sign', 'received:\n  - { date: 2026-10-02, from: jane-smith, prospect: Dana, value: "$4800" }\n', false],
  ['referrals', 'a negative value', 'received:\n  - { date: 2026-10-02, from: jane-smith, prospect: Dana, value: -1 }\n', false],
  ['referrals', 'a partner that is not a slug', 'asks:\n  - { date: 2026-10-02, partner: Jane Smith }\n', false],
  ['referrals', 'a missing prospect', 'given:\n  - { date: 2026-10-02, to: jane-smith }\n', false],
  ['referrals', 'a date in another format', 'asks:\n  - { date: 02/10/2026, partner: jane-smith }\n', false],
  ['referrals', 'a list that is not a list', 'asks: jane-smith\n', false],
  ['referrals', 'an unknown field', 'asks:\n  - { date: 2026-10-02, partner: jane-smith, when: now }\n', false],
];

/**
 * Rules JSON Schema cannot express, so only `referral-kit check` (the Zod schema) refuses these:
 * the editor accepts them and `check` reports them with their position.
 */
const zodOnly: [YamlFileType, string, string][] = [
  ['partner', 'a hex token of 26 digits: 104 bits, long enough to pass a length rule', partner('').replace(token, '0123456789abcdef0123456789')],
  ['partner', 'a token with too few different characters', partner('').replace(token, 'abababababababababababab')],
  ['partner', 'a phone number with letters', partner('phone: call me maybe\n')],
  ['kit', 'a site address with a path (the path belongs in site.base)', kit('https://example.com', 'https://example.com/referrals/')],
  ['kit', 'a web address that does not parse', `${minimalKit}booking_url: https://exa mple.com\n`],
  ['testimonial', 'a remote photo', testimonial('photo: https://example.com/pat.jpg\n')],
  ['testimonial', 'a photo that is not an image', testimonial('photo: photos/pat.pdf\n')],
  ['testimonial', 'a date that is not in the calendar', testimonial('date: 2026-13-01\n')],
  ['testimonial', 'a day the month does not have', testimonial('date: 2026-02-30\n')],
];

describe('the published JSON Schemas', () => {
  it.each(agreed)('%s: %s → accepted: %s, by both', (type, _what, yaml, accepted) => {
    expect(verdicts(type, yaml)).toEqual({ zod: accepted, jsonSchema: accepted });
  });

  it.each(zodOnly)('%s: %s → refused by check only', (type, _what, yaml) => {
    expect(verdicts(type, yaml)).toEqual({ zod: false, jsonSchema: true });
  });

  it.each(yamlFileTypeNames)('schemas/%s.schema.json is what the Zod schema generates (run `npm run schemas`)', (type) => {
    expect(readFileSync(jsonSchemaFile(type), 'utf8')).toBe(jsonSchemaText(type));
  });

  it('is declared at the top of every example file, by a path that leads to it', () => {
    const folders: Record<string, YamlFileType> = { 'kit.yaml': 'kit', 'referrals.yaml': 'referrals', 'partners/': 'partner', 'testimonials/': 'testimonial' };
    const content = join(repoRoot, 'content');
    const files = readdirSync(content, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const type = folders[file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : file]!;
      const schemaPath = /^# yaml-language-server: \$schema=(\S+)\n/.exec(readFileSync(join(content, file), 'utf8'))?.[1];
      expect(schemaPath && resolve(dirname(join(content, file)), schemaPath), file).toBe(jsonSchemaFile(type));
    }
  });

  it('carries the field descriptions editors show on hover', () => {
    const properties = jsonSchema('partner').properties as Record<string, { description?: string }>;
    expect(properties.email?.description).toBe('Private. Used by `referral-kit invite`; never published.');
    expect(Object.values(properties).every((field) => field.description)).toBe(true);
  });
});
