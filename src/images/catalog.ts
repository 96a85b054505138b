/**
 * Every image a kit publishes, where it lives, and what it is made from. Pages link to images
 * through these paths and the build renders exactly this list, so a link can't point at an
 * image that was never made.
 */
import { resolve } from 'node:path';
import { disclosureText } from '../kit/disclosure.ts';
import { isPublished } from '../schemas/testimonial.ts';
import { kitIn, type KitData } from '../schemas/kit.ts';
import type { KitContent } from '../kit/kit-content.ts';
import { absoluteUrl, scriptUrls } from '../kit/urls.ts';
import { commonValues, kitStrings } from '../i18n/kit-strings.ts';
import type { MessageKey } from '../i18n/catalog.ts';
import { imageFormats, imagePaths, type ImageFormat } from './paths.ts';
import type { CardInput, OwnerInput, PreviewInput, TestimonialInput } from './templates.ts';

export type ImageJob =
  | { kind: 'card'; path: string; format: ImageFormat; input: CardInput }
  | { kind: 'testimonial'; path: string; format: ImageFormat; input: TestimonialInput }
  | { kind: 'preview'; path: string; format: '1200x630'; input: PreviewInput };

const formats = Object.keys(imageFormats) as ImageFormat[];

export function ownerInput(kit: KitData, contentDir: string): OwnerInput {
  return {
    name: kit.owner.name,
    business: kit.owner.business,
    photo: kit.owner.photo ? resolve(contentDir, kit.owner.photo) : undefined,
    accent: kit.site.accent,
  };
}

/** The messages an image of one partner uses (the owner's, where they wrote their own) and the values they may fill in. */
function imageWords(kit: KitData, partner: { name: string; first_name: string; language?: string | undefined }, keys: readonly MessageKey[]) {
  const strings = kitStrings(kit, { partner });
  return {
    language: strings.language,
    messages: Object.fromEntries(keys.map((key) => [key, strings.message(key)])),
    values: Object.fromEntries(Object.entries(commonValues(kit, partner)).map(([key, value]) => [key, String(value)])),
  };
}

export function imageJobs(content: KitContent): ImageJob[] {
  const { kit, contentDir } = content;
  const owner = ownerInput(kit, contentDir);
  const site = absoluteUrl(kit.site);
  const language = kitStrings(kit).language;
  const jobs: ImageJob[] = [{ kind: 'preview', path: imagePaths.home(), format: '1200x630', input: { oneLiner: kit.value.one_liner, site, owner, language } }];
  for (const { slug, data: partner } of content.partners) {
    // The partner's images are in their language: their words from `translations:` and the catalog.
    const kit = kitIn(content.kit, partner.language);
    const shareUrl = scriptUrls(kit.site, slug, partner).share_url;
    const words = imageWords(kit, partner, ['card_eyebrow', 'card_scan', 'prospect_eyebrow', 'prospect_image_headline']);
    if (partner.share_page) {
      jobs.push({
        kind: 'preview',
        path: imagePaths.prospect(slug),
        format: '1200x630',
        input: { partnerName: partner.name, oneLiner: kit.value.one_liner, site, owner, ...words },
      });
    }
    for (const format of formats) {
      jobs.push({
        kind: 'card',
        path: imagePaths.card(partner.token, format),
        format,
        input: { partnerName: partner.name, oneLiner: kit.value.one_liner, ownerFirstName: kit.owner.first_name, shareUrl, owner, ...words },
      });
    }
  }
  for (const { id, data } of content.testimonials) {
    if (!isPublished(data)) continue;
    for (const format of formats) {
      jobs.push({
        kind: 'testimonial',
        path: imagePaths.testimonial(id, format),
        format,
        input: {
          quote: data.quote,
          author: data.author,
          role: data.role,
          company: data.company,
          photo: data.photo ? resolve(contentDir, data.photo) : undefined,
          disclosure: disclosureText(data, kit.testimonials.disclosure, kitStrings(kit)),
          owner,
        },
      });
    }
  }
  return jobs;
}
