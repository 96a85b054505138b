/**
 * Checks the owner's `copy:` overrides as messages: each must parse as ICU MessageFormat and use
 * only the values its key has (a misspelt `{partner_frist_name}` would otherwise fail the build,
 * or print nothing). Unknown keys are the schema's to report, with a did-you-mean.
 */
import { allowedValues, catalogs, isRichKey, messageKeys, messageNames, type MessageKey } from '../i18n/catalog.ts';
import { didYouMean, diagnostic, type Diagnostic } from './diagnostics.ts';
import { positionAt, type YamlSource } from './yaml-source.ts';

const dottedValue = /\{\s*([a-z]+)\.([a-z_]+)\s*[},]/;

function checkOne(source: YamlSource, path: string[], key: MessageKey, text: string, diagnostics: Diagnostic[]): void {
  const at = positionAt(source, path);
  const name = path.join('.');
  const rich = isRichKey(key);
  const allowed = allowedValues(key);
  const list = allowed.map((value) => `{${value}}`).join(', ');
  const dotted = dottedValue.exec(text);
  if (dotted) {
    diagnostics.push(diagnostic(source.file, at, 'error', `${name}: write {${dotted[1]}_${dotted[2]}} here, not {${dotted[1]}.${dotted[2]}} (in copy, values use an underscore)`));
    return;
  }
  let used: { values: string[]; tags: string[] };
  try {
    used = messageNames(text, rich);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0]!.toLowerCase().replace(/_/g, ' ');
    diagnostics.push(diagnostic(source.file, at, 'error', `${name}: cannot read this as a message (${reason}): values are written like {owner_first_name}, a literal { as '{'`));
    return;
  }
  for (const value of used.values) {
    if (allowed.includes(value)) continue;
    const guess = didYouMean(value, allowed);
    const hint = guess ? `did you mean {${guess}}?` : allowed.length ? `this text can use ${list}` : 'this text takes no values';
    diagnostics.push(diagnostic(source.file, at, 'error', `${name}: unknown value {${value}}: ${hint}`));
  }
  if (rich) {
    for (const tag of used.tags) {
      if (tag !== 'link') diagnostics.push(diagnostic(source.file, at, 'error', `${name}: unknown tag <${tag}>: only <link>…</link> marks the words that link`));
    }
    if (!used.tags.includes('link')) {
      diagnostics.push(diagnostic(source.file, at, 'warning', `${name}: no <link>…</link>: none of these words will be a link`));
    }
  }
}

export function checkCopy(source: YamlSource, copy: Record<string, unknown> | undefined, diagnostics: Diagnostic[]): void {
  if (!copy) return;
  const keys = new Set<string>(messageKeys);
  for (const [key, value] of Object.entries(copy)) {
    if (typeof value === 'string' && keys.has(key)) checkOne(source, ['copy', key], key as MessageKey, value, diagnostics);
    else if (key in catalogs && value && typeof value === 'object') {
      for (const [inner, text] of Object.entries(value as Record<string, unknown>)) {
        if (typeof text === 'string' && keys.has(inner)) checkOne(source, ['copy', key, inner], inner as MessageKey, text, diagnostics);
      }
    }
  }
}
