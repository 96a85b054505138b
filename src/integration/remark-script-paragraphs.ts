/**
 * remark plugin: in MDX a line holding only `{partner.first_name}` is a block-level expression
 * and renders without a paragraph, so a sign-off would run into the line above. Script authors
 * mean a paragraph; this makes it one. Comment-only lines (`{/* note *\/}`) stay invisible.
 */
import type { Root, RootContent } from 'mdast';

interface FlowExpression {
  type: 'mdxFlowExpression';
  value: string;
  data?: { estree?: { body: unknown[] } };
}

export function remarkScriptParagraphs() {
  return (tree: Root): void => {
    tree.children = tree.children.map((node): RootContent => {
      const expression = node as unknown as FlowExpression;
      if (expression.type !== 'mdxFlowExpression' || !expression.data?.estree?.body.length) return node;
      return {
        type: 'paragraph',
        children: [{ ...expression, type: 'mdxTextExpression' } as never],
        ...(node.position ? { position: node.position } : {}),
      };
    });
  };
}
