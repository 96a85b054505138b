/** The image designs: one file each under ./templates/, with what they share in common.ts. */
import type { ImageJob } from './catalog.ts';
import { cardTemplate } from './templates/card.ts';
import type { Template } from './templates/common.ts';
import { previewTemplate } from './templates/preview.ts';
import { testimonialTemplate } from './templates/testimonial.ts';

export * from './templates/common.ts';
export { cardTemplate, previewTemplate, testimonialTemplate };

/** The design that draws a job's image. */
export function templateFor(job: ImageJob): Template {
  switch (job.kind) {
    case 'card':
      return cardTemplate(job.input, job.format);
    case 'testimonial':
      return testimonialTemplate(job.input, job.format);
    case 'preview':
      return previewTemplate(job.input);
  }
}
