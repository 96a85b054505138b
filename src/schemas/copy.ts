/**
 * `copy:` in kit.yaml: the owner's own words for any string of the catalog (src/i18n/en.ts).
 *
 * A key is a catalog key (`kit_aside: "…"`), in the kit's default language. A language tag with a
 * catalog (`en:`, and each language src/i18n adds) holds the same keys for partners in that
 * language. Catalog keys always hold an underscore and language tags never do, so the two forms
 * cannot be confused. The JSON Schema lists every key with its default, so an editor completes them.
 */
import { z } from './zod.ts';
import { allowedValues, catalogs, en, messageInfo, messageKeys, type MessageKey } from '../i18n/catalog.ts';
import { directionControls } from '../kit/direction-controls.ts';
import { optional } from './fields.ts';

const unwanted = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F${directionControls}]`);

/** Each override's schema, by the catalog key it overrides, for the JSON Schema to describe (`copyTextMeta`). */
export const copyKeyOf = new WeakMap<object, MessageKey>();

/** Text of an override; empty is allowed and leaves the sentence out where a page can do without it. */
function copyText(key: MessageKey) {
  const schema = z
    .string({ error: 'must be text (quote it if it starts with a special character)' })
    .refine((value) => !unwanted.test(value), { error: 'must not contain control characters or invisible direction controls: delete them' })
    .optional();
  copyKeyOf.set(schema, key);
  return schema;
}

/**
 * What the JSON Schema says of an override: where it shows, the values it may use, its default.
 * Worked out only when the JSON Schema is written (src/schemas/json-schema.ts): the values of
 * every key, read from its ICU message, took every command 30 ms as a `.meta()` here.
 */
export function copyTextMeta(key: MessageKey): { description: string; default: string } {
  const values = allowedValues(key);
  const variables = values.length ? ` Values: ${values.map((name) => `{${name}}`).join(', ')}.` : '';
  return { description: `${messageInfo[key].where}.${variables} Default: ${JSON.stringify(en[key])}`, default: en[key] };
}

const copyStrings = z.strictObject(Object.fromEntries(messageKeys.map((key) => [key, copyText(key)])) as { [K in MessageKey]: ReturnType<typeof copyText> });

export const copySchema = z.strictObject({
  ...copyStrings.shape,
  ...Object.fromEntries(Object.keys(catalogs).map((language) => [language, optional(copyStrings).describe(`Your words for partners whose language is ${language}, with the same keys.`)])),
});

export type CopyOverrides = { [K in MessageKey]?: string | undefined } & { [language: string]: unknown };
