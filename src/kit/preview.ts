/**
 * What one partner's kit will say, without building: their links, greeting and one-liner, every
 * script they get filled in with their values, and why each was chosen. `referral-kit preview`
 * prints it; the kit page and `invite` choose and fill the scripts the same way.
 */
import { kitStrings } from '../i18n/kit-strings.ts';
import { kitIn } from '../schemas/kit.ts';
import type { KitContent } from './kit-content.ts';
import { partnerTarget, type PartnerEntry } from './partners.ts';
import { compileScript } from './render-script.ts';
import { describeReason, selectScripts } from './script-selection.ts';
import { fillTemplate, scriptContext } from './script-variables.ts';
import { paragraphs, printable } from './text.ts';
import { scriptUrls } from './urls.ts';

export interface PreviewScript {
  id: string;
  channel: string;
  title: string;
  /** Why this partner gets it: `partner jane-smith`, `tag movers`, `category client` or `general`. */
  chosen: string;
  /** For email scripts (email-intro, invite): the subject as filled in. */
  subject?: string | undefined;
  /** The script as the partner reads it (plain text). */
  text: string;
  /** Only the owner sees it: sent to the partner by `referral-kit invite`, never on the kit page. */
  toPartner: boolean;
}

export interface PartnerPreview {
  slug: string;
  name: string;
  category: string;
  tags: string[];
  kit_url: string;
  /** Their public page, or your site when `share_page: false`. */
  share_url: string;
  greeting: string[];
  one_liner: string;
  scripts: PreviewScript[];
}

export async function partnerPreview(content: KitContent, partner: PartnerEntry): Promise<PartnerPreview> {
  const { slug, data } = partner;
  const kit = kitIn(content.kit, data.language);
  const urls = scriptUrls(kit.site, slug, data);
  const context = scriptContext(kit, data, urls);
  const strings = kitStrings(kit, { partner: data });
  const scripts: PreviewScript[] = [];
  // Kit-page scripts first, in the page's order; the invitation (owner to partner) last.
  const selected = selectScripts(content.scripts, partnerTarget(partner, kit.site.language));
  const ordered = [...selected.filter(({ script }) => script.data.channel !== 'invite'), ...selected.filter(({ script }) => script.data.channel === 'invite').slice(0, 1)];
  for (const { script, reason } of ordered) {
    const render = await compileScript(script.file);
    const { channel, title, subject } = script.data;
    const defaultSubject = channel === 'email-intro' ? strings.t('script_subject_default') : channel === 'invite' ? strings.t('invite_subject_default') : undefined;
    scripts.push({
      id: script.id,
      channel,
      title,
      chosen: describeReason(reason),
      subject: subject ? fillTemplate(subject, context) : defaultSubject,
      text: render(context).text,
      toPartner: channel === 'invite',
    });
  }
  return {
    slug,
    name: data.name,
    category: data.category,
    tags: data.tags,
    kit_url: urls.kit_url,
    share_url: urls.share_url,
    greeting: data.message ? paragraphs(data.message) : [strings.t('kit_greeting')].filter(Boolean),
    one_liner: kit.value.one_liner,
    scripts,
  };
}

/** The preview as terminal text; every value escaped, so a hostile name cannot move the cursor. */
export function formatPreview(preview: PartnerPreview): string {
  const indent = (text: string) =>
    text
      .split('\n')
      .map((line) => (line ? `    ${printable(line)}` : ''))
      .join('\n');
  const tags = preview.tags.length ? ` · tags: ${preview.tags.map(printable).join(', ')}` : '';
  const lines = [
    `${printable(preview.name)} (${preview.slug}) · ${preview.category}${tags}`,
    `  kit link    ${preview.kit_url}   (private: only for ${printable(preview.name)})`,
    `  share link  ${preview.share_url}`,
    '',
    '  Greeting',
    indent(preview.greeting.join('\n\n')),
    '',
    '  One-liner',
    indent(preview.one_liner),
  ];
  const shown = preview.scripts.filter((script) => !script.toPartner);
  if (!shown.length) lines.push('', '  No script applies: this kit has nothing to say.');
  for (const script of preview.scripts) {
    lines.push('', `  ${script.toPartner ? 'Invitation (sent to them with `referral-kit invite`)' : script.channel}: ${printable(script.title)}   [${script.chosen}, scripts/${script.id}.mdx]`);
    if (script.subject !== undefined) lines.push(`    Subject: ${printable(script.subject)}`);
    lines.push(indent(script.text));
  }
  return `${lines.join('\n')}\n`;
}
