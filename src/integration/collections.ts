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

/**
 * The schemas give the pages their types (`astro check`, `referral-kit dev`); the loader hands
 * Astro data the kit reading has validated already, and Astro validates nothing a loader stores
 * itself. So a build leaves them out (`withSchemas: false`): with them, Astro wrote a JSON Schema
 * of each collection on every build, 50 ms of converting the copy schema's 300 strings.
 */
export function kitCollections({ withSchemas = true } = {}) {
  const loader = kitLoaders();
  // Typed as there either way: the pages' types describe the data, which is the same.
  const schema = <S>(value: S) => (withSchemas ? { schema: value } : {}) as { schema: S };
  return {
    kit: defineCollection({ loader: loader('kit'), ...schema(kitSchema) }),
    partners: defineCollection({ loader: loader('partners'), ...schema(publicPartnerSchema) }),
    scripts: defineCollection({ loader: loader('scripts'), ...schema(scriptSchema) }),
    testimonials: defineCollection({ loader: loader('testimonials'), ...schema(testimonialSchema) }),
  };
}

export type KitCollections = ReturnType<typeof kitCollections>;
