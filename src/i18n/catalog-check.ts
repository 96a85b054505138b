/**
 * What is wrong with a catalog, measured against the English one: keys it lacks, keys English
 * does not have, messages that are not valid ICU, and values or tags English does not define for
 * that key (a translator's `{partner}` for `{partner_name}` would print nothing, or fail the build).
 */
import { en, isRichKey, keyValues, messageKeys, messageNames, type MessageKey } from './catalog.ts';

export function catalogProblems(language: string, catalog: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  const known = new Set<string>(messageKeys);
  for (const key of messageKeys) {
    if (typeof catalog[key] !== 'string') problems.push(`${language}: missing ${key}`);
  }
  for (const key of Object.keys(catalog)) {
    if (!known.has(key)) problems.push(`${language}: ${key} is not a key of the English catalog`);
  }
  for (const key of messageKeys) {
    const text = catalog[key];
    if (typeof text !== 'string') continue;
    const rich = isRichKey(key as MessageKey);
    let used: { values: string[]; tags: string[] };
    try {
      used = messageNames(text, rich);
    } catch (error) {
      problems.push(`${language}: ${key} is not a valid message (${(error as Error).message.split('\n')[0]})`);
      continue;
    }
    const allowed = keyValues(key);
    for (const value of used.values) {
      if (!allowed.includes(value)) problems.push(`${language}: ${key} uses {${value}}, which English does not define for it`);
    }
    const englishTags = messageNames(en[key], rich).tags;
    for (const tag of used.tags) {
      if (!englishTags.includes(tag)) problems.push(`${language}: ${key} uses <${tag}>, which English does not have`);
    }
    for (const tag of englishTags) {
      if (!used.tags.includes(tag)) problems.push(`${language}: ${key} lacks <${tag}>…</${tag}>`);
    }
  }
  return problems;
}
