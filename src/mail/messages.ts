/**
 * The owner's messages to partners, filled in and ready to deliver: a follow-through message for
 * each to-do of the report that calls for one (thank, tell the outcome, ask again, give back,
 * re-educate), and invitations. Each comes from the kit's script of its channel (category
 * variants apply as on the kit page) or, when the kit has none, from a neutral built-in message.
 *
 * Every message carries a stable identity (`key`, `id`, `messageId`) so that the sent log and a
 * Drafts folder can tell a message already delivered from a new one.
 */
import { createHash } from 'node:crypto';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import type { MessageKey } from '../i18n/catalog.ts';
import { kitStrings, type KitStrings } from '../i18n/kit-strings.ts';
import { composeEml, type Mailbox } from '../kit/eml.ts';
import type { KitContent } from '../kit/kit-content.ts';
import { partnerTarget, type PartnerEntry } from '../kit/partners.ts';
import { compileScript, type ScriptRenderer } from '../kit/render-script.ts';
import { scriptsFor } from '../kit/script-selection.ts';
import { fillTemplate, scriptContext } from '../kit/script-variables.ts';
import { scriptUrls } from '../kit/urls.ts';
import { prospectKey } from '../ledger/load.ts';
import type { TodoItem } from '../ledger/report.ts';
import type { ReferralStatus } from '../schemas/ledger.ts';
import { kitIn } from '../schemas/kit.ts';
import type { OwnerChannel } from '../schemas/script.ts';
import { builtInMessageKeys, mailSentences } from './default-messages.ts';
import { actionChannels } from './draft-command.ts';
import { linkifyHtml } from './linkify.ts';

/** What the ledger records once the server has accepted a message (nothing for a draft). */
export type LedgerUpdate = { list: 'received'; date: string; from: string; prospect: string; field: 'thanked' | 'outcome_shared' } | { list: 'asks'; partner: string; reeducated: boolean };

export interface OutgoingMessage {
  channel: OwnerChannel;
  partner: string;
  partnerName: string;
  to: { name: string; address: string };
  /** The introduction it is about, for thank-you and outcome messages. */
  intro: { prospect: string; date: string } | null;
  subject: string;
  text: string;
  /** An HTML fragment: the script as the kit page would render it, links clickable. */
  html: string;
  /** The script it came from, or null for the built-in message. */
  script: string | null;
  ledger: LedgerUpdate | null;
  /** Kind, partner, introduction and content hash: one message, whatever run sends it. */
  key: string;
  /** A short form of the key, for the owner to name a message on the command line. */
  id: string;
  /** The Message-ID header, derived from the key, so a Drafts folder can be searched for it. */
  messageId: string;
  /** The report's to-do it answers, for a follow-through message. */
  todo?: TodoItem | undefined;
}

export interface SkippedMessage {
  partner: string;
  name: string;
  channel: OwnerChannel;
  reason: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function identity(channel: OwnerChannel, partner: string, about: string, to: string, subject: string, text: string, ownerEmail: string) {
  const hash = sha256(`${to.toLowerCase()}\n${subject}\n${text}`).slice(0, 16);
  const key = `${channel}|${partner}|${about}|${hash}`;
  const id = sha256(key).slice(0, 10);
  const domain =
    ownerEmail
      .split('@')
      .at(-1)
      ?.replace(/[^A-Za-z0-9.-]/g, '') || 'referral-kit.invalid';
  return { key, id, messageId: `<referral-kit.${id}@${domain}>` };
}

/** Compiles each script once per run. */
class Renderers {
  private readonly cache = new Map<string, Promise<ScriptRenderer>>();
  get(file: string): Promise<ScriptRenderer> {
    if (!this.cache.has(file)) this.cache.set(file, compileScript(file));
    return this.cache.get(file)!;
  }
}

/** The introduction a follow-through message is about, its status as the ledger writes it. */
interface IntroDetails {
  prospect: string;
  date: string;
  status: ReferralStatus | undefined;
}

/** A status as a catalog key: ICU select keys and catalog keys cannot hold a dash (not-a-fit is not_a_fit). */
function statusWord(status: ReferralStatus | undefined): string {
  return (status ?? 'introduced').replace(/-/g, '_');
}

/** What `{intro.status}` says in a script: the status in the partner's language. */
export function statusText(strings: KitStrings, status: ReferralStatus | undefined): string {
  return strings.t(`status_${statusWord(status)}` as MessageKey);
}

/** `2026-09-01` as the partner's language writes a date ("1 september 2026"); the date itself where Intl cannot. */
export function longDate(date: string, language: string): string {
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  } catch {
    return date;
  }
}

/**
 * Plain text as the HTML part of a message: a paragraph per blank-line-separated block, its line
 * breaks kept. Values are text nodes, so a name can never become markup.
 */
export function plainTextHtml(text: string): string {
  const blocks = text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  return toHtml(
    blocks.map((block) =>
      h(
        'p',
        block.split('\n').flatMap((line, index) => (index ? [h('br'), line] : [line])),
      ),
    ),
  );
}

/** The built-in message of a channel in the partner's language: the owner's words from `copy:` first, then the catalog's. */
export function builtInMessage(strings: KitStrings, channel: OwnerChannel, kitUrl: string, intro: IntroDetails | null): { subject: string; text: string; html: string } {
  const keys = builtInMessageKeys[channel];
  const values = {
    kit_url: kitUrl,
    intro_prospect: intro?.prospect ?? '',
    intro_date: intro ? longDate(intro.date, strings.language) : '',
    intro_status: statusWord(intro?.status),
  };
  const text = strings.t(keys.body, values).trim();
  return { subject: strings.t(keys.subject, values), text, html: plainTextHtml(text) };
}

/** Makes one message for a partner on a channel; `intro` fills {intro.*}. */
async function messageFor(
  content: KitContent,
  renderers: Renderers,
  partner: PartnerEntry,
  channel: OwnerChannel,
  about: string,
  intro: IntroDetails | null,
  ledger: LedgerUpdate | null,
): Promise<OutgoingMessage | SkippedMessage> {
  const { slug, data } = partner;
  if (!data.email) return { partner: slug, name: data.name, channel, reason: mailSentences.noEmail };
  const script = scriptsFor(content.scripts, partnerTarget(partner, content.kit.site.language)).find((candidate) => candidate.data.channel === channel);
  // The kit as the partner reads it: their translations of the owner's words, their language's catalog.
  const kit = kitIn(content.kit, data.language);
  const urls = scriptUrls(kit.site, slug, data);
  let subject: string;
  let text: string;
  let html: string;
  const strings = kitStrings(kit, { partner: data });
  if (script) {
    const render = await renderers.get(script.file);
    // The date and status in the script's own language: a Dutch partner's fallback English script reads as English throughout.
    const inScript = kitStrings(kit, { partner: data, language: script.data.language ?? kit.site.language });
    const context = scriptContext(kit, data, urls, intro ? { prospect: intro.prospect, date: longDate(intro.date, inScript.language), status: statusText(inScript, intro.status) } : undefined);
    const rendered = render(context);
    subject = script.data.subject ? fillTemplate(script.data.subject, context) : builtInMessage(strings, channel, urls.kit_url, intro).subject;
    text = rendered.text;
    html = linkifyHtml(rendered.html);
  } else {
    ({ subject, text, html } = builtInMessage(strings, channel, urls.kit_url, intro));
    html = linkifyHtml(html);
  }
  return {
    channel,
    partner: slug,
    partnerName: data.name,
    to: { name: data.name, address: data.email },
    intro: intro ? { prospect: intro.prospect, date: intro.date } : null,
    subject,
    text,
    html,
    script: script?.id ?? null,
    ledger,
    ...identity(channel, slug, about, data.email, subject, text, content.kit.owner.email),
  };
}

/** The message for each to-do that calls for one, in the report's order; the rest are skipped with why. */
export async function followUpMessages(content: KitContent, todo: readonly TodoItem[]): Promise<{ messages: OutgoingMessage[]; skipped: SkippedMessage[] }> {
  const renderers = new Renderers();
  const partners = new Map(content.partners.map((partner) => [partner.slug, partner]));
  const messages: OutgoingMessage[] = [];
  const skipped: SkippedMessage[] = [];
  for (const item of todo) {
    const channel = actionChannels[item.action];
    const partner = partners.get(item.partner);
    if (!channel || !partner) continue;
    const intro: IntroDetails | null = item.prospect && item.since ? { prospect: item.prospect, date: item.since, status: item.status ?? undefined } : null;
    const about = intro ? `${intro.date}|${prospectKey(intro.prospect)}` : (item.since ?? 'never');
    const ledger: LedgerUpdate | null =
      channel === 'thank-you' || channel === 'outcome'
        ? intro && { list: 'received', date: intro.date, from: item.partner, prospect: intro.prospect, field: channel === 'thank-you' ? 'thanked' : 'outcome_shared' }
        : channel === 'ask-again' || channel === 're-educate'
          ? { list: 'asks', partner: item.partner, reeducated: channel === 're-educate' }
          : null;
    const made = await messageFor(content, renderers, partner, channel, about, intro, ledger);
    if ('key' in made) messages.push({ ...made, todo: item });
    else skipped.push(made);
  }
  return { messages, skipped };
}

/** An invitation per partner, from the `invite` script or the built-in one. */
export async function inviteMessages(content: KitContent, partners: readonly PartnerEntry[]): Promise<{ messages: OutgoingMessage[]; skipped: SkippedMessage[] }> {
  const renderers = new Renderers();
  const messages: OutgoingMessage[] = [];
  const skipped: SkippedMessage[] = [];
  for (const partner of partners) {
    const made = await messageFor(content, renderers, partner, 'invite', '', null, null);
    if ('key' in made) messages.push(made);
    else skipped.push(made);
  }
  return { messages, skipped };
}

/** A message ready to leave from the owner's account, as sent mail: for SMTP and for the Drafts folder alike. */
export function composeOutgoing(message: OutgoingMessage, from: Mailbox, language: string): Promise<Buffer> {
  return composeEml({
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    language,
    date: new Date(),
    messageId: message.messageId,
    unsent: false,
  });
}
