/**
 * The strings of one kit in one language: the owner's `copy:` overrides first, then the
 * language's catalog, then English. Pages, images and drafts all read their words through here.
 */
import { catalogFor, defaultLanguage, dir, en, formatMessage, formatParts, isRichKey, type MessageKey, type MessagePart, type MessageValues } from './catalog.ts';

export interface KitStringsSource {
  site: { language: string };
  owner: { name: string; first_name: string; business: string; email: string };
  value: { one_liner: string };
  copy?: Record<string, unknown> | undefined;
}

export interface KitStringsOptions {
  /** Defaults to the kit's own language. */
  language?: string | undefined;
  /** The partner the strings are for, whose name any of them may use, and whose language they are in. */
  partner?: { name: string; first_name: string; language?: string | undefined } | undefined;
}

export interface KitStrings {
  language: string;
  dir: 'ltr' | 'rtl';
  /** The message for a key, before its values are filled in (image templates format it themselves). */
  message(key: MessageKey): string;
  /** The text of a key, values filled in. */
  t(key: MessageKey, values?: MessageValues): string;
  /** The text in pieces, values and `<link>` marked, for pages to wrap names in `<bdi>`. */
  parts(key: MessageKey, values?: MessageValues): MessagePart[];
}

/** The owner's override of a key for a language (`copy: { nl: { … } }`, or `pt` for `pt-BR`), if any. */
function override(kit: KitStringsSource, language: string, key: MessageKey): string | undefined {
  const copy = kit.copy ?? {};
  for (const tag of [language, language.split('-')[0]!]) {
    const perLanguage = copy[tag];
    if (perLanguage && typeof perLanguage === 'object') {
      const value = (perLanguage as Record<string, unknown>)[key];
      if (typeof value === 'string') return value;
    }
  }
  // Keys at the top level are in the kit's own language.
  const value = language === kit.site.language ? copy[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/**
 * A key's message in a language, and the language it is written in: the owner's words for it,
 * else its catalog's; a language without a catalog takes the kit's default language (the owner's
 * words, then its catalog), then English.
 */
export function resolveMessage(kit: KitStringsSource, language: string, key: MessageKey): [message: string, language: string] {
  const own = override(kit, language, key) ?? catalogFor(language)?.[key];
  if (own !== undefined) return [own, language];
  const fallback = kit.site.language || defaultLanguage;
  const inDefault = fallback !== language ? (override(kit, fallback, key) ?? catalogFor(fallback)?.[key]) : undefined;
  return inDefault !== undefined ? [inDefault, fallback] : [en[key], defaultLanguage];
}

/** The values every string of a kit (and of one partner's pages) may use, named as in the catalog. */
export function commonValues(kit: KitStringsSource, partner?: KitStringsOptions['partner']): MessageValues {
  return {
    owner_name: kit.owner.name,
    owner_first_name: kit.owner.first_name,
    owner_business: kit.owner.business,
    owner_email: kit.owner.email,
    one_liner: kit.value.one_liner,
    ...(partner ? { partner_name: partner.name, partner_first_name: partner.first_name } : {}),
  };
}

export function kitStrings(kit: KitStringsSource, options: KitStringsOptions = {}): KitStrings {
  const language = options.language ?? options.partner?.language ?? (kit.site.language || defaultLanguage);
  const common = commonValues(kit, options.partner);
  /** The message and the language it is written in: a fallback formats in its own language. */
  const resolve = (key: MessageKey) => resolveMessage(kit, language, key);
  return {
    language,
    dir: dir(language),
    message: (key) => resolve(key)[0],
    t: (key, values) => formatMessage(...resolve(key), { ...common, ...values }, isRichKey(key)),
    parts: (key, values) => formatParts(...resolve(key), { ...common, ...values }, isRichKey(key)),
  };
}
