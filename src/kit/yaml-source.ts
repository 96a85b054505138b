/**
 * YAML parsing that remembers where every value came from, and schema validation whose problems
 * point at the offending value (`file:line:col`) rather than at a path in a data structure.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { diagnostic, didYouMean, maxDiagnosticsPerFile, moreProblems, quote, startOfFile, type Diagnostic, type Position } from './diagnostics.ts';
import { findHashComments, findYamlMistakes, type YamlMistake } from './yaml-mistakes.ts';
import type { YamlCache } from './yaml-cache.ts';

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** Lines before this YAML in its file (MDX frontmatter starts on line 2). */
  lineOffset: number;
}

export interface ParsedYaml {
  source: YamlSource;
  value: unknown;
  diagnostics: Diagnostic[];
}

/** How deep YAML values may nest (a partner's fields are 2 levels deep, `copy` overrides 4). */
export const maxYamlDepth = 32;

/** An empty document, for a file the parser could not read at all. */
function emptyDocument(lines: LineCounter): Document.Parsed {
  return parseDocument('', { lineCounter: lines });
}

/**
 * What the parser does not check, in one walk without recursion: keys used twice in a map
 * (the parser's own check takes quadratic time: 40,000 keys took minutes) and values nested
 * deeper than `maxYamlDepth`.
 */
function structureProblems(source: YamlSource): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const stack: [node: unknown, depth: number][] = [[source.doc.contents, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > maxYamlDepth) {
      problems.push(diagnostic(source.file, offsetPosition(source, (node as Node).range?.[0] ?? 0), 'error', `YAML: nested more than ${maxYamlDepth} levels deep; content files never need that`));
      continue;
    }
    if (isMap(node)) {
      const keys = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key)) {
          const name = `${typeof key.value}:${String(key.value)}`;
          if (keys.has(name)) problems.push(diagnostic(source.file, offsetPosition(source, key.range?.[0] ?? 0), 'error', 'YAML: Map keys must be unique'));
          keys.add(name);
        }
        stack.push([pair.value, depth + 1]);
      }
    } else for (const item of node.items) stack.push([item, depth + 1]);
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Where the first alias (`*name`) is: an alias bomb is reported there. */
function firstAlias(source: YamlSource): Position {
  let offset: number | undefined;
  visit(source.doc, {
    Alias(_, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset === undefined ? { ...startOfFile, line: 1 + source.lineOffset } : offsetPosition(source, offset);
}

const parseOptions = { prettyErrors: false, uniqueKeys: false } as const;

/**
 * A source for a text whose value came from the cache: parsed the first time a message needs a
 * position in it, as it would have been before.
 */
function sourceParsedWhenNeeded(file: string, text: string, lineOffset: number): YamlSource {
  let parsed: { doc: Document.Parsed; lines: LineCounter } | undefined;
  const parse = () => {
    if (!parsed) {
      const lines = new LineCounter();
      parsed = { doc: parseDocument(text, { lineCounter: lines, ...parseOptions }), lines };
    }
    return parsed;
  };
  return {
    file,
    lineOffset,
    get doc() {
      return parse().doc;
    },
    get lines() {
      return parse().lines;
    },
  };
}

/**
 * Parses YAML, every value with its position. With `cache` (src/kit/yaml-cache.ts), a text that
 * parsed with no findings before gives the same value without being parsed now.
 */
export function parseYaml(file: string, text: string, lineOffset = 0, cache?: YamlCache): ParsedYaml {
  const cached = cache?.lookup(text, lineOffset);
  if (cached?.found) return { source: sourceParsedWhenNeeded(file, text, lineOffset), value: cached.value, diagnostics: [] };
  const parsed = parseFresh(file, text, lineOffset);
  if (!parsed.diagnostics.length) cache?.remember(text, lineOffset, parsed.value);
  return parsed;
}

function parseFresh(file: string, text: string, lineOffset: number): ParsedYaml {
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: lines, ...parseOptions });
  } catch (error) {
    const source: YamlSource = { file, doc: emptyDocument(new LineCounter()), lines, lineOffset };
    const message = `YAML: could not read this file (${(error as Error).message})`;
    return { source, value: undefined, diagnostics: [diagnostic(file, { ...startOfFile, line: 1 + lineOffset }, 'error', message)] };
  }
  const source: YamlSource = { file, doc, lines, lineOffset };
  const at = (mistake: YamlMistake): Position => ({ line: mistake.line + lineOffset, column: mistake.column });
  const parserErrors = doc.errors.map((e) => diagnostic(file, offsetPosition(source, e.pos[0]), 'error', `YAML: ${yamlMessage(e.message)}`));
  // The parser's errors point at the line above a mistake and repeat for every line after it;
  // a mistake found in the text itself is one sentence at its own line. Parser errors well
  // before the first such mistake are other problems, and are kept.
  const mistakes = doc.errors.length ? findYamlMistakes(text) : [];
  const firstMistake = mistakes[0]?.line ?? Infinity;
  const errors = mistakes.length
    ? [...oncePerLine(parserErrors.filter((d) => d.line - lineOffset < firstMistake - 1)), ...mistakes.map((mistake) => diagnostic(file, at(mistake), 'error', mistake.message))]
    : oncePerLine(parserErrors);
  const diagnostics = [
    ...errors,
    ...doc.warnings.map((w) => diagnostic(file, offsetPosition(source, w.pos[0]), 'warning', `YAML: ${yamlMessage(w.message)}`)),
    ...findHashComments(text).map((mistake) => diagnostic(file, at(mistake), 'warning', mistake.message)),
  ];
  if (!doc.errors.length) diagnostics.push(...structureProblems(source));
  if (diagnostics.some((d) => d.severity === 'error')) return { source, value: undefined, diagnostics };
  try {
    return { source, value: doc.toJS({ maxAliasCount: 100 }), diagnostics };
  } catch (error) {
    // "Billion laughs": aliases of aliases that would expand to gigabytes.
    const message =
      error instanceof ReferenceError && /alias/i.test(error.message)
        ? 'YAML: aliases (*name) expand into too many values, like a "billion laughs" attack; write the values out instead'
        : `YAML: could not read this file (${(error as Error).message})`;
    return { source, value: undefined, diagnostics: [...diagnostics, diagnostic(file, firstAlias(source), 'error', message)] };
  }
}

/** The first error of each line: the parser often reports one mistake two or three ways. */
function oncePerLine(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<number>();
  return diagnostics.filter((d) => !seen.has(d.line) && seen.add(d.line));
}

/** The yaml package's messages end with a code excerpt; the position already says where. */
function yamlMessage(message: string): string {
  if (/Maximum call stack size exceeded/.test(message)) return `nested too deeply to read (more than ${maxYamlDepth} levels is never needed)`;
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function offsetPosition(source: YamlSource, offset: number): Position {
  const { line, col } = source.lines.linePos(offset);
  return { line: line + source.lineOffset, column: col };
}

type Path = readonly PropertyKey[];

/**
 * Where the value at `path` starts. With `key`, where its key starts (for "unknown field" and
 * "missing field" messages). A path that does not exist resolves to its deepest existing parent.
 */
export function positionAt(source: YamlSource, path: Path, target: 'value' | 'key' = 'value'): Position {
  let node: unknown = source.doc.contents;
  let keyNode: Node | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value ?? keyNode;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      keyNode = undefined;
      node = node.items[segment];
    } else {
      break;
    }
  }
  const chosen = target === 'key' && keyNode ? keyNode : (node as Node | null | undefined);
  const offset = chosen?.range?.[0];
  return offset === undefined ? { ...startOfFile, line: 1 + source.lineOffset } : offsetPosition(source, offset);
}

export function formatPath(path: Path): string {
  return path.reduce<string>((out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${String(segment)}` : String(segment)), '');
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** Names of the fields a strict object schema accepts, for "did you mean" hints. */
function knownKeys(schema: z.ZodType, path: Path): string[] {
  let current: unknown = schema;
  const unwrap = (s: unknown): unknown => {
    const def = (s as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
    if (!def) return s;
    if (def.type === 'pipe') return unwrap(def.in);
    if (['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(String(def.type))) return unwrap(def.innerType);
    return s;
  };
  for (const segment of [...path, undefined]) {
    current = unwrap(current);
    const def = (current as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
    if (segment === undefined) {
      return def?.type === 'object' ? Object.keys(def.shape as object) : [];
    }
    if (def?.type === 'object') current = (def.shape as Record<string, unknown>)[String(segment)];
    else if (def?.type === 'array') current = def.element;
    else return [];
  }
  return [];
}

/** Validates parsed YAML against a schema; every problem comes back at the position of its value. */
export function validateYaml<S extends z.ZodType>(parsed: ParsedYaml, schema: S): { data?: z.output<S>; diagnostics: Diagnostic[] } {
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: parsed.diagnostics };
  const result = schema.safeParse(parsed.value ?? {});
  if (result.success) return { data: result.data, diagnostics: parsed.diagnostics };
  const { source } = parsed;
  const diagnostics = [...parsed.diagnostics];
  // Each problem costs a walk to its position: a file with 40,000 unknown keys gets the first
  // few and a count (each unknown key is one problem, though zod reports them as one issue).
  const problems = result.error.issues.reduce((sum, issue) => sum + (issue.code === 'unrecognized_keys' ? issue.keys.length : 1), 0);
  if (problems > maxDiagnosticsPerFile) {
    diagnostics.push(moreProblems(source.file, problems - maxDiagnosticsPerFile, { ...startOfFile, line: 1 + source.lineOffset }));
  }
  let budget = maxDiagnosticsPerFile;
  for (const issue of result.error.issues) {
    if (budget <= 0) break;
    budget -= issue.code === 'unrecognized_keys' ? Math.min(issue.keys.length, budget) : 1;
    const path = issue.path;
    const name = formatPath(path);
    const value = valueAt(parsed.value, path);
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path);
      for (const key of issue.keys.slice(0, maxDiagnosticsPerFile)) {
        const guess = didYouMean(key, known);
        const hint = guess ? `did you mean "${guess}"?` : `known fields: ${known.join(', ')}`;
        diagnostics.push(diagnostic(source.file, positionAt(source, [...path, key], 'key'), 'error', `unknown field ${quote(formatPath([...path, key]))}: ${hint}`));
      }
    } else if (issue.code === 'invalid_type' && value === undefined) {
      const where = path.length > 1 ? ` under "${formatPath(path.slice(0, -1))}"` : '';
      diagnostics.push(diagnostic(source.file, positionAt(source, path.slice(0, -1), 'key'), 'error', `missing field "${String(path.at(-1) ?? name)}"${where}`));
    } else if (issue.code === 'invalid_type' && value === null) {
      diagnostics.push(diagnostic(source.file, positionAt(source, path, 'key'), 'error', `${name}: is blank; give it a value`));
    } else if (issue.code === 'invalid_type' && issue.expected === 'object') {
      const message = path.length ? `${name}: must hold indented fields, not a single value` : 'the file must hold fields like `name: …`';
      diagnostics.push(diagnostic(source.file, positionAt(source, path), 'error', message));
    } else {
      const guess = issue.code === 'invalid_value' && typeof value === 'string' ? didYouMean(value, issue.values.map(String)) : undefined;
      const got = value !== undefined && typeof value !== 'object' ? ` (got ${quote(value)})` : '';
      const hint = guess ? `; did you mean "${guess}"?` : '';
      const prefix = name ? `${name}: ` : '';
      diagnostics.push(diagnostic(source.file, positionAt(source, path), 'error', `${prefix}${issue.message}${got}${hint}`));
    }
  }
  return { diagnostics };
}
