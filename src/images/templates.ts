/** The image designs: one file each under ./templates/, with what they share in common.ts. */
export * from './templates/common.ts';
export { cardTemplate } from './templates/card.ts';
export { previewTemplate } from './templates/preview.ts';
export { testimonialTemplate } from './templates/testimonial.ts';
