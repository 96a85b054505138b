import { evaluate } from '@mdx-js/mdx';
import { describe, expect, it } from 'vitest';
import { recmaScriptVariables } from '../src/mdx/recma-script-variables.ts';
import { remarkScriptParagraphs } from '../src/mdx/remark-script-paragraphs.ts';

/** A minimal JSX runtime that renders to an HTML-like string, enough to read what MDX produced. */
type Props = { children?: unknown };
const render = (type: unknown, props: Props): string =>
  typeof type === 'function'
    ? type(props)
    : `<${String(type)}>${[props.children]
        .flat()
        .filter((c) => c !== undefined)
        .join('')}</${String(type)}>`;
const runtime = { Fragment: (props: Props) => [props.children].flat().join(''), jsx: render, jsxs: render };

const props = {
  partner: { first_name: 'Jane', company: undefined },
  owner: { name: 'Maya Okafor' },
  share_url: 'https://example.com/for/jane/',
};

async function renderScript(source: string, plugins = true) {
  const { default: Content } = await evaluate(source, {
    ...runtime,
    remarkPlugins: plugins ? [remarkScriptParagraphs] : [],
    recmaPlugins: plugins ? [recmaScriptVariables] : [],
  } as never);
  return (Content as (p: typeof props) => string)(props);
}

describe('script MDX plugins', () => {
  it('put the variables in scope, without props. or imports', async () => {
    const html = await renderScript('Hi {partner.first_name}, meet {owner.name}: {share_url} at {partner.company ?? "your firm"}');
    expect(html).toBe('<p>Hi Jane, meet Maya Okafor: https://example.com/for/jane/ at your firm</p>');
  });

  it('are what makes the variables work', async () => {
    await expect(renderScript('Hi {partner.first_name}', false)).rejects.toThrow(/partner is not defined/);
  });

  it('turn a line holding only a variable into a paragraph, and leave comments invisible', async () => {
    expect(await renderScript('Best,\n\n{partner.first_name}\n\n{/* a note to self */}')).toBe('<p>Best,</p>\n<p>Jane</p>\n');
  });

  it('keep a sign-off written right under a line with that line', async () => {
    expect(await renderScript('Thanks,\n{partner.first_name}\n\n{owner.name}')).toBe('<p>Thanks,<br></br>\nJane</p>\n<p>Maya Okafor</p>');
  });
});
