/** The shapes of a string catalog, apart from the catalogs themselves (so en.ts can import them). */

/** Where a string can be seen: a kind of page, an image, or a draft. */
export type Surface = 'home' | 'prospect' | 'testimonials' | 'kit' | 'pocket-card' | 'card-image' | 'prospect-image' | 'pocket-sheet' | 'not-found' | 'testimonial-image' | 'invite' | 'follow-up';

export interface SourceEntry {
  /** Where it shows, in words, for the README table and the JSON Schema. */
  where: string;
  /** Where it shows, for the test that checks every override reaches its place. */
  shows: readonly Surface[];
  /** When it shows only in some kits, the condition. */
  when?: string;
  /** The default text, an ICU MessageFormat message. */
  text: string;
}

export type CatalogSource = Record<string, SourceEntry>;
