/**
 * Which scripts a partner sees, in the order the kit page shows them, and why each was chosen.
 *
 * A script may target partners by slug (`partners:`), by tag (`tags:`) or by category
 * (`categories:`); a script with none of these is general, for everyone. For each channel a
 * partner gets the scripts of the most specific level that has any for them, most specific first:
 *
 *   1. partner: the script's `partners:` lists their slug;
 *   2. tag: the script's `tags:` shares a tag with theirs;
 *   3. category: the script's `categories:` lists their category;
 *   4. general: the script targets no one in particular.
 *
 * A script that targets in several ways applies when any of them matches, at the most specific
 * level that does. Within a level, lower `order` comes first, then the file name.
 *
 * Language comes before all of that: a partner sees the scripts written in their language (a
 * script's `language:`, or the kit's default language when it has none). `pt-BR` takes `pt-BR`
 * scripts, then `pt` ones. Where their language has nothing for a channel, that channel falls
 * back to the kit's default language, chosen by the same levels.
 */
import type { PartnerCategory } from '../schemas/partner.ts';
import { scriptChannels, type ScriptData } from '../schemas/script.ts';
import { compareText } from './text.ts';

interface Selectable {
  id: string;
  data: ScriptData;
}

/** Who the scripts are chosen for. */
export interface ScriptTarget {
  slug: string;
  category: PartnerCategory;
  tags?: readonly string[] | undefined;
  /** The partner's language; the kit's default when absent. */
  language?: string | undefined;
  /** The kit's default language (`site.language`): of scripts and partners that name none. `en` when absent. */
  defaultLanguage?: string | undefined;
}

export type SelectionLevel = 'partner' | 'tag' | 'category' | 'general';

/** Why a script was chosen: the level, and the tag or category that matched. */
export interface SelectionReason {
  level: SelectionLevel;
  /** The slug, tag or category that matched; absent for a general script. */
  match?: string;
  /** The language of the script chosen. */
  language?: string;
  /** True when the partner's language had no script for this channel and the default language's was taken. */
  fallback?: boolean;
}

export interface Selected<T> {
  script: T;
  reason: SelectionReason;
}

const levelRank: Record<SelectionLevel, number> = { partner: 0, tag: 1, category: 2, general: 3 };

/** How a script applies to a partner, or undefined when it does not. */
export function matchScript(data: ScriptData, target: ScriptTarget): SelectionReason | undefined {
  if (data.partners?.includes(target.slug)) return { level: 'partner', match: target.slug };
  const tag = data.tags?.find((candidate) => target.tags?.includes(candidate));
  if (tag) return { level: 'tag', match: tag };
  if (data.categories?.includes(target.category)) return { level: 'category', match: target.category };
  if (!data.partners && !data.tags && !data.categories) return { level: 'general' };
  return undefined;
}

/** Same language: tags compare without regard to case (`pt-br` is `pt-BR`). */
function sameLanguage(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The languages a partner's scripts are looked for in, best first: theirs, its base language, the kit's default. */
export function languageChain(target: ScriptTarget): string[] {
  const fallback = target.defaultLanguage ?? 'en';
  const own = target.language ?? fallback;
  const chain = [own, own.split('-')[0]!, fallback];
  return chain.filter((language, index) => chain.findIndex((other) => sameLanguage(other, language)) === index);
}

/** The scripts a partner gets, with why: per channel, the first language with any, then the most specific level. */
export function selectScripts<T extends Selectable>(scripts: readonly T[], target: ScriptTarget): Selected<T>[] {
  const selected: Selected<T>[] = [];
  const defaultLanguage = target.defaultLanguage ?? 'en';
  const languages = languageChain(target);
  const own = target.language ?? defaultLanguage;
  const theirs = [own, own.split('-')[0]!];
  for (const channel of scriptChannels) {
    const ofChannel = scripts.filter((script) => script.data.channel === channel);
    for (const language of languages) {
      const matching = ofChannel
        .filter((script) => sameLanguage(script.data.language ?? defaultLanguage, language))
        .flatMap((script) => {
          const reason = matchScript(script.data, target);
          return reason ? [{ script, reason }] : [];
        });
      if (!matching.length) continue;
      const fallback = !theirs.some((their) => sameLanguage(their, language));
      const best = Math.min(...matching.map(({ reason }) => levelRank[reason.level]));
      selected.push(
        ...matching
          .filter(({ reason }) => levelRank[reason.level] === best)
          .sort((a, b) => a.script.data.order - b.script.data.order || compareText(a.script.id, b.script.id))
          .map(({ script, reason }) => ({ script, reason: { ...reason, language, ...(fallback ? { fallback: true } : {}) } })),
      );
      break;
    }
  }
  return selected;
}

/** The scripts a partner gets, in the order the kit page shows them. */
export function scriptsFor<T extends Selectable>(scripts: readonly T[], target: ScriptTarget): T[] {
  return selectScripts(scripts, target).map(({ script }) => script);
}

/** "tag movers", "partner jane-smith", "category client", "general": for `preview`. */
export function describeReason(reason: SelectionReason): string {
  const why = reason.match === undefined ? reason.level : `${reason.level} ${reason.match}`;
  return reason.fallback ? `${why}, in ${reason.language} (none in their language)` : why;
}
