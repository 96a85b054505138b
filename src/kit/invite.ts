/**
 * Invitations: the `invite` script, filled in for each partner with their values and their kit
 * link, ready to become an email draft or a mailto link. Nothing is sent from here.
 */
import type { KitContent } from './kit-content.ts';
import { partnerTarget, type PartnerEntry } from './partners.ts';
import { compileScript, type ScriptRenderer } from './render-script.ts';
import { scriptsFor } from './script-selection.ts';
import { fillTemplate, scriptContext } from './script-variables.ts';
import { scriptUrls } from './urls.ts';
import { kitStrings } from '../i18n/kit-strings.ts';
import { kitIn } from '../schemas/kit.ts';

export interface Invitation {
  slug: string;
  name: string;
  email: string;
  subject: string;
  /** The script as HTML, for the text/html part. */
  html: string;
  /** The script as plain text, for the text/plain part and mailto links. */
  text: string;
  /** The partner's language (the kit's default when they have none): the draft's `lang`. */
  language: string;
}

export interface SkippedPartner {
  slug: string;
  name: string;
  reason: string;
}

/** Invitations for the given partners, in their order; those who cannot get one are skipped, with why. */
export async function invitations(content: KitContent, partners: readonly PartnerEntry[]): Promise<{ invitations: Invitation[]; skipped: SkippedPartner[] }> {
  const renderers = new Map<string, Promise<ScriptRenderer>>();
  const result: { invitations: Invitation[]; skipped: SkippedPartner[] } = { invitations: [], skipped: [] };
  for (const entry of partners) {
    const { slug, data } = entry;
    if (!data.email) {
      result.skipped.push({ slug, name: data.name, reason: 'no email' });
      continue;
    }
    // Partner, tag and category variants apply here as on the kit page; the first by `order` is the invitation.
    const script = scriptsFor(content.scripts, partnerTarget(entry, content.kit.site.language)).find((candidate) => candidate.data.channel === 'invite');
    if (!script) {
      result.skipped.push({ slug, name: data.name, reason: 'no invite script applies to them' });
      continue;
    }
    if (!renderers.has(script.file)) renderers.set(script.file, compileScript(script.file));
    const render = await renderers.get(script.file)!;
    const kit = kitIn(content.kit, data.language);
    const context = scriptContext(kit, data, scriptUrls(kit.site, slug, data));
    result.invitations.push({
      slug,
      name: data.name,
      email: data.email,
      subject: script.data.subject ? fillTemplate(script.data.subject, context) : kitStrings(kit, { partner: data }).t('invite_subject_default'),
      ...render(context),
      language: data.language ?? kit.site.language,
    });
  }
  return result;
}
