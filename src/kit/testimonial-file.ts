/**
 * Testimonial files as `log ask --said` and `testimonial add` write them and `testimonial consent`
 * edits them: a new file from the words heard, and the consent answer set without touching
 * anything else the owner wrote.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isScalar, parse } from 'yaml';
import type { ConsentAnswer } from '../schemas/testimonial.ts';
import { scalarText } from '../ledger/edit.ts';
import { readSentLog, sentLogPath } from '../mail/sent-log.ts';
import { parseYaml } from './yaml-source.ts';

/** The fields of a new testimonial, in the order they are written. */
export interface NewTestimonial {
  quote: string;
  author: string;
  from?: string | undefined;
  role?: string | undefined;
  company?: string | undefined;
  date: string;
  consent: ConsentAnswer;
  consent_date?: string | undefined;
  consent_how?: string | undefined;
}

// strings: move to the catalog
const fileComments = {
  header: '# What they said. Published only once consent is given: referral-kit testimonial consent <id> --given',
  optional: '# Optional disclosures, shown with the quote (some professions must show them):',
  relationship: '# relationship: client          # client, former client, colleague, partner…',
  compensated: '# compensated: false           # were they paid or given anything for it?',
  disclosure: '# disclosure: "…"              # your own words; kit.yaml testimonials.disclosure otherwise',
};

/**
 * The text of a new testimonial file. Values go through the YAML library, so words with quotes,
 * colons, a leading `#` or line breaks stay what was said; the comments are fixed text.
 */
export function testimonialFileText(testimonial: NewTestimonial, schemaPath: string): string {
  const given = Object.fromEntries(Object.entries(testimonial).filter(([, value]) => value !== undefined && value !== ''));
  return [
    `# yaml-language-server: $schema=${schemaPath}`,
    fileComments.header,
    new Document(given).toString({ lineWidth: 0 }).trimEnd(),
    '',
    fileComments.optional,
    fileComments.relationship,
    fileComments.compensated,
    fileComments.disclosure,
    '',
  ].join('\n');
}

/** A file name for a testimonial: the author's slug and the date, unique in the folder. */
export function testimonialId(authorSlug: string, date: string, isTaken: (id: string) => boolean): string {
  const base = `${authorSlug || 'testimonial'}-${date}`;
  for (let n = 1; n < 1000; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!isTaken(id)) return id;
  }
  throw new Error('more than 999 testimonials from one person on one day');
}

export type ConsentEdit = { text: string } | { problem: string };

/**
 * The file with `consent`, `consent_date` and, when given, `consent_how` set. A field already on
 * a line of its own has only its value replaced; a missing one is added after the last field.
 * Comments, quoting and line endings elsewhere stay byte for byte. The result is read back: if it
 * does not mean the old data plus the change, nothing is returned to write.
 */
export function setConsent(text: string, answer: ConsentAnswer, date: string, how: string | undefined): ConsentEdit {
  const { source, diagnostics } = parseYaml('testimonial', text);
  if (diagnostics.some((d) => d.severity === 'error') || !isMap(source.doc.contents)) return { problem: 'it is not valid YAML; fix it first' };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const changes: [string, string][] = [['consent', answer], ['consent_date', date], ...(how?.trim() ? ([['consent_how', how.trim()]] as [string, string][]) : [])];
  const splices: { at: number; end: number; insert: string }[] = [];
  const added: string[] = [];
  for (const [field, value] of changes) {
    const node = source.doc.get(field, true);
    if (node === undefined || node === null) {
      added.push(`${field}: ${scalarText(value, false)}`);
    } else if (isScalar(node) && node.range && ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'].includes(node.type ?? '') && !text.slice(node.range[0], node.range[1]).includes('\n')) {
      splices.push({ at: node.range[0], end: node.range[1], insert: scalarText(value, false) });
    } else {
      return { problem: `${field}: write it on one line, like \`${field}: ${value}\`, and run this again` };
    }
  }
  if (added.length) {
    const map = source.doc.contents;
    const end = map.range?.[1] ?? text.length;
    // After the last field's line (its value may end before a trailing comment).
    const lineBreak = text.indexOf('\n', Math.max(0, (map.items.at(-1)?.value as { range?: number[] } | null)?.range?.[1] ?? end) - 1);
    const at = lineBreak === -1 ? text.length : lineBreak + 1;
    const prefix = lineBreak === -1 && text.length ? eol : '';
    splices.push({ at, end: at, insert: `${prefix}${added.join(eol)}${eol}` });
  }
  let result = text;
  for (const splice of splices.sort((a, b) => b.at - a.at)) result = `${result.slice(0, splice.at)}${splice.insert}${result.slice(splice.end)}`;
  const expected = { ...(parse(text) as object), ...Object.fromEntries(changes) };
  let actual: unknown;
  try {
    actual = parse(result);
  } catch {
    actual = undefined;
  }
  if (!isDeepStrictEqual(actual, expected)) return { problem: 'its layout is unusual, so it was not changed; set consent: by hand' };
  return { text: result };
}

/**
 * Partners a testimonial was already had from or asked of: a testimonial file names them in
 * `from` (given, pending or declined alike: a "no" is not asked again), or a testimonial-request
 * went out to them through `follow-up`. Files that don't parse are left to `check`.
 */
export async function testimonialAskedOf(contentDir: string): Promise<Set<string>> {
  const asked = new Set<string>();
  const folder = join(contentDir, 'testimonials');
  const names = existsSync(folder) ? await readdir(folder) : [];
  for (const name of names.filter((entry) => /\.ya?ml$/.test(entry))) {
    try {
      const from = (parse(await readFile(join(folder, name), 'utf8')) as { from?: unknown } | null)?.from;
      if (typeof from === 'string') asked.add(from);
    } catch {
      // Broken YAML: check reports it.
    }
  }
  for (const record of await readSentLog(sentLogPath(contentDir))) {
    if (record.channel === 'testimonial-request' && record.state !== 'failed') asked.add(record.partner);
  }
  return asked;
}
