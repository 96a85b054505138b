/**
 * The variables a script may use, such as `{partner.first_name}` or `{share_url}`.
 *
 * This table is the single source of truth: the MDX compiler puts exactly these names in scope,
 * the checker rejects anything else with a position, and pages fill them per partner.
 */
import type { Expression, Node as EstreeNode, Program } from 'estree';
import type { KitData } from '../schemas/kit.ts';
import type { PublicPartner } from '../schemas/partner.ts';
import { didYouMean, type Position } from './diagnostics.ts';

const variableGroups = {
  partner: ['name', 'first_name', 'company', 'occupation'],
  owner: ['name', 'first_name', 'business', 'email', 'phone'],
  value: ['one_liner', 'pitch'],
  /** The introduction a follow-through message is about (owner-to-partner messages only). */
  intro: ['prospect', 'date', 'status'],
} as const;

const scalarVariables = ['share_url', 'kit_url', 'booking_url'] as const;

/**
 * Variables only the owner's own messages to a partner have: an introduction's details exist only
 * for a follow-through message, and the kit link is never written on the partner's own kit page.
 */
export const ownerMessageVariables: ReadonlySet<string> = new Set(['intro.prospect', 'intro.date', 'intro.status']);

/** Variables that some partners or owners leave empty; a script should give them a fallback. */
export const optionalVariables: ReadonlySet<string> = new Set(['partner.company', 'partner.occupation', 'owner.phone', 'booking_url']);

/** Variables holding a web address: the only ones a Markdown link may use as its address, `[book a call]({booking_url})`. */
export const urlVariables: readonly string[] = ['share_url', 'kit_url', 'booking_url'];

/** `{booking_url}` written as a whole link address: the variable, or undefined for an ordinary address. */
export function linkVariable(url: string): string | undefined {
  return /^\{\s*([A-Za-z_][\w.]*)\s*\}$/.exec(url)?.[1];
}

/** Names the compiled MDX receives as props and puts in scope. */
export const scriptVariableNames: readonly string[] = [...Object.keys(variableGroups), ...scalarVariables];

/** Every path a script may write, e.g. `partner.first_name`. */
export const scriptVariablePaths: readonly string[] = [...Object.entries(variableGroups).flatMap(([group, fields]) => fields.map((field) => `${group}.${field}`)), ...scalarVariables];

export interface ScriptContext {
  partner: { name: string; first_name: string; company: string | undefined; occupation: string | undefined };
  owner: { name: string; first_name: string; business: string; email: string; phone: string | undefined };
  value: { one_liner: string; pitch: string };
  /** Empty outside a follow-through message about one introduction. */
  intro: { prospect: string; date: string; status: string };
  share_url: string;
  kit_url: string;
  /** kit.yaml's booking_url; empty when it has none. */
  booking_url: string;
}

export function scriptContext(
  kit: KitData,
  partner: Pick<PublicPartner, 'name' | 'first_name' | 'company' | 'occupation'>,
  urls: { share_url: string; kit_url: string },
  intro: ScriptContext['intro'] = { prospect: '', date: '', status: '' },
): ScriptContext {
  return {
    partner: { name: partner.name, first_name: partner.first_name, company: partner.company, occupation: partner.occupation },
    owner: {
      name: kit.owner.name,
      first_name: kit.owner.first_name,
      business: kit.owner.business,
      email: kit.owner.email,
      phone: kit.owner.phone,
    },
    value: { one_liner: kit.value.one_liner, pitch: kit.value.pitch },
    booking_url: kit.booking_url ?? '',
    intro,
    ...urls,
  };
}

/** Why a dotted path is not a script variable, or undefined when it is one. */
export function unknownVariableMessage(path: string): string | undefined {
  if (scriptVariablePaths.includes(path)) return undefined;
  if (path in variableGroups) {
    const fields = variableGroups[path as keyof typeof variableGroups];
    return `{${path}} is a group: write one of its fields, like {${path}.${fields[1] ?? fields[0]}}`;
  }
  const guess = didYouMean(path, scriptVariablePaths);
  return guess ? `unknown variable {${path}}: did you mean {${guess}}?` : `unknown variable {${path}}: scripts can use ${scriptVariablePaths.map((p) => `{${p}}`).join(', ')}`;
}

export interface VariableUse {
  path: string;
  position: Position;
  /** Written with a fallback (`{partner.company ?? "your firm"}`), so an empty value reads fine. */
  guarded: boolean;
}

export interface ExpressionProblem {
  position: Position;
  message: string;
}

function positionOf(node: EstreeNode): Position {
  const start = node.loc?.start;
  return start ? { line: start.line, column: start.column + 1 } : { line: 1, column: 1 };
}

function dottedPath(node: Expression): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' && node.object.type !== 'Super') {
    const object = dottedPath(node.object as Expression);
    return object === undefined ? undefined : `${object}.${node.property.name}`;
  }
  return undefined;
}

const onlyVariables = 'scripts may only use variables like {partner.first_name}, optionally with a fallback: {partner.company ?? "your firm"}';

/**
 * Checks one `{…}` expression of a script. Allowed: variables, quoted text, and the fallback
 * forms `a ?? b`, `a || b`, `a && b`, `a ? b : c`. Nothing that runs code.
 */
export function checkExpression(program: Program): { uses: VariableUse[]; problems: ExpressionProblem[] } {
  const uses: VariableUse[] = [];
  const problems: ExpressionProblem[] = [];
  const visit = (node: Expression, guarded: boolean): void => {
    switch (node.type) {
      case 'Identifier':
      case 'MemberExpression': {
        const path = dottedPath(node);
        if (path === undefined) {
          problems.push({ position: positionOf(node), message: onlyVariables });
          return;
        }
        const message = unknownVariableMessage(path);
        if (message) problems.push({ position: positionOf(node), message });
        else uses.push({ path, position: positionOf(node), guarded });
        return;
      }
      case 'Literal':
        if (typeof node.value !== 'string' && typeof node.value !== 'number') {
          problems.push({ position: positionOf(node), message: onlyVariables });
        }
        return;
      case 'TemplateLiteral':
        for (const expression of node.expressions) visit(expression, guarded);
        return;
      case 'LogicalExpression':
        visit(node.left, guarded || node.operator !== '&&');
        visit(node.right, guarded);
        return;
      case 'ConditionalExpression':
        visit(node.test, true);
        visit(node.consequent, guarded);
        visit(node.alternate, guarded);
        return;
      default:
        problems.push({ position: positionOf(node), message: onlyVariables });
    }
  };
  for (const statement of program.body) {
    if (statement.type === 'ExpressionStatement') visit(statement.expression, false);
    else problems.push({ position: positionOf(statement), message: onlyVariables });
  }
  if (program.body.length > 1) {
    problems.push({ position: positionOf(program.body[1]!), message: 'write one variable per {…}' });
  }
  return { uses, problems };
}

const placeholder = /\{\s*([^{}]*?)\s*\}/g;

/** `partner.company ?? "your firm"`: a variable, and the text to use when it is empty. */
const fallbackForm = /^([A-Za-z_][\w.]*)\s*(?:\?\?\s*(?:"([^"]*)"|'([^']*)'|“([^”]*)”))?$/;

export interface TemplateVariable {
  /** The variable, like `partner.company`; for a placeholder that is not one, the text inside the braces. */
  path: string;
  index: number;
  /** The text after `??`, when there is one. */
  fallback?: string | undefined;
  /** Not of the form `{variable}` or `{variable ?? "text"}`. */
  malformed?: boolean;
}

/** Variables written in a frontmatter text such as an email subject: `Meet {owner.name}`, `{partner.company ?? "your firm"}`. */
export function templateVariables(template: string): TemplateVariable[] {
  return [...template.matchAll(placeholder)].map((match) => {
    const inner = match[1]!;
    const form = fallbackForm.exec(inner);
    if (!form) return { path: inner, index: match.index, malformed: true };
    return { path: form[1]!, index: match.index, fallback: form[2] ?? form[3] ?? form[4] };
  });
}

/** Fills the placeholders of a frontmatter text, as a script body fills its own: an empty value takes its fallback, or stays empty. */
export function fillTemplate(template: string, context: ScriptContext): string {
  return template.replace(placeholder, (_: string, inner: string) => {
    const form = fallbackForm.exec(inner);
    if (!form) return '';
    let value: unknown = context;
    for (const key of form[1]!.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
    if (typeof value === 'string' && value) return value;
    return form[2] ?? form[3] ?? form[4] ?? '';
  });
}
