/**
 * remark plugin: a Markdown link whose address is a variable, `[book a call]({booking_url})`,
 * links to the variable's value. Markdown reads the address as the text "{booking_url}"; this turns
 * the link into an `<a>` whose href is that variable, so each partner's copy gets its own value.
 * `readScript` has already allowed only the variables that hold web addresses.
 */
import type { Expression, Program } from 'estree';
import type { Link, Parent, Root, RootContent } from 'mdast';
import { linkVariable } from '../kit/script-variables.ts';

function variableExpression(path: string): Expression {
  const [first, ...rest] = path.split('.');
  let expression: Expression = { type: 'Identifier', name: first! };
  for (const name of rest) expression = { type: 'MemberExpression', object: expression, property: { type: 'Identifier', name }, computed: false, optional: false };
  return expression;
}

function hrefAttribute(path: string) {
  // `{booking_url || undefined}`: an empty value leaves the words without a link, not a link to this page.
  const expression: Expression = { type: 'LogicalExpression', operator: '||', left: variableExpression(path), right: { type: 'Identifier', name: 'undefined' } };
  const program: Program = { type: 'Program', sourceType: 'module', body: [{ type: 'ExpressionStatement', expression }] };
  return { type: 'mdxJsxAttribute', name: 'href', value: { type: 'mdxJsxAttributeValueExpression', value: `${path} || undefined`, data: { estree: program } } };
}

export function remarkLinkVariables() {
  return (tree: Root): void => {
    const visit = (node: Parent): void => {
      node.children = node.children.map((child) => {
        if ('children' in child) visit(child as Parent);
        const path = child.type === 'link' ? linkVariable((child as Link).url) : undefined;
        if (path === undefined) return child;
        return { type: 'mdxJsxTextElement', name: 'a', attributes: [hrefAttribute(path)], children: (child as Link).children, position: child.position } as unknown as RootContent;
      }) as never;
    };
    visit(tree);
  };
}
