/**
 * Asking for a testimonial in writing, from the partner's kit: an email to the owner that carries
 * the partner's sentence and the consent wording, and reading such an email back into a
 * testimonial. The markers are plain sentences, so the message reads well to a person too.
 */
import { mailtoUrl } from './mailto.ts';

// strings: move to the catalog
export const testimonialRequestStrings = {
  title: 'Would you say a sentence about working with me?',
  intro: (owner: string, firstName: string) => `If you have a moment, write a sentence or two about working with ${owner}. It goes to ${firstName} by email, from your own mail app, and is only shared with your permission.`,
  button: 'Write it in an email',
  subject: (owner: string) => `A few words about working with ${owner}`,
  wordsStart: 'My words:',
  placeholder: '(write your sentence here)',
  wordsEnd: '---',
  consent: (owner: string, author: string) =>
    `I agree that ${owner} may quote the words above publicly, with my name (${author}), on their website and in images to share.`,
};

/** The `mailto:` link of the kit section: to the owner, the partner's words to fill in, the consent in the message. */
export function testimonialRequestMailto(owner: { name: string; email: string }, partnerName: string): string {
  const s = testimonialRequestStrings;
  return mailtoUrl({
    to: owner.email,
    subject: s.subject(owner.name),
    body: [s.wordsStart, '', s.placeholder, '', s.wordsEnd, s.consent(owner.name, partnerName), ''].join('\n'),
  });
}

export interface TestimonialReply {
  quote: string;
  /** The consent sentence was still in the message as sent. */
  consented: boolean;
}

/**
 * The partner's words from a reply written with that link: the text between "My words:" and the
 * line `---`, quoted lines (`>`) left out. Undefined when the message does not hold them.
 */
export function readTestimonialReply(body: string, ownerName: string): TestimonialReply | undefined {
  const s = testimonialRequestStrings;
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.findIndex((line) => line.trim() === s.wordsStart);
  if (start === -1) return undefined;
  const endOffset = lines.slice(start + 1).findIndex((line) => line.trim() === s.wordsEnd);
  const end = endOffset === -1 ? lines.length : start + 1 + endOffset;
  const quote = lines
    .slice(start + 1, end)
    .filter((line) => !line.trimStart().startsWith('>') && line.trim() !== s.placeholder)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (!quote) return undefined;
  const after = lines.slice(end + 1).join(' ').replace(/\s+/g, ' ');
  const consentStart = s.consent(ownerName, '\u0000').split('\u0000')[0]!;
  return { quote, consented: endOffset !== -1 && after.includes(consentStart) };
}
