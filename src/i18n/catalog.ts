/**
 * The string catalogs and how a message becomes text.
 *
 * English (./en.ts) is the reference: `MessageKey` is its keys, and `Catalog` (what every other
 * language's file exports) must have exactly those keys. Messages are ICU MessageFormat, formatted
 * by intl-messageformat, so plurals, numbers and dates follow the language's own rules.
 *
 * Adding a language: write `src/i18n/<tag>.ts` exporting a `Catalog` (its header comment saying
 * which register it uses), and list it in `catalogs`. test/catalogs.test.ts checks its keys and values.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { Surface } from './catalog-types.ts';
import { englishSource } from './en.ts';
import { ar } from './ar.ts';
import { de } from './de.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { he } from './he.ts';
import { it } from './it.ts';
import { nl } from './nl.ts';
import { pt } from './pt.ts';

export type { Surface };

export type MessageKey = keyof typeof englishSource;

/** One language's strings: every key of the English catalog, and no other. */
export type Catalog = { readonly [K in MessageKey]: string };

/** Every key, in the order the English catalog lists them. */
export const messageKeys = Object.keys(englishSource) as MessageKey[];

export const en: Catalog = Object.fromEntries(messageKeys.map((key) => [key, englishSource[key].text])) as Catalog;

/** Where each key shows, in words and as surfaces; `when` for keys that show only in some kits. */
export const messageInfo: { readonly [K in MessageKey]: { where: string; shows: readonly Surface[]; when?: string } } = englishSource;

export const defaultLanguage = 'en';

/**
 * Catalogs by BCP 47 tag. `pt-BR` uses `pt`; a language without a catalog takes the kit's
 * default language (see ./kit-strings.ts), then English.
 */
export const catalogs: Readonly<Record<string, Catalog>> = { en, es, fr, de, nl, pt, it, ar, he };

/** Values a message may hold: text and numbers, and for `select`, a word such as true/false. */
export type MessageValues = Record<string, string | number | boolean>;

/** Catalog of a tag, or of its language alone (`pt-BR` → `pt`), if there is one. */
export function catalogFor(language: string): Partial<Catalog> | undefined {
  return catalogs[language] ?? catalogs[language.split('-')[0]!.toLowerCase()];
}

/** Languages written right to left. */
const rightToLeft = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

const directions = new Map<string, 'ltr' | 'rtl'>();

/** Writing direction of a language tag: from Intl where the runtime knows it, from a list otherwise. */
export function dir(language: string): 'ltr' | 'rtl' {
  let direction = directions.get(language);
  if (!direction) {
    // Every page asks several times, and building an Intl.Locale each time showed in profiles.
    direction = directionOf(language);
    directions.set(language, direction);
  }
  return direction;
}

function directionOf(language: string): 'ltr' | 'rtl' {
  try {
    const locale = new Intl.Locale(language) as Intl.Locale & {
      getTextInfo?: () => { direction?: string };
      textInfo?: { direction?: string };
    };
    const direction = locale.getTextInfo?.().direction ?? locale.textInfo?.direction;
    if (direction === 'rtl' || direction === 'ltr') return direction;
    return rightToLeft.has(locale.language) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** Keys whose English text marks part of it as a link (`<link>…</link>`); other messages treat `<` as text. */
const richKeys: ReadonlySet<string> = new Set(messageKeys.filter((key) => /<\w+>/.test(en[key])));

export function isRichKey(key: MessageKey): boolean {
  return richKeys.has(key);
}

const compiled = new Map<string, IntlMessageFormat>();

/** Parses a message once per language and text. Throws on a message that is not valid ICU. */
export function compileMessage(message: string, language: string, rich = false): IntlMessageFormat {
  const cacheKey = `${language}\u0000${rich ? 1 : 0}\u0000${message}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(message, language, undefined, { ignoreTag: !rich });
    compiled.set(cacheKey, format);
  }
  return format;
}

/** A message as text, its values filled in; a `<link>` tag keeps only its words. */
export function formatMessage(message: string, language: string, values: MessageValues = {}, rich = false): string {
  const tags = rich ? tagNames(message) : [];
  const tagValues = Object.fromEntries(tags.map((tag) => [tag, (chunks: unknown[]) => chunks.join('')]));
  const result = compileMessage(message, language, rich).format({ ...values, ...tagValues } as never);
  return Array.isArray(result) ? result.join('') : String(result);
}

/** A piece of a formatted message: plain text, a value (to isolate, say in `<bdi>`), or a tag's words. */
export type MessagePart = { kind: 'text'; text: string } | { kind: 'value'; name: string; text: string } | { kind: 'tag'; name: string; text: string };

/** A message in pieces, so a page can wrap names in `<bdi>` and a `<link>` in an `<a>`. */
export function formatParts(message: string, language: string, values: MessageValues = {}, rich = false): MessagePart[] {
  const marked = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, typeof value === 'string' ? { kind: 'value', name, text: value } : value]));
  const tagValues = Object.fromEntries((rich ? tagNames(message) : []).map((name) => [name, (chunks: unknown[]) => ({ kind: 'tag', name, text: chunks.map(partText).join('') })]));
  const result = compileMessage(message, language, rich).format({ ...marked, ...tagValues } as never) as unknown;
  const pieces = Array.isArray(result) ? result : [result];
  const parts: MessagePart[] = [];
  for (const piece of pieces) {
    if (piece !== null && typeof piece === 'object') parts.push(piece as MessagePart);
    else if (piece !== undefined && piece !== '') {
      const last = parts.at(-1);
      if (last?.kind === 'text') last.text += String(piece);
      else parts.push({ kind: 'text', text: String(piece) });
    }
  }
  return parts;
}

function partText(chunk: unknown): string {
  return chunk !== null && typeof chunk === 'object' ? (chunk as MessagePart).text : String(chunk);
}

/** Element kinds of the ICU syntax tree (intl-messageformat's TYPE enum). */
const elementType = { argument: 1, number: 2, date: 3, time: 4, select: 5, plural: 6, tag: 8 } as const;

interface AstElement {
  type: number;
  value?: unknown;
  options?: Record<string, { value: AstElement[] }>;
  children?: AstElement[];
}

function walk(elements: readonly AstElement[], visit: (element: AstElement) => void): void {
  for (const element of elements) {
    visit(element);
    for (const option of Object.values(element.options ?? {})) walk(option.value, visit);
    if (element.children) walk(element.children, visit);
  }
}

/** What a message uses: its values (`{owner_name}`) and its tags (`<link>`). Throws when it is not valid ICU. */
export function messageNames(message: string, rich = false): { values: string[]; tags: string[] } {
  const values = new Set<string>();
  const tags = new Set<string>();
  walk(compileMessage(message, defaultLanguage, rich).getAst() as unknown as AstElement[], (element) => {
    if (element.type === elementType.tag) tags.add(String(element.value));
    else if (Object.values(elementType).includes(element.type as never)) values.add(String(element.value));
  });
  return { values: [...values], tags: [...tags] };
}

function tagNames(message: string): string[] {
  return messageNames(message, true).tags;
}

/** The values each key's English text uses. */
export function keyValues(key: MessageKey): string[] {
  return messageNames(en[key], isRichKey(key)).values;
}

/** Values every message may use: they come from kit.yaml, known wherever a string shows. */
export const kitValueNames = ['owner_name', 'owner_first_name', 'owner_business', 'owner_email', 'one_liner'] as const;

/** Values every message shown to or about one partner may use. */
export const partnerValueNames = ['partner_name', 'partner_first_name'] as const;

const partnerSurfaces: ReadonlySet<Surface> = new Set(['prospect', 'kit', 'pocket-card', 'card-image', 'prospect-image', 'invite', 'follow-up']);

/** What an override of a key may use: its default's values, the kit's, and the partner's where there is one. */
export function allowedValues(key: MessageKey): string[] {
  const forPartner = messageInfo[key].shows.length > 0 && messageInfo[key].shows.every((surface) => partnerSurfaces.has(surface));
  return [...new Set([...keyValues(key), ...kitValueNames, ...(forPartner ? partnerValueNames : [])])];
}

/**
 * What is wrong with a catalog, one line each: keys English lacks or has and it does not, values
 * English does not define, messages that are not ICU. The test of every catalog runs this.
 */
export function catalogProblems(catalog: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const key of messageKeys) if (!(key in catalog)) problems.push(`${key}: missing`);
  for (const [key, message] of Object.entries(catalog)) {
    if (!(messageKeys as string[]).includes(key)) {
      problems.push(`${key}: not a key of the English catalog`);
      continue;
    }
    try {
      const { values } = messageNames(message, isRichKey(key as MessageKey));
      const known = keyValues(key as MessageKey);
      for (const value of values) if (!known.includes(value)) problems.push(`${key}: {${value}} is not a value of the English message`);
    } catch (error) {
      problems.push(`${key}: not an ICU message (${(error as Error).message})`);
    }
  }
  return problems;
}

/**
 * `t(lang, key, values)`: a catalog string in a language, falling back to English for a
 * language or a key without a translation.
 */
export function t(language: string, key: MessageKey, values: MessageValues = {}): string {
  const translated = catalogFor(language)?.[key];
  // An English fallback reads as English throughout, numbers and plurals included.
  return formatMessage(translated ?? en[key], translated === undefined ? defaultLanguage : language, values, isRichKey(key));
}
