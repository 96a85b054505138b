/**
 * The disclosure shown with a testimonial, on pages and in images alike: what the author is to
 * the owner, whether they were compensated, and the owner's own words (the testimonial's, or the
 * kit-wide default). Regulators (the US SEC marketing rule, some state bars) ask for these.
 */
import type { KitStrings } from '../i18n/kit-strings.ts';
import type { TestimonialData } from '../schemas/testimonial.ts';

/** Between the parts: a mark, not a word, the same in every language. */
const separator = ' · ';

/**
 * The disclosure line, or undefined when the testimonial and the kit have none. `strings` gives
 * the words about compensation in the page's (or image's) language, the owner's where they wrote them.
 */
export function disclosureText(
  data: Pick<TestimonialData, 'relationship' | 'compensated' | 'disclosure'>,
  kitDefault: string | undefined,
  strings: Pick<KitStrings, 't' | 'language'>,
): string | undefined {
  const parts = [
    data.relationship?.trim() || undefined,
    data.compensated === undefined ? undefined : strings.t(data.compensated ? 'disclosure_compensated' : 'disclosure_not_compensated').trim() || undefined,
    (data.disclosure ?? kitDefault)?.trim() || undefined,
  ].filter((part): part is string => Boolean(part));
  if (!parts.length) return undefined;
  // The line starts as a sentence does, whichever part comes first ("Client · …", "Compensated for …").
  parts[0] = capitalized(parts[0]!, strings.language);
  return parts.join(separator);
}

function capitalized(text: string, language: string): string {
  const first = String.fromCodePoint(text.codePointAt(0)!);
  let upper: string;
  try {
    upper = first.toLocaleUpperCase(language);
  } catch {
    upper = first.toUpperCase();
  }
  return upper + text.slice(first.length);
}
