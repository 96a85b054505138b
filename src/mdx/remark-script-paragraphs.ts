/**
 * remark plugin: in MDX a line holding only `{partner.first_name}` is a block-level expression
 * and renders without a paragraph. Script authors mean text: written on the line right under a
 * paragraph (a sign-off under "Best,") it joins that paragraph after a line break; after a blank
 * line it is a paragraph of its own. Comment-only lines (`{/* note *\/}`) stay invisible.
 */
import type { Paragraph, Root, RootContent } from 'mdast';

interface FlowExpression {
  type: 'mdxFlowExpression';
  value: string;
  position?: RootContent['position'];
  data?: { estree?: { body: unknown[] } };
}

export function remarkScriptParagraphs() {
  return (tree: Root): void => {
    const children: RootContent[] = [];
    for (const node of tree.children) {
      const expression = node as unknown as FlowExpression;
      if (expression.type !== 'mdxFlowExpression' || !expression.data?.estree?.body.length) {
        children.push(node);
        continue;
      }
      const inline = { ...expression, type: 'mdxTextExpression' } as never;
      const previous = children.at(-1);
      const startLine = expression.position?.start.line;
      if (previous?.type === 'paragraph' && startLine !== undefined && previous.position?.end.line === startLine - 1) {
        previous.children.push({ type: 'break' }, inline);
        if (previous.position && expression.position) previous.position.end = expression.position.end;
        continue;
      }
      const paragraph: Paragraph = { type: 'paragraph', children: [inline] };
      if (node.position) paragraph.position = node.position;
      children.push(paragraph);
    }
    tree.children = children;
  };
}
