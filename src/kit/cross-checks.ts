/**
 * The rules between files, once every file has been read on its own: which partners would see no
 * script, scripts aimed at tags or partners no one has, variables empty for someone, testimonials
 * against the kit's disclosure rules and the partner files, and languages. Each finding is said
 * once, not once per partner: a kit of thousands must not print thousands of lines.
 */
import { join } from 'node:path';
import { mailSentences } from '../mail/default-messages.ts';
import type { KitData } from '../schemas/kit.ts';
import { followThroughChannels, isOwnerChannel } from '../schemas/script.ts';
import { isPublished } from '../schemas/testimonial.ts';
import { didYouMean, diagnostic, startOfFile, type Diagnostic } from './diagnostics.ts';
import { checkLanguages } from './language-check.ts';
import { partnerTarget, type PartnerFolder } from './partners.ts';
import type { ScriptSource } from './script-source.ts';
import { scriptsFor } from './script-selection.ts';
import { optionalVariables } from './script-variables.ts';
import type { TestimonialFolder } from './testimonials.ts';
import { positionAt, type YamlSource } from './yaml-source.ts';

// strings: move to the catalog
const crossSentences = {
  disclosureMissing: (fields: string[]) =>
    `kit.yaml's testimonials.require asks for ${fields.join(' and ')}, and this published testimonial has no ${fields.join(' or ')}: add ${fields.map((f) => `${f}:`).join(' and ')}`,
  unknownFrom: (slug: string) => `from: there is no partner file partners/${slug}.yaml`,
};

/** What the cross-file rules look at: each collection as read, with the sources for positions. */
interface CrossCheckInput {
  contentDir: string;
  kitFile: string;
  /** Undefined when kit.yaml has errors: the rules that need it are skipped. */
  kit: KitData | undefined;
  kitSource: YamlSource | undefined;
  partnerFolder: PartnerFolder;
  scripts: readonly ScriptSource[];
  testimonialFolder: TestimonialFolder;
  /** Whether the folder has a ledger: then there are introductions to follow through on. */
  ledgerExists: boolean;
}

/** "a, b, c and 12 more": names enough to find the files, few enough to read. */
function someOf(names: readonly string[]): string {
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

/** Scripts against partners: who would see nothing, and variants aimed at no one. */
function checkScriptTargets({ kit, partnerFolder, scripts }: CrossCheckInput, diagnostics: Diagnostic[]): void {
  const { partners, sources } = partnerFolder;
  const defaultLanguage = kit?.site.language ?? 'en';
  // A category without a variant of its own is the normal case (its partners get the general
  // scripts) and says nothing. One finding for every partner left without words, at the first one's file.
  if (scripts.length) {
    const silent = partners.filter((partner) => !scriptsFor(scripts, partnerTarget(partner, defaultLanguage)).some((script) => !isOwnerChannel(script.data.channel)));
    const first = silent[0];
    if (first) {
      const who = silent.length === 1 ? "this partner's kit" : `the kits of these ${silent.length} partners (${someOf(silent.map((m) => m.slug))})`;
      diagnostics.push(
        diagnostic(
          first.file,
          positionAt(sources.get(first.slug)!, ['category']),
          'warning',
          `no script applies to this partner: ${who} will have nothing to say; add a general script (no categories, tags or partners) or one for them`,
        ),
      );
    }
  }
}

/** Tags and partner slugs a script names that no partner file has. */
function checkScriptReferences({ partnerFolder, scripts }: CrossCheckInput, diagnostics: Diagnostic[]): void {
  const partnerTags = new Set(partnerFolder.partners.flatMap((partner) => partner.data.tags));
  const tagList = [...partnerTags].sort();
  const partnerSlugs = partnerFolder.files.map((entry) => entry.slug);
  for (const script of scripts) {
    script.data.tags?.forEach((tag, index) => {
      if (partnerTags.has(tag)) return;
      const guess = didYouMean(tag, tagList);
      const hint = guess ? `did you mean "${guess}"?` : tagList.length ? `partners have: ${someOf(tagList)}` : 'no partner has tags yet: list theirs under `tags:` in their file';
      diagnostics.push(diagnostic(script.file, script.targetPositions.tags[index] ?? startOfFile, 'warning', `tags: no partner has the tag "${tag}", so no one sees this script: ${hint}`));
    });
    script.data.partners?.forEach((slug, index) => {
      if (partnerSlugs.includes(slug)) return;
      const guess = didYouMean(slug, partnerSlugs);
      const hint = guess ? `did you mean "${guess}"?` : 'partners are named by their file in partners/, like jane-smith';
      diagnostics.push(
        diagnostic(
          script.file,
          script.targetPositions.partners[index] ?? startOfFile,
          'warning',
          `partners: no partner "${slug}" (no partners/${slug}.yaml), so no one sees this script for them: ${hint}`,
        ),
      );
    });
  }
}

/** Optional variables (`{partner.company}`, `{booking_url}`) without a fallback, empty for someone who sees the script. */
function checkEmptyVariables({ kit, partnerFolder, scripts }: CrossCheckInput, diagnostics: Diagnostic[]): void {
  const defaultLanguage = kit?.site.language ?? 'en';
  for (const script of scripts) {
    for (const use of script.uses) {
      if (use.guarded || !optionalVariables.has(use.path)) continue;
      const [group, field] = use.path.split('.') as [string, string];
      const lacking =
        group === 'booking_url'
          ? kit && !kit.booking_url
            ? ['you (kit.yaml has no booking_url)']
            : []
          : group === 'owner'
            ? kit && !kit.owner[field as 'phone']
              ? ['you (kit.yaml)']
              : []
            : partnerFolder.partners
                .filter((partner) => scriptsFor([script], partnerTarget(partner, defaultLanguage)).length)
                .filter((partner) => !partner.data[field as 'company' | 'occupation'])
                .map((partner) => partner.slug);
      if (lacking.length && group === 'booking_url') {
        diagnostics.push(diagnostic(script.file, use.position, 'warning', '{booking_url} is empty: kit.yaml has no booking_url, so the link goes nowhere; add one, or link to {share_url}'));
      } else if (lacking.length) {
        const who = someOf(lacking);
        diagnostics.push(diagnostic(script.file, use.position, 'warning', `{${use.path}} is empty for ${who}: add a fallback, like {${use.path} ?? "your team"}`));
      }
    }
  }
}

/** Published testimonials against kit.yaml's `testimonials.require`, and `from:` against the partner files. */
function checkTestimonials({ kit, partnerFolder, testimonialFolder }: CrossCheckInput, diagnostics: Diagnostic[]): void {
  for (const { id, file, data } of testimonialFolder.testimonials) {
    if (kit && isPublished(data)) {
      const missing = kit.testimonials.require.filter((field) => data[field] === undefined);
      if (missing.length) diagnostics.push(diagnostic(file, startOfFile, 'warning', crossSentences.disclosureMissing(missing)));
    }
    if (data.from && !partnerFolder.files.some((entry) => entry.slug === data.from)) {
      diagnostics.push(diagnostic(file, positionAt(testimonialFolder.sources.get(id)!, ['from']), 'warning', crossSentences.unknownFrom(data.from)));
    }
  }
}

/**
 * With a ledger there are introductions to follow through on: a channel without a script gets
 * built-in words, which the owner should know about. Said once, not per partner.
 */
function checkFollowThrough({ contentDir, partnerFolder, scripts, ledgerExists }: CrossCheckInput, diagnostics: Diagnostic[]): void {
  const withoutScript = followThroughChannels.filter((channel) => !scripts.some((script) => script.data.channel === channel));
  if (ledgerExists && partnerFolder.partners.length && withoutScript.length) {
    diagnostics.push(diagnostic(join(contentDir, 'scripts'), startOfFile, 'warning', mailSentences.builtInFallback(withoutScript)));
  }
}

/** Every cross-file rule, its findings added to `diagnostics`. */
export function checkAcrossFiles(input: CrossCheckInput, diagnostics: Diagnostic[]): void {
  checkScriptTargets(input, diagnostics);
  const { kit, kitFile, kitSource, partnerFolder, scripts } = input;
  if (kit) checkLanguages({ kit, kitFile, kitSource, partners: partnerFolder.partners, partnerSources: partnerFolder.sources, scripts }, diagnostics);
  checkScriptReferences(input, diagnostics);
  checkEmptyVariables(input, diagnostics);
  checkTestimonials(input, diagnostics);
  checkFollowThrough(input, diagnostics);
}
