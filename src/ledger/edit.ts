/**
 * Editing `referrals.yaml` the way the owner would by hand: the YAML Document API finds where an
 * entry or a field goes, and only those characters are added or replaced. Comments, blank lines,
 * quoting, indentation, flow `{ … }` entries and line endings elsewhere stay byte for byte.
 *
 * Every edit is checked by reading the result back: if the new text does not mean exactly the old
 * data plus the change (some exotic formatting), nothing is written and the owner is told.
 * Files are replaced atomically (a synced temporary file, then a rename), so a crash leaves the
 * old ledger or the new one, never half of one.
 */
import { existsSync } from 'node:fs';
import { link, open, readdir, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { isRunning, LockTimeout, withLock } from '../build/lock.ts';
import { decodeContent, fileSizeLimits } from '../kit/content-file.ts';
import { temporaryFileFor, temporaryFileOwner } from '../kit/temporary-file.ts';
import { writeProblem } from '../kit/write-problem.ts';
import { isMap, isPair, isScalar, isSeq, parseDocument, stringify, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

export type LedgerList = 'received' | 'given' | 'asks';
export type FieldValue = string | number | boolean;
/** Fields in the order they are written. */
export type Fields = [field: string, value: FieldValue][];

export type EditResult = { text: string } | { problem: string };

/** What a new ledger starts as: the editor's schema, what the file is, and the three lists. */
export function ledgerTemplate(schemaPath: string): string {
  return [
    `# yaml-language-server: $schema=${schemaPath}`,
    '# Your referral ledger. Private: `referral-kit report` reads it, the site never does.',
    '# `referral-kit log` and `referral-kit update` add to it and keep your comments; edit it by hand too.',
    '',
    'received:   # introductions and referrals that came to you',
    'given:      # introductions you made for a partner',
    'asks:       # each time you asked a partner for introductions',
    '',
  ].join('\n');
}

/** A value as YAML text: plain when YAML reads it back as the same value, double-quoted otherwise. */
export function scalarText(value: FieldValue, flow: boolean): string {
  if (typeof value !== 'string') return String(value);
  const plain = stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
  const quoted = /^["']/.test(plain);
  // Inside `{ … }` a comma or bracket would end the value; a multi-line form would need a block.
  if (plain.includes('\n') || (flow && !quoted && /[,[\]{}]/.test(plain))) return JSON.stringify(value);
  return plain;
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Where the line holding `offset` ends (before its line break). */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline === -1) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The last character of `[start, end)` that is not white space. */
function lastContent(text: string, start: number, end: number): number {
  let i = end - 1;
  while (i > start && /\s/.test(text[i]!)) i--;
  return i;
}

function flowMap(fields: Fields): string {
  return `{ ${fields.map(([field, value]) => `${field}: ${scalarText(value, true)}`).join(', ')} }`;
}

/** A block-style list item: `- a: 1` then `  b: 2`, the dash at `dash` and keys at `key`. */
function blockItem(fields: Fields, dash: number, key: number, eol: string): string {
  return fields.map(([field, value], i) => `${' '.repeat(i ? key : dash)}${i ? '' : `-${' '.repeat(Math.max(1, key - dash - 1))}`}${field}: ${scalarText(value, false)}`).join(eol);
}

interface Splice {
  at: number;
  remove: number;
  insert: string;
}

function apply(text: string, splices: Splice[]): string {
  let out = text;
  for (const { at, remove, insert } of [...splices].sort((a, b) => b.at - a.at)) out = out.slice(0, at) + insert + out.slice(at + remove);
  return out;
}

function parse(text: string): Document.Parsed | undefined {
  const doc = parseDocument(text, { uniqueKeys: true });
  return doc.errors.length ? undefined : doc;
}

/** The result, if it reads back as exactly the intended data. */
function verified(text: string, expected: unknown): EditResult {
  const doc = parse(text);
  if (doc && isDeepStrictEqual(doc.toJS(), expected)) return { text };
  return { problem: 'could not make this change without reformatting the file; make it by hand' };
}

function topPair(doc: Document.Parsed, list: LedgerList): Pair | undefined {
  const contents = doc.contents;
  if (!isMap(contents)) return undefined;
  return contents.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === list) as Pair | undefined;
}

/** The entry appended to one of the three lists, in the style of the entries already there. */
export function appendEntry(text: string, list: LedgerList, fields: Fields): EditResult {
  const doc = parse(text);
  if (!doc) return { problem: 'the file is not valid YAML' };
  const before = (doc.toJS() ?? {}) as Record<string, unknown>;
  if (typeof before !== 'object' || Array.isArray(before)) return { problem: 'the file must hold the lists received, given and asks' };
  const current = before[list];
  if (current !== undefined && current !== null && !Array.isArray(current)) return { problem: `${list}: must be a list` };
  const expected = { ...before, [list]: [...((current as unknown[] | null | undefined) ?? []), Object.fromEntries(fields)] };
  const eol = eolOf(text);
  // Received introductions have many fields and change over time: one field per line. Given and
  // asks are one-liners, as in `- { date: 2026-09-10, to: jane-smith, prospect: Lee Park }`.
  const newItem = (dash: number, key: number, flow: boolean) => (flow ? `${' '.repeat(dash)}- ${flowMap(fields)}` : blockItem(fields, dash, key, eol));
  const preferFlow = list !== 'received';

  const pair = topPair(doc, list);
  const value = pair?.value as Node | null | undefined;
  if (!pair) {
    const separator = text === '' || text.endsWith('\n') ? '' : eol;
    return verified(`${text}${separator}${list}:${eol}${newItem(2, 4, preferFlow)}${eol}`, expected);
  }
  if (!value || (isScalar(value) && value.value === null)) {
    const keyRange = (pair.key as Node).range!;
    const at = lineEnd(text, keyRange[1]);
    return verified(apply(text, [{ at, remove: 0, insert: `${eol}${newItem(2, 4, preferFlow)}` }]), expected);
  }
  if (!isSeq(value) || !value.range) return { problem: `${list}: must be a list` };
  const seq = value as YAMLSeq<Node>;
  if (seq.flow) {
    const close = lastContent(text, seq.range![0], seq.range![1]);
    if (text[close] !== ']') return { problem: `${list}: could not find the end of the list` };
    const last = seq.items.at(-1);
    const at = last?.range ? last.range[1] : close;
    return verified(apply(text, [{ at, remove: 0, insert: `${last ? ', ' : ''}${flowMap(fields)}` }]), expected);
  }
  const first = seq.items[0];
  const last = seq.items.at(-1);
  if (!first?.range || !last?.range) return { problem: `${list}: could not find its entries` };
  const dash = seq.range![0] - lineStart(text, seq.range![0]);
  const key = isMap(first) && !first.flow ? first.range![0] - lineStart(text, first.range![0]) : dash + 2;
  const flow = isMap(last) ? Boolean(last.flow) : preferFlow;
  const at = lineEnd(text, lastContent(text, last.range[0], last.range[1]));
  return verified(apply(text, [{ at, remove: 0, insert: `${eol}${newItem(dash, key, flow)}` }]), expected);
}

/** Sets fields of `received[index]`, replacing their values or adding them after its last line. */
export function setFields(text: string, index: number, fields: Fields): EditResult {
  const doc = parse(text);
  if (!doc) return { problem: 'the file is not valid YAML' };
  const before = doc.toJS() as { received?: Record<string, unknown>[] };
  const target = before.received?.[index];
  const item = (topPair(doc, 'received')?.value as YAMLSeq<Node> | undefined)?.items?.[index];
  if (!target || !isMap(item) || !item.range) return { problem: `received[${index}]: not found` };
  const map = item as YAMLMap<Node, Node | null>;
  const expected = structuredClone(before) as { received: Record<string, unknown>[] };
  for (const [field, value] of fields) expected.received[index]![field] = value;

  const eol = eolOf(text);
  const splices: Splice[] = [];
  const added: Fields = [];
  for (const [field, value] of fields) {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === field);
    if (!pair) {
      added.push([field, value]);
      continue;
    }
    const node = pair.value;
    const written = scalarText(value, Boolean(map.flow));
    if (node && isScalar(node) && node.value !== null && node.range) {
      splices.push({ at: node.range[0], remove: node.range[1] - node.range[0], insert: written });
    } else if (!node || (isScalar(node) && node.value === null)) {
      // `thanked:` left blank: the value goes right after the colon, before any comment.
      const colon = text.indexOf(':', (pair.key as Node).range![1]);
      splices.push({ at: colon + 1, remove: 0, insert: ` ${written}` });
    } else {
      return { problem: `received[${index}].${field}: must be a single value` };
    }
  }
  if (added.length) {
    const lastPair = map.items.at(-1);
    if (map.flow) {
      const end = (lastPair?.value as Node | null)?.range?.[1] ?? (lastPair?.key as Node | undefined)?.range?.[1];
      if (end === undefined) return { problem: `received[${index}]: could not find where it ends` };
      splices.push({ at: end, remove: 0, insert: added.map(([field, value]) => `, ${field}: ${scalarText(value, true)}`).join('') });
    } else {
      const indent = item.range[0] - lineStart(text, item.range[0]);
      const at = lineEnd(text, lastContent(text, item.range[0], item.range[1]));
      splices.push({ at, remove: 0, insert: added.map(([field, value]) => `${eol}${' '.repeat(indent)}${field}: ${scalarText(value, false)}`).join('') });
    }
  }
  return verified(apply(text, splices), expected);
}

/**
 * Writes `file` so that it is either entirely the old text or entirely the new one: the new text
 * goes to a temporary file in the same folder, is flushed to disk, and is renamed over the old
 * one. The file keeps its permissions (a new file is readable by its owner only); a symbolic
 * link keeps pointing where it did, and the file it points to is replaced. With `exclusive`, a
 * file that already exists is never replaced (EEXIST), as `add partner` needs.
 */
export async function writeFileAtomically(file: string, text: string, options: { exclusive?: boolean } = {}): Promise<void> {
  const exists = existsSync(file);
  const target = exists ? await realpath(file) : file;
  const mode = exists ? (await stat(target)).mode & 0o777 : 0o600;
  const temporary = temporaryFileFor(join(dirname(target), `.${basename(target)}`));
  try {
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.exclusive) {
      await link(temporary, target);
      await rm(temporary, { force: true });
    } else await rename(temporary, target);
  } catch (error) {
    // A full disk or a failed rename: the old file is untouched; leave no half-written copy behind.
    await rm(temporary, { force: true });
    throw error;
  }
}

export type LedgerChange<T> = { text: string; result: T } | { problem: string };

/** The lock that serializes edits of `file`: `.referrals.yaml.lock` beside it. */
export function lockFileOf(file: string): string {
  return join(dirname(file), `.${basename(file)}.lock`);
}

/**
 * Temporary copies of `file` left by a process killed mid-write (`.referrals.yaml.<pid>-<hex>.tmp`)
 * hold a full copy of it: removed once their process is gone. Call it holding the file's lock.
 */
export async function removeStaleTemporaries(file: string): Promise<void> {
  const hidden = join(dirname(file), `.${basename(file)}`);
  for (const name of await readdir(dirname(file)).catch(() => [] as string[])) {
    const pid = temporaryFileOwner(name, hidden);
    if (pid !== undefined && !isRunning(pid)) await rm(join(dirname(file), name), { force: true });
  }
}

/**
 * Reads the file (or starts from `initial` when it does not exist), computes the change, and
 * writes it. Edits take turns through an exclusive lock beside the file, so two commands at
 * once (ten `log`s from a script) each add their entry. Under the lock the file is read again
 * just before writing: if it changed meanwhile (the owner saved it in an editor), the change is
 * made again on the new text, so neither is lost. A change that returns the text as it was
 * writes nothing.
 */
export async function changeFile<T>(
  file: string,
  initial: string,
  change: (text: string, existed: boolean) => LedgerChange<T> | Promise<LedgerChange<T>>,
): Promise<{ problem: string } | { result: T; created: boolean }> {
  const busy = { problem: `${basename(file)} keeps changing while this command runs; try again` };
  const locked = () => changeLocked(file, initial, change, busy);
  try {
    return await withLock(lockFileOf(file), () => {}, locked, { maxWaitMs: 30_000 });
  } catch (error) {
    if (error instanceof LockTimeout) return { problem: `another command has been editing ${basename(file)} for 30 seconds; try again` };
    return { problem: `could not write ${basename(file)} (${writeProblem(error)}); it was left as it was` };
  }
}

async function changeLocked<T>(
  file: string,
  initial: string,
  change: (text: string, existed: boolean) => LedgerChange<T> | Promise<LedgerChange<T>>,
  busy: { problem: string },
): Promise<{ problem: string } | { result: T; created: boolean }> {
  await removeStaleTemporaries(file);
  for (let attempt = 0; attempt < 5; attempt++) {
    const existed = existsSync(file);
    if (existed && (await stat(file)).size > fileSizeLimits.ledger) {
      return { problem: `${basename(file)} is over ${fileSizeLimits.ledger / 1024 / 1024} MB, the most a ledger can be; start a new one and keep this one as an archive` };
    }
    const read = existed ? decodeContent(file, await readFile(file)) : { text: initial };
    // Written back as read, bytes that are not UTF-8 would become "�": stop and say where.
    if (read.diagnostic) return { problem: `${basename(file)}:${read.diagnostic.line}:${read.diagnostic.column}: ${read.diagnostic.message}; nothing was written` };
    const before = read.text;
    const changed = await change(before, existed);
    if ('problem' in changed) return changed;
    const now = existsSync(file) ? await readFile(file, 'utf8') : undefined;
    if (now !== (existed ? before : undefined)) continue;
    // A change that leaves the text as it was writes nothing: running `update` twice touches nothing.
    if (existed && changed.text === before) return { result: changed.result, created: false };
    try {
      await writeFileAtomically(file, changed.text);
    } catch (error) {
      return { problem: `could not write ${basename(file)} (${writeProblem(error)}); it was left as it was` };
    }
    return { result: changed.result, created: !existed };
  }
  return busy;
}
