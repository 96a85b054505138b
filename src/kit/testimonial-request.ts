/**
 * Asking for a testimonial in writing, from the partner's kit: an email to the owner that carries
 * the partner's sentence and the consent wording, and reading such an email back into a
 * testimonial. The markers are plain sentences in the partner's language (catalog keys
 * `testimonial_ask_*`, the owner's own words where they wrote them), so the message reads well
 * to a person too; a reply is read with the markers of the language it was written in.
 */
import { catalogs, defaultLanguage } from '../i18n/catalog.ts';
import { kitStrings, type KitStrings, type KitStringsSource } from '../i18n/kit-strings.ts';
import { mailtoUrl } from './mailto.ts';

/** The line that ends the partner's words: a mark, the same in every language. */
const wordsEnd = '---';

/** The lines a reply is read by, in one language. */
export interface TestimonialMarkers {
  wordsStart: string;
  placeholder: string;
  /** The consent sentence in pieces, the partner's name left out: each must still be in the reply. */
  consent: string[];
}

/** The `mailto:` link of the kit section: to the owner, the partner's words to fill in, the consent in the message. */
export function testimonialRequestMailto(strings: Pick<KitStrings, 't'>, owner: { email: string }): string {
  return mailtoUrl({
    to: owner.email,
    subject: strings.t('testimonial_ask_subject'),
    body: [strings.t('testimonial_ask_words_start'), '', strings.t('testimonial_ask_placeholder'), '', wordsEnd, strings.t('testimonial_ask_consent'), ''].join('\n'),
  });
}

/** Spaces as a mail app may have re-wrapped them: one space. */
const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The markers of one language: the owner's words for it, else its catalog's. */
export function testimonialMarkers(strings: Pick<KitStrings, 't'>): TestimonialMarkers {
  // The partner's name is what changes from one reply to the next; the words around it are the marker.
  const hole = '\u0000';
  return {
    wordsStart: squeeze(strings.t('testimonial_ask_words_start')),
    placeholder: squeeze(strings.t('testimonial_ask_placeholder')),
    consent: strings.t('testimonial_ask_consent', { partner_name: hole }).split(hole).map(squeeze).filter(Boolean),
  };
}

/**
 * The markers a reply may carry, best first: the partner's language (the kit's when unknown),
 * then every other language of the kit's catalogs, English last, since the partner may have
 * changed language since the link was made, or written from a kit built before.
 */
export function replyMarkers(kit: KitStringsSource, language?: string): TestimonialMarkers[] {
  const first = language ?? kit.site.language ?? defaultLanguage;
  const others = Object.keys(catalogs).filter((tag) => tag !== first && tag !== defaultLanguage);
  const chain = [first, kit.site.language, ...others, defaultLanguage].filter((tag, index, all) => tag && all.indexOf(tag) === index);
  return chain.map((tag) => testimonialMarkers(kitStrings(kit, { language: tag })));
}

export interface TestimonialReply {
  quote: string;
  /** The consent sentence was still in the message as sent. */
  consented: boolean;
}

/**
 * The partner's words from a reply written with that link: the text between "My words:" (in the
 * first language of `markers` that the reply holds) and the line `---`, quoted lines (`>`) left
 * out. Undefined when the message does not hold them.
 */
export function readTestimonialReply(body: string, markers: readonly TestimonialMarkers[]): TestimonialReply | undefined {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  for (const marker of markers) {
    const start = lines.findIndex((line) => squeeze(line) === marker.wordsStart);
    if (start === -1) continue;
    const endOffset = lines.slice(start + 1).findIndex((line) => line.trim() === wordsEnd);
    const end = endOffset === -1 ? lines.length : start + 1 + endOffset;
    const quote = lines
      .slice(start + 1, end)
      .filter((line) => !line.trimStart().startsWith('>') && squeeze(line) !== marker.placeholder)
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    if (!quote) return undefined;
    const after = squeeze(lines.slice(end + 1).join(' '));
    return { quote, consented: endOffset !== -1 && marker.consent.length > 0 && marker.consent.every((piece) => after.includes(piece)) };
  }
  return undefined;
}
