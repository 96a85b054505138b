/**
 * The kit's four collections. Each call makes a fresh set: their loader reads the kit once for
 * all four (src/integration/loader.ts), and one `build --watch` process builds many times.
 *
 * `defineCollection` comes from `astro/content/config` rather than `astro:content`: Node loads
 * this module itself when `referral-kit build` or `dev` hands the collections to Astro
 * (src/content.config.ts says why), and only Vite knows `astro:` modules.
 */
import { defineCollection } from 'astro/content/config';
import { kitSchema } from '../schemas/kit.ts';
import { publicPartnerSchema } from '../schemas/partner.ts';
import { scriptSchema } from '../schemas/script.ts';
import { testimonialSchema } from '../schemas/testimonial.ts';
import { kitLoaders } from './loader.ts';

export function kitCollections() {
  const loader = kitLoaders();
  return {
    kit: defineCollection({ loader: loader('kit'), schema: kitSchema }),
    partners: defineCollection({ loader: loader('partners'), schema: publicPartnerSchema }),
    scripts: defineCollection({ loader: loader('scripts'), schema: scriptSchema }),
    testimonials: defineCollection({ loader: loader('testimonials'), schema: testimonialSchema }),
  };
}

export type KitCollections = ReturnType<typeof kitCollections>;
