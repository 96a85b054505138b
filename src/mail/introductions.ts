/**
 * Introductions found in email: the kit's "Open as an email" has the partner write to the
 * prospect with the owner in cc, so a message from a partner's address with the owner in Cc is
 * an introduction of whoever else it was sent to. Pure: envelopes in, proposed ledger entries out.
 */
import { localToday } from '../kit/dates.ts';
import { prospectKey } from '../ledger/load.ts';
import type { ReceivedEntry } from '../schemas/ledger.ts';

export interface MailAddress {
  name: string;
  address: string;
}

export interface MessageEnvelope {
  messageId?: string | undefined;
  date?: Date | undefined;
  subject?: string | undefined;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
}

export interface FoundIntroduction {
  /** The partner's slug. */
  from: string;
  partnerName: string;
  prospect: string;
  /** The day the message was sent, on this computer's calendar. */
  date: string;
  subject: string;
}

export interface IntroductionSearch {
  partners: readonly { slug: string; name: string; email?: string | undefined }[];
  ownerEmail: string;
  /** The ledger's introductions, so one already there is not proposed again. */
  received: readonly Pick<ReceivedEntry, 'from' | 'prospect'>[];
  /** When a message has no Date header. */
  today: string;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** What to call a prospect written only as an address: `dana.wu@…` becomes `dana.wu@…` as is. */
function prospectName({ name, address }: MailAddress): string {
  return (
    name
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || address.trim()
  );
}

/** The introductions in these messages, each once, leaving out those the ledger has. */
export function findIntroductions(messages: readonly MessageEnvelope[], search: IntroductionSearch): FoundIntroduction[] {
  const found: FoundIntroduction[] = [];
  const known = new Set(search.received.map((entry) => `${entry.from}\n${prospectKey(entry.prospect)}`));
  for (const message of messages) {
    if (!message.cc.some((cc) => same(cc.address, search.ownerEmail))) continue;
    const sender = message.from[0];
    const partner = sender && search.partners.find((candidate) => candidate.email && same(candidate.email, sender.address));
    if (!partner) continue;
    const others = (address: MailAddress) => !same(address.address, search.ownerEmail) && !same(address.address, sender.address);
    for (const person of message.to.filter(others)) {
      const prospect = prospectName(person);
      const key = `${partner.slug}\n${prospectKey(prospect)}`;
      if (known.has(key)) continue;
      known.add(key);
      found.push({
        from: partner.slug,
        partnerName: partner.name,
        prospect,
        // A clock set wrong on the sender's side must not put the introduction in the future.
        date: message.date && !Number.isNaN(message.date.getTime()) && localToday(message.date) <= search.today ? localToday(message.date) : search.today,
        subject: message.subject ?? '',
      });
    }
  }
  return found.sort((a, b) => a.date.localeCompare(b.date) || a.prospect.localeCompare(b.prospect));
}
