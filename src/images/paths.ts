/**
 * Where each image is published, and in which sizes: all that pages need of the images. Kept
 * apart from the designs (./catalog.ts, ./templates/) so that the pages' bundle holds no text
 * shaping, fonts or templates: Astro bundled all of it into the pages and loaded HarfBuzz in
 * every build only for these paths.
 */
import { kitPath, sharePath } from '../kit/urls.ts';

/** The sizes every shareable image comes in. */
export const imageFormats = {
  '1200x630': { width: 1200, height: 630 },
  '1080x1080': { width: 1080, height: 1080 },
} as const;

export type ImageFormat = keyof typeof imageFormats;

/** Each image's path in the site, under the site's base folder. */
export const imagePaths = {
  /** The home page's link preview. */
  home: () => 'preview.png',
  /** A prospect page's link preview: public, like the page. */
  prospect: (slug: string) => `${sharePath(slug)}preview.png`,
  /** A partner's "what to say" card: under the kit's secret path, like the kit. */
  card: (token: string, format: ImageFormat) => `${kitPath(token)}card-${format}.png`,
  testimonial: (id: string, format: ImageFormat) => `testimonials/${encodeURIComponent(id)}-${format}.png`,
};
