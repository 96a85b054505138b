/**
 * Partner files as `referral-kit add partner` writes them and `referral-kit rotate` edits them:
 * fresh tokens, a commented template, and a token replaced without touching anything else.
 */
import { randomBytes } from 'node:crypto';
import { Document, isScalar, parse, type Scalar } from 'yaml';
import { tokenSchema } from '../schemas/partner.ts';
import { diagnostic, startOfFile, type Diagnostic } from './diagnostics.ts';
import { parseYaml } from './yaml-source.ts';

/** Bytes of randomness in a new token: 128 bits, written as 22 URL-safe characters. */
const tokenBytes = 16;

/**
 * A fresh token from the operating system's cryptographic source. A draw the token rule would
 * refuse (too few different characters, or a leading "-", one draw in 64) or that YAML would read
 * as a number is drawn again.
 */
export function newToken(random: (size: number) => Buffer = randomBytes): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    const token = random(tokenBytes).toString('base64url');
    if (tokenSchema.safeParse(token).success && parse(token) === token) return token;
  }
  throw new Error('the random source keeps giving weak tokens');
}

/** The fields `add partner` takes on the command line; everything else is left to the template. */
export interface NewPartner {
  name: string;
  token: string;
  category: string;
  email?: string | undefined;
  company?: string | undefined;
  occupation?: string | undefined;
  language?: string | undefined;
}

/** Optional fields, offered commented out with an example and what they do. Fixed text only. */
const optionalFields: [field: string, example: string, why: string][] = [
  ['first_name', 'first_name: Jay', 'what you call them; the first word of name otherwise'],
  ['occupation', 'occupation: Tax accountant', 'shown on their share page'],
  ['company', 'company: Smith & Co', 'shown on their share page; scripts can use it'],
  ['language', 'language: nl', 'their language (nl, pt-BR, ar): of their kit, images and invitation'],
  ['email', 'email: jay@example.com', 'private; `referral-kit invite` drafts their invitation to it'],
  ['phone', 'phone: +1 415 555 0134', 'private, for your own follow-up'],
  ['note', 'note: Met at the spring fair.', 'private, for you only'],
  ['share_page', 'share_page: false', 'no public "introduced by" page for them'],
  ['message', 'message: |', 'your greeting at the top of their kit\n#   Thank you for thinking of me. Here is everything you need.'],
];

const commentColumn = Math.max(...optionalFields.map(([, example]) => example.length)) + 2;

/**
 * The text of a new partner file. Values go through the YAML library, so a name with quotes,
 * colons or a leading `#` stays a name; the comments around them are fixed text.
 */
export function partnerFileText(partner: NewPartner, schemaPath: string): string {
  const given = Object.fromEntries(Object.entries(partner).filter(([, value]) => value !== undefined));
  const fields = new Document(given).toString({ lineWidth: 0 });
  const offered = optionalFields.filter(([field]) => !(field in given)).map(([, example, why]) => `# ${example.padEnd(commentColumn)}# ${why}`);
  return [`# yaml-language-server: $schema=${schemaPath}`, fields.trimEnd(), '', '# Optional: delete the "# " in front of a field to use it.', ...offered, ''].join('\n');
}

export type TokenReplacement = { text: string } | { diagnostics: Diagnostic[] };

/**
 * The file with its token replaced. The YAML Document API finds the token's exact place in the
 * text, and only those characters change: comments, blank lines, quoting, spacing and line
 * endings elsewhere stay byte for byte what the owner wrote.
 */
export function replaceToken(file: string, text: string, token: string): TokenReplacement {
  const { source, diagnostics } = parseYaml(file, text);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const node = source.doc.get('token', true);
  if (!isScalar(node) || !node.range) {
    return { diagnostics: [diagnostic(file, startOfFile, 'error', 'no `token:` line to replace; add one with any value and run rotate again')] };
  }
  const quotes: Partial<Record<NonNullable<Scalar['type']>, string>> = { PLAIN: '', QUOTE_DOUBLE: '"', QUOTE_SINGLE: "'" };
  const quote = quotes[node.type ?? 'PLAIN'];
  if (quote === undefined) {
    const position = source.lines.linePos(node.range[0]);
    return { diagnostics: [diagnostic(file, { line: position.line, column: position.col }, 'error', 'token: write it on the same line as `token:`')] };
  }
  // Tokens are URL-safe characters only, so they need no escaping inside either kind of quotes.
  return { text: `${text.slice(0, node.range[0])}${quote}${token}${quote}${text.slice(node.range[1])}` };
}
