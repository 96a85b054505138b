/** `testimonials/<id>.yaml`: what a client said, published only with their consent. */
import { z } from './zod.ts';
import { isoDate, line, localImage, optional, slugPattern, text } from './fields.ts';

/** What the author answered when asked whether they may be quoted publicly. */
export const consentAnswers = ['given', 'declined', 'pending'] as const;
export type ConsentAnswer = (typeof consentAnswers)[number];

/** Disclosure fields a kit can require on every published testimonial (`testimonials.require`). */
export const requirableDisclosures = ['relationship', 'compensated'] as const;

export const testimonialSchema = z.strictObject({
  quote: text().describe('Their words, as they said them.'),
  author: line().describe('Who said it.'),
  from: optional(z.string({ error: 'must be a partner file name' }).regex(slugPattern, { error: 'must be a partner file name, like jane-smith' })).describe(
    'The partner who said it (their file name without .yaml), when they are one.',
  ),
  role: optional(line()).describe('Their role, e.g. "Founder".'),
  company: optional(line()).describe('Their company or studio.'),
  photo: optional(localImage()).describe('Their photo, a file inside the content folder, e.g. photos/priya.jpg.'),
  date: optional(isoDate()).describe('When they said it, as YYYY-MM-DD.'),
  consent: z
    .union([z.boolean(), z.enum(consentAnswers)], { error: 'must be given, declined or pending (or true/false)' })
    .default('pending')
    .describe('Published only when given (true means given too): the author agreed to be quoted publicly. pending: not asked or no answer yet; declined: they said no.'),
  consent_date: optional(isoDate()).describe('When they answered, as YYYY-MM-DD. Private: never published.'),
  consent_how: optional(line()).describe('How they answered, e.g. "email of 2026-12-03". Private: never published.'),
  relationship: optional(line()).describe('What the author is to you: client, former client, colleague, partner… Shown with the quote.'),
  compensated: optional(z.boolean({ error: 'must be true or false' })).describe('Whether they were paid or given anything for it, or have a conflict of interest. Shown with the quote.'),
  disclosure: optional(text()).describe("Your own disclosure text, shown with the quote; the kit's testimonials.disclosure otherwise."),
});

export type TestimonialData = z.output<typeof testimonialSchema>;

/** Only a given consent publishes; `consent: true` from older kits means given. */
export function isPublished(data: Pick<TestimonialData, 'consent'>): boolean {
  return data.consent === true || data.consent === 'given';
}

/** The testimonial as pages and images may see it: the private consent record left out. */
export function publicTestimonial(data: TestimonialData): TestimonialData {
  return { ...data, consent_date: undefined, consent_how: undefined };
}
