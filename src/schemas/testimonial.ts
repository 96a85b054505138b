/** `testimonials/<id>.yaml`: what a client said, published only with their consent. */
import { z } from 'zod';
import { isoDate, line, localImage, optional, text } from './fields.ts';

export const testimonialSchema = z.strictObject({
  quote: text().describe('Their words, as they said them.'),
  author: line().describe('Who said it.'),
  role: optional(line()).describe('Their role, e.g. "Founder".'),
  company: optional(line()).describe('Their company or studio.'),
  photo: optional(localImage()).describe('Their photo, a file inside the content folder, e.g. photos/priya.jpg.'),
  date: optional(isoDate()).describe('When they said it, as YYYY-MM-DD.'),
  consent: z
    .boolean({ error: 'must be true or false' })
    .default(false)
    .describe('Published only when true: the author agreed to be quoted publicly.'),
});

export type TestimonialData = z.output<typeof testimonialSchema>;
