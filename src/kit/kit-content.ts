/** The kit as a build and the commands use it: every collection of a content folder that has no errors. */
import type { KitData } from '../schemas/kit.ts';
import type { PartnerEntry } from './partners.ts';
import type { ScriptSource } from './script-source.ts';
import type { TestimonialEntry } from './testimonials.ts';

export interface KitContent {
  /** The content folder, resolved. */
  contentDir: string;
  /** kit.yaml (or kit.yml) in it. */
  kitFile: string;
  kit: KitData;
  /** The valid partner files, by file name. */
  partners: PartnerEntry[];
  scripts: ScriptSource[];
  /** Every valid testimonial, consented or not: the content loader passes pages only consented ones. */
  testimonials: TestimonialEntry[];
}
