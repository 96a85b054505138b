/**
 * The mistakes people make typing YAML by hand, found line by line in the raw text, so each is
 * one plain sentence at the line where it is, with what to type instead. The parser's own
 * messages ("Nested mappings are not allowed in compact mappings") point at the line above the
 * mistake, and one tab gives one error per line after it. A pure core: text in, findings out.
 */

export interface YamlMistake {
  /** 1-based, in the text given. */
  line: number;
  column: number;
  message: string;
}

// strings: move to the catalog
const says = {
  tab: (more: number) =>
    `this line is indented with a tab: YAML indents with spaces only; replace the tab with two spaces${more ? ` (${more} more ${more === 1 ? 'line has' : 'lines have'} a tab too)` : ''}`,
  noSpace: (key: string, rest: string) => `put a space after the colon: write \`${key}: ${rest}\``,
  unclosed: (mark: string) => `this value opens with ${mark} but does not close it: end it with ${mark} on the same line`,
  colonInValue: (key: string) => `this value holds a colon followed by a space, which YAML reads as the start of another field: put the whole value of \`${key}\` in quotes`,
  listInMap: (key: string) => `a list item where a field belongs: put \`${key}:\` alone on its line with the items below it (each \`- …\`), or remove the \`- \``,
  deeper: (key: string, above: string) => `\`${key}:\` is indented further than \`${above}:\` above it, which already has a value: line the two up`,
  noLevel: (key: string, spaces: number) => `\`${key}:\` is not lined up with the fields next to it: indent it by ${spaces} ${spaces === 1 ? 'space' : 'spaces'}, like them`,
  comment: (key: string, comment: string, empty: boolean) =>
    `\`#${comment}\` reads as a comment here, so ${key || 'this item'} ${empty ? 'is empty' : 'is cut short before it'}: put the whole value in quotes, like ${key ? `${key}: ` : '- '}"${empty ? '' : '… '}#${comment}"`,
};

/** A mapping key at the start of a line (after any `- `): `name:`, `owner_name:`, `"quoted key":`. */
const keyLine = /^(\s*)(- +)?([A-Za-z_][\w.-]*|"[^"]*"|'[^']*'):(.*)$/;
/** A value that starts a block scalar: the lines indented below it are text, not YAML structure. */
const blockScalar = /^\s*[|>][+-]?\d*\s*(#.*)?$/;

interface Open {
  indent: number;
  key: string;
  /** A list item (`- …`) rather than a field. */
  item: boolean;
  /** The field has a value on its own line, so nothing can nest under it. */
  hasValue: boolean;
  /** Where the fields nested under this one start, once one has been seen. */
  childIndent?: number;
}

/** Where a quoted value's closing mark is, or -1: `"a \" b"` closes at the last `"`, `'it''s'` too. */
function closingQuote(text: string, mark: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (mark === '"' && text[i] === '\\') i++;
    else if (text[i] === mark) {
      if (mark === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** The column (0-based) where a comment starts in a plain value, or -1. */
function commentStart(value: string): number {
  const trimmed = value.trimStart();
  const lead = value.length - trimmed.length;
  if (trimmed.startsWith('"') || trimmed.startsWith("'")) {
    const end = closingQuote(trimmed, trimmed[0]!, 1);
    if (end < 0) return -1;
    const after = trimmed.slice(end + 1).search(/\s#/);
    return after < 0 ? -1 : lead + end + 1 + after + 1;
  }
  if (trimmed.startsWith('#')) return lead;
  const at = value.search(/\s#/);
  return at < 0 ? -1 : at + 1;
}

/**
 * Every line that holds a likely mistake. Only trusted when the parser reports an error (a few of
 * these are valid YAML that means something else), except `comments`, which holds for any file.
 */
export function findYamlMistakes(text: string): YamlMistake[] {
  const lines = text.split(/\r?\n/);
  const found: YamlMistake[] = [];
  const tabs = lines.map((line, index) => ({ line, index })).filter(({ line }) => /^ *\t/.test(line));
  if (tabs.length) {
    const first = tabs[0]!;
    found.push({ line: first.index + 1, column: first.line.indexOf('\t') + 1, message: says.tab(tabs.length - 1) });
  }
  // What the lines above opened, innermost last; the root holds the top-level fields.
  const open: Open[] = [{ indent: -1, key: '', item: false, hasValue: false, childIndent: 0 }];
  const top = () => open.at(-1)!;
  let scalarAbove: number | undefined;
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    if (!line.trim() || /^\s*#/.test(line) || /^(---|\.\.\.)\s*$/.test(line) || /^ *\t/.test(line)) return;
    const indent = line.length - line.trimStart().length;
    if (scalarAbove !== undefined) {
      if (indent > scalarAbove) return;
      scalarAbove = undefined;
    }
    const match = keyLine.exec(line);
    const dashed = /^(\s*)- /.test(line);
    if (!match && !dashed) return; // a value continued from the line above
    if (dashed) {
      while (top().indent > indent) open.pop();
      if (top().indent === indent && top().item) open.pop();
      else if (top().indent === indent && top().hasValue) {
        found.push({ line: lineNumber, column: indent + 1, message: says.listInMap(top().key) });
        return;
      }
      const parent = top();
      if (parent.indent < indent && parent.hasValue) {
        found.push({ line: lineNumber, column: indent + 1, message: says.listInMap(parent.key) });
        return;
      }
      parent.childIndent ??= indent;
      open.push({ indent, key: '-', item: true, hasValue: !match });
    }
    if (!match) return;
    const [, spaces, dash, key, rest] = match as unknown as [string, string, string | undefined, string, string];
    const keyIndent = spaces.length + (dash?.length ?? 0);
    if (rest && !/^\s/.test(rest) && !rest.startsWith('//')) {
      found.push({ line: lineNumber, column: keyIndent + key.length + 2, message: says.noSpace(key, rest) });
      return;
    }
    const value = rest.trim();
    const quoteMark = value[0] === '"' || value[0] === "'" ? value[0] : undefined;
    if (quoteMark && closingQuote(value, quoteMark, 1) < 0) {
      found.push({ line: lineNumber, column: line.indexOf(quoteMark, keyIndent + key.length) + 1, message: says.unclosed(quoteMark) });
    }
    const colon = quoteMark || /^[[{|>]/.test(value) ? -1 : value.replace(/\s#.*$/, '').search(/:(\s|$)/);
    if (colon >= 0) {
      found.push({ line: lineNumber, column: line.indexOf(value) + colon + 1, message: says.colonInValue(key) });
    }
    if (!dash) {
      while (top().indent >= keyIndent) open.pop();
      const parent = top();
      if (parent.hasValue && parent.indent >= 0) {
        found.push({ line: lineNumber, column: keyIndent + 1, message: says.deeper(key, parent.key) });
        return;
      }
      if (parent.childIndent !== undefined && parent.childIndent !== keyIndent) {
        found.push({ line: lineNumber, column: keyIndent + 1, message: says.noLevel(key, parent.childIndent) });
        return;
      }
      parent.childIndent = keyIndent;
    } else top().childIndent = keyIndent;
    const scalar = blockScalar.test(rest);
    if (scalar) scalarAbove = keyIndent;
    open.push({ indent: keyIndent, key, item: false, hasValue: value !== '' && !value.startsWith('#') && !scalar });
  });
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Values cut short by a `#` YAML took for a comment: `accent: #e4572e` is an empty accent. Only a
 * `#` followed straight by a letter or digit counts (`# optional` is the owner's own comment).
 */
export function findHashComments(text: string): YamlMistake[] {
  const found: YamlMistake[] = [];
  let scalarAbove: number | undefined;
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim() || /^\s*#/.test(line)) return;
    const indent = line.length - line.trimStart().length;
    if (scalarAbove !== undefined) {
      if (indent > scalarAbove) return;
      scalarAbove = undefined;
    }
    const match = keyLine.exec(line);
    const item = match ? undefined : /^(\s*- +)(.*)$/.exec(line);
    const valueStart = match ? line.length - match[4]!.length : item ? item[1]!.length : -1;
    if (valueStart < 0) return;
    const value = line.slice(valueStart);
    if (match && blockScalar.test(value)) {
      scalarAbove = match[1]!.length + (match[2]?.length ?? 0);
      return;
    }
    if (/^\s*[[{]/.test(value)) return;
    const at = commentStart(value);
    if (at < 0) return;
    const comment = /^#([\p{L}\p{N}][^\s]*)/u.exec(value.slice(at));
    if (!comment) return;
    const key = match ? match[3]!.replace(/^["']|["']$/g, '') : '';
    found.push({ line: index + 1, column: valueStart + at + 1, message: says.comment(key, comment[1]!, !value.slice(0, at).trim()) });
  });
  return found;
}
