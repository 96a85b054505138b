/**
 * Reads a script (`scripts/<id>.mdx`) without running it: frontmatter validated with positions,
 * and a walk of the MDX tree that allows text, Markdown and variables, and nothing that runs
 * code or injects markup.
 */
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Program } from 'estree';
import type { Definition, Link, Node as MdastNode, Parent } from 'mdast';
import { VFile } from 'vfile';
import { isOwnerChannel, partnerFacingChannels, scriptSchema, type ScriptData } from '../schemas/script.ts';
import { diagnostic, startOfFile, type Diagnostic, type Position } from './diagnostics.ts';
import { checkExpression, linkVariable, ownerMessageVariables, templateVariables, unknownVariableMessage, urlVariables, type VariableUse } from './script-variables.ts';
import { parseYaml, positionAt, validateYaml } from './yaml-source.ts';

export interface ScriptSource {
  /** File name without `.mdx`. */
  id: string;
  file: string;
  data: ScriptData;
  /** Variables the body and subject use, for "this partner has no company" warnings. */
  uses: VariableUse[];
  /** Where each entry of `tags:` and `partners:` is written, for warnings about them. */
  targetPositions: { tags: Position[]; partners: Position[] };
}

const frontmatterPattern = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n?---[ \t]*(?:\r?\n|$)/;

/** Splits frontmatter from the body; the body keeps its line numbers (frontmatter becomes blank lines). */
export function splitFrontmatter(text: string): { frontmatter?: string; body: string } {
  const match = frontmatterPattern.exec(text);
  if (!match) return { body: text };
  const blank = match[0].replace(/[^\n]/g, '');
  return { frontmatter: match[1] ?? '', body: blank + text.slice(match[0].length) };
}

/**
 * The parser half of MDX: the same Markdown and MDX syntax `@mdx-js/mdx` reads (its processor is
 * remark-parse with remark-mdx before any transform), without loading the compiler behind it,
 * which commands that only check scripts (`check`, `links`) have no use for.
 */
const mdxParser = unified().use(remarkParse).use(remarkMdx);

const safeLinkSchemes = ['http:', 'https:', 'mailto:', 'tel:'];

function startOf(node: MdastNode): Position {
  return node.position ? { line: node.position.start.line, column: node.position.start.column } : startOfFile;
}

/**
 * How deeply block quotes and lists may nest in a script. Far past anything a message needs, and
 * far below what breaks: 600 levels of `> ` crashed the bundler, 5,000 the Markdown parser.
 */
export const maxScriptNesting = 16;

/**
 * The first line nested deeper than `maxScriptNesting`, found by reading each line's leading
 * markers (`>`, `-`, `*`, `+`, `1.`) and indentation, before the Markdown parser sees it.
 */
function tooDeeplyNested(body: string): { position: Position; depth: number } | undefined {
  const lines = body.split('\n');
  for (const [index, line] of lines.entries()) {
    const prefix = /^(?:[ \t]*(?:>|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t])))+/.exec(line)?.[0] ?? '';
    const markers = prefix.match(/>|[*+-]|\d{1,9}[.)]/g)?.length ?? 0;
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
    const depth = Math.max(markers, Math.floor(indent / 2));
    if (depth > maxScriptNesting) return { position: { line: index + 1, column: 1 }, depth };
  }
  return undefined;
}

export function readScript(file: string, id: string, text: string): { script?: ScriptSource | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { frontmatter, body } = splitFrontmatter(text);
  let data: ScriptData | undefined;
  const uses: VariableUse[] = [];
  const targetPositions: ScriptSource['targetPositions'] = { tags: [], partners: [] };
  if (frontmatter === undefined) {
    diagnostics.push(diagnostic(file, startOfFile, 'error', 'missing frontmatter: start the file with a --- block holding title: and channel:'));
  } else {
    const parsed = parseYaml(file, frontmatter, 1);
    const validated = validateYaml(parsed, scriptSchema);
    diagnostics.push(...validated.diagnostics);
    data = validated.data;
    // Checked on the raw value, so a subject's mistakes show up even while another field is wrong.
    const raw = (parsed.value ?? {}) as { subject?: unknown; tags?: unknown; partners?: unknown };
    if (typeof raw.subject === 'string') {
      const at = positionAt(parsed.source, ['subject']);
      for (const { path, fallback, malformed } of templateVariables(raw.subject)) {
        const message = malformed ? `{${path}} is not a variable: write one like {partner.first_name}, optionally with a fallback: {partner.company ?? "your firm"}` : unknownVariableMessage(path);
        if (message) diagnostics.push(diagnostic(file, at, 'error', `subject: ${message}`));
        else uses.push({ path, position: at, guarded: fallback !== undefined });
      }
    }
    for (const field of ['tags', 'partners'] as const) {
      if (Array.isArray(raw[field])) targetPositions[field] = raw[field].map((_, index) => positionAt(parsed.source, [field, index]));
    }
  }

  let tree: MdastNode | undefined;
  const deep = tooDeeplyNested(body);
  try {
    if (deep) {
      diagnostics.push(diagnostic(file, deep.position, 'error', `quotes or lists nested ${deep.depth} levels deep; a script can nest at most ${maxScriptNesting} (each "> " or list level is one)`));
    } else tree = mdxParser.parse(new VFile({ path: file, value: body }));
  } catch (error) {
    const message = error as { line?: number; column?: number; reason?: string; message: string };
    diagnostics.push(diagnostic(file, { line: message.line ?? 1, column: message.column ?? 1 }, 'error', `MDX: ${message.reason ?? message.message}`));
  }
  if (tree) {
    // Without recursion: the depth of the tree is the owner's to choose, the call stack is not.
    const visit = (node: MdastNode): boolean => {
      switch (node.type) {
        case 'mdxjsEsm':
          diagnostics.push(diagnostic(file, startOf(node), 'error', 'scripts cannot import or export anything; write plain text with {variables}'));
          return false;
        case 'mdxJsxFlowElement':
        case 'mdxJsxTextElement': {
          const name = (node as { name?: string | null }).name;
          diagnostics.push(diagnostic(file, startOf(node), 'error', `tags like <${name ?? ''}> are not allowed in scripts: write plain text and Markdown (a literal "<" is written \\<)`));
          return false;
        }
        case 'mdxFlowExpression':
        case 'mdxTextExpression': {
          const program = (node.data as { estree?: Program } | undefined)?.estree;
          if (!program) return false;
          const checked = checkExpression(program);
          uses.push(...checked.uses);
          for (const problem of checked.problems) diagnostics.push(diagnostic(file, problem.position, 'error', problem.message));
          return false;
        }
        case 'image':
        case 'imageReference':
          diagnostics.push(diagnostic(file, startOf(node), 'error', 'images are not allowed in scripts; they are words to say or paste'));
          return false;
        case 'link':
        case 'definition': {
          const url = (node as Link | Definition).url;
          const variable = linkVariable(url);
          if (variable !== undefined && node.type === 'definition') {
            diagnostics.push(diagnostic(file, startOf(node), 'error', `write {${variable}} in the link itself, like [book a call]({${variable}})`));
            break;
          }
          if (variable !== undefined) {
            const unknown = unknownVariableMessage(variable);
            if (unknown) diagnostics.push(diagnostic(file, startOf(node), 'error', `link: ${unknown}`));
            else if (!urlVariables.includes(variable)) {
              diagnostics.push(
                diagnostic(file, startOf(node), 'error', `links must go to a web address: {${variable}} is not one (a link may use ${urlVariables.map((name) => `{${name}}`).join(', ')})`),
              );
            } else uses.push({ path: variable, position: startOf(node), guarded: false });
            break;
          }
          let scheme: string | undefined;
          try {
            scheme = new URL(url).protocol;
          } catch {
            scheme = undefined;
          }
          if (!scheme || !safeLinkSchemes.includes(scheme)) {
            diagnostics.push(diagnostic(file, startOf(node), 'error', `links must be full http(s), mailto: or tel: addresses (got ${JSON.stringify(url.slice(0, 60))})`));
          }
          break;
        }
      }
      return true;
    };
    const stack: MdastNode[] = [tree];
    while (stack.length) {
      const node = stack.pop()!;
      // Children in reverse, so they come off the stack (and their problems out) in reading order.
      if (visit(node)) stack.push(...[...((node as Partial<Parent>).children ?? [])].reverse());
    }
    if (!(tree as Parent).children.length) {
      diagnostics.push(diagnostic(file, startOfFile, 'error', 'the script has no text after its frontmatter'));
    }
  }
  // A partner's kit link is their secret: words a partner says or forwards must never carry it.
  if (data && partnerFacingChannels.includes(data.channel)) {
    for (const use of uses.filter((candidate) => candidate.path === 'kit_url')) {
      diagnostics.push(
        diagnostic(
          file,
          use.position,
          'error',
          `{kit_url} is the partner's private kit link, and ${data.channel} scripts are what partners pass on to others: use {share_url} (only invite messages, which you send to the partner, may use {kit_url})`,
        ),
      );
    }
  }
  // A partner's kit has no introduction to speak of: {intro.prospect} would read empty there.
  if (data && !isOwnerChannel(data.channel)) {
    for (const use of uses.filter((candidate) => ownerMessageVariables.has(candidate.path))) {
      diagnostics.push(
        diagnostic(file, use.position, 'error', `{${use.path}} is only for your own messages to a partner (thank-you, outcome and the other follow-through channels), not for channel ${data.channel}`),
      );
    }
  }
  return { script: data && !diagnostics.some((d) => d.severity === 'error') ? { id, file, data, uses, targetPositions } : undefined, diagnostics };
}
