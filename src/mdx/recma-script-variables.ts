/**
 * recma plugin: puts the script variables in scope inside every compiled MDX script, so an
 * author writes `{partner.first_name}` instead of `{props.partner.first_name}`.
 *
 * MDX compiles the body into `function _createMdxContent(props) { … }`; this prepends
 * `const { partner, owner, value, share_url, kit_url } = props;` to it.
 */
import type { Program, Statement } from 'estree';
import { scriptVariableNames } from '../kit/script-variables.ts';

const contentFunction = '_createMdxContent';

export function recmaScriptVariables() {
  return (tree: Program): void => {
    const declaration: Statement = {
      type: 'VariableDeclaration',
      kind: 'const',
      declarations: [
        {
          type: 'VariableDeclarator',
          id: {
            type: 'ObjectPattern',
            properties: scriptVariableNames.map((name) => ({
              type: 'Property',
              kind: 'init',
              method: false,
              shorthand: true,
              computed: false,
              key: { type: 'Identifier', name },
              value: { type: 'Identifier', name },
            })),
          },
          init: { type: 'Identifier', name: 'props' },
        },
      ],
    };
    const target = tree.body.find((node) => node.type === 'FunctionDeclaration' && node.id?.name === contentFunction);
    if (target?.type !== 'FunctionDeclaration') {
      throw new Error(`recma-script-variables: MDX output has no ${contentFunction}(); the MDX compiler changed shape`);
    }
    target.body.body.unshift(declaration);
  };
}
