/**
 * The disclosure shown with a testimonial, on pages and in images alike: what the author is to
 * the owner, whether they were compensated, and the owner's own words (the testimonial's, or the
 * kit-wide default). Regulators (the US SEC marketing rule, some state bars) ask for these.
 */
import type { TestimonialData } from '../schemas/testimonial.ts';

// strings: move to the catalog
const disclosureWords = {
  compensated: 'compensated for this testimonial',
  notCompensated: 'not compensated',
  separator: ' · ',
};

/** The disclosure line, or undefined when the testimonial and the kit have none. */
export function disclosureText(
  data: Pick<TestimonialData, 'relationship' | 'compensated' | 'disclosure'>,
  kitDefault: string | undefined,
): string | undefined {
  const relationship = data.relationship?.trim();
  const parts = [
    relationship ? relationship[0]!.toLocaleUpperCase() + relationship.slice(1) : undefined,
    data.compensated === undefined ? undefined : data.compensated ? disclosureWords.compensated : disclosureWords.notCompensated,
    (data.disclosure ?? kitDefault)?.trim() || undefined,
  ].filter((part): part is string => Boolean(part));
  return parts.length ? parts.join(disclosureWords.separator) : undefined;
}
