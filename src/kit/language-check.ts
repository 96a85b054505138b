/**
 * What `check` says about languages, once per finding rather than once per partner (a kit of
 * thousands must not print thousands of lines):
 *
 * - a partner language without a catalog: its pages take the default language's words;
 * - a channel with no script in a partner language: those partners get the default-language one
 *   (on their kit page, in their invitation, or in the follow-up messages the owner sends them);
 * - the missing-translations report: `copy:` words the owner wrote only in the default language,
 *   and kit.yaml fields (`value`, `ideal_client`, `promise`) with no `translations:` entry, for
 *   each language some partner has.
 */
import { catalogFor, messageInfo, messageKeys, type MessageKey, type Surface } from '../i18n/catalog.ts';
import { languageName } from '../schemas/fields.ts';
import type { KitData } from '../schemas/kit.ts';
import { followThroughChannels, partnerFacingChannels } from '../schemas/script.ts';
import { diagnostic, startOfFile, type Diagnostic } from './diagnostics.ts';
import type { PartnerEntry } from './partners.ts';
import type { ScriptSource } from './script-source.ts';
import { selectScripts } from './script-selection.ts';
import { positionAt, type YamlSource } from './yaml-source.ts';

export interface LanguageCheckInput {
  kit: KitData;
  kitFile: string;
  kitSource?: YamlSource | undefined;
  partners: readonly PartnerEntry[];
  partnerSources: ReadonlyMap<string, YamlSource>;
  scripts: readonly ScriptSource[];
}

/** "a, b, c and 12 more". */
function someOf(names: readonly string[]): string {
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

function partnersPhrase(slugs: readonly string[]): string {
  return slugs.length === 1 ? `1 partner (${slugs[0]})` : `${slugs.length} partners (${someOf(slugs)})`;
}

const named = (tag: string) => {
  const name = languageName(tag);
  return name ? `${tag} (${name})` : tag;
};

/** Same language as the kit's default: `en-GB` partners of an `en` kit read the kit as written. */
function isDefault(language: string, defaultLanguage: string): boolean {
  const base = (tag: string) => tag.split('-')[0]!.toLowerCase();
  return language.toLowerCase() === defaultLanguage.toLowerCase() || base(language) === base(defaultLanguage);
}

/** The kit.yaml fields a language's `translations:` entry gives, as dotted paths. */
function translatedFields(kit: KitData, language: string): Set<string> {
  const entry = Object.entries(kit.translations ?? {}).find(([tag]) => tag.toLowerCase() === language.toLowerCase() || tag.toLowerCase() === language.split('-')[0]!.toLowerCase())?.[1];
  const fields = new Set<string>();
  if (!entry) return fields;
  for (const [group, value] of Object.entries(entry)) {
    if (value === undefined) continue;
    if (Array.isArray(value) || typeof value !== 'object') fields.add(group);
    else for (const [field, inner] of Object.entries(value)) if (inner !== undefined) fields.add(`${group}.${field}`);
  }
  return fields;
}

/** The owner's words that a page in another language would show as written: the fields to translate. */
function fieldsToTranslate(kit: KitData): string[] {
  return ['value.one_liner', 'value.pitch', 'ideal_client.description', 'ideal_client.signals', ...(kit.ideal_client.not_a_fit.length ? ['ideal_client.not_a_fit'] : []), 'promise'];
}

const partnerSurfaces: ReadonlySet<Surface> = new Set(['prospect', 'kit', 'pocket-card', 'card-image', 'prospect-image', 'invite', 'follow-up']);

export function checkLanguages(input: LanguageCheckInput, diagnostics: Diagnostic[]): void {
  const { kit, kitFile, kitSource, partners, partnerSources, scripts } = input;
  const defaultLanguage = kit.site.language;
  const byLanguage = new Map<string, PartnerEntry[]>();
  for (const partner of partners) {
    const language = partner.data.language;
    if (!language || isDefault(language, defaultLanguage)) continue;
    byLanguage.set(language, [...(byLanguage.get(language) ?? []), partner]);
  }
  const at = (partner: PartnerEntry) => {
    const source = partnerSources.get(partner.slug);
    return source ? positionAt(source, ['language']) : startOfFile;
  };
  const kitAt = (path: (string | number)[]) => (kitSource ? positionAt(kitSource, path) : startOfFile);

  for (const [language, group] of byLanguage) {
    const slugs = group.map((partner) => partner.slug);
    const first = group[0]!;

    // A language without a catalog.
    if (!catalogFor(language)) {
      diagnostics.push(
        diagnostic(
          first.file,
          at(first),
          'warning',
          `language: there is no catalog for ${named(language)} yet, so the pages of ${partnersPhrase(slugs)} show the headings and buttons in ${named(defaultLanguage)}; to have them in ${language}, add a catalog (see “Languages” in the README)`,
        ),
      );
    }

    // Channels that fall back to the default language, with how many partners each affects.
    if (scripts.length) {
      const fallbacks = new Map<string, string[]>();
      for (const partner of group) {
        const target = { slug: partner.slug, category: partner.data.category, tags: partner.data.tags, language, defaultLanguage };
        const fellBack = new Set(
          selectScripts(scripts, target)
            .filter(({ reason }) => reason.fallback)
            .map(({ script }) => script.data.channel),
        );
        for (const channel of fellBack) fallbacks.set(channel, [...(fallbacks.get(channel) ?? []), partner.slug]);
      }
      for (const channel of [...partnerFacingChannels, 'invite' as const, ...followThroughChannels]) {
        const affected = fallbacks.get(channel);
        if (!affected) continue;
        const firstAffected = group.find((partner) => partner.slug === affected[0])!;
        // A follow-through message is the owner's own email, not a page: say when the partner meets it.
        const what = (followThroughChannels as readonly string[]).includes(channel)
          ? `your ${channel} message to ${partnersPhrase(affected)} is the ${defaultLanguage} one, so they read it in ${named(defaultLanguage)} when you follow up`
          : `${partnersPhrase(affected)} ${affected.length === 1 ? 'gets' : 'get'} the ${defaultLanguage} one`;
        diagnostics.push(
          diagnostic(firstAffected.file, at(firstAffected), 'warning', `no ${channel} script in ${named(language)}: ${what}; add a script with channel: ${channel} and language: ${language}`),
        );
      }
    }

    // Missing translations: the owner's own words, written only in the default language.
    const copy = (kit.copy ?? {}) as Record<string, unknown>;
    // Only words a partner's pages, images or invitation show: the home page stays in the default language.
    const ownWords = messageKeys.filter((key) => typeof copy[key] === 'string' && messageInfo[key].shows.some((surface) => partnerSurfaces.has(surface)));
    const perLanguage = [language, language.split('-')[0]!].map((tag) => copy[tag]).find((value) => value && typeof value === 'object') as Record<string, unknown> | undefined;
    const untranslatedCopy = ownWords.filter((key: MessageKey) => typeof perLanguage?.[key] !== 'string');
    if (untranslatedCopy.length) {
      diagnostics.push(
        diagnostic(
          kitFile,
          kitAt(['copy', untranslatedCopy[0]!]),
          'warning',
          `copy: ${someOf(untranslatedCopy)} ${untranslatedCopy.length === 1 ? 'is' : 'are'} your own words in ${defaultLanguage} only: ${partnersPhrase(slugs)} in ${named(language)} ${slugs.length === 1 ? 'sees' : 'see'} ${catalogFor(language) ? "the catalog's default" : `the ${defaultLanguage} text`} instead; add them under copy: { ${language}: { … } }`,
        ),
      );
    }
    const translated = translatedFields(kit, language);
    const untranslatedFields = fieldsToTranslate(kit).filter((field) => !translated.has(field));
    if (untranslatedFields.length) {
      diagnostics.push(
        diagnostic(
          kitFile,
          kitAt(kit.translations ? ['translations'] : ['site', 'language']),
          'warning',
          `translations: ${partnersPhrase(slugs)} in ${named(language)} ${slugs.length === 1 ? 'reads' : 'read'} ${someOf(untranslatedFields)} in ${defaultLanguage}; add them under translations: { ${language}: { … } }`,
        ),
      );
    }
  }
}
