/** The kit's collections. Schemas live in ./schemas, one per concept; the loader is shared. */
import { defineCollection } from 'astro:content';
import { kitLoader } from './integration/loader.ts';
import { kitSchema } from './schemas/kit.ts';
import { publicPartnerSchema } from './schemas/partner.ts';
import { scriptSchema } from './schemas/script.ts';
import { testimonialSchema } from './schemas/testimonial.ts';

export const collections = {
  kit: defineCollection({ loader: kitLoader('kit'), schema: kitSchema }),
  partners: defineCollection({ loader: kitLoader('partners'), schema: publicPartnerSchema }),
  scripts: defineCollection({ loader: kitLoader('scripts'), schema: scriptSchema }),
  testimonials: defineCollection({ loader: kitLoader('testimonials'), schema: testimonialSchema }),
};
