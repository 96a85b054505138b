/**
 * `mailto:` links (RFC 6068). Every part is percent-encoded, so a name or subject holding `&cc=`,
 * `?bcc=` or a line break stays text and cannot add a recipient or a header.
 */

export interface MailDraft {
  to?: string | undefined;
  cc?: string | undefined;
  subject?: string | undefined;
  body?: string | undefined;
}

function encodeAddress(address: string): string {
  return encodeURIComponent(address.trim()).replace(/%40/g, '@');
}

export function mailtoUrl(draft: MailDraft): string {
  const fields: string[] = [];
  if (draft.cc) fields.push(`cc=${encodeAddress(draft.cc)}`);
  if (draft.subject) fields.push(`subject=${encodeURIComponent(draft.subject.replace(/[\r\n\u2028\u2029]+/g, ' ').trim())}`);
  if (draft.body) fields.push(`body=${encodeURIComponent(draft.body.replace(/\r?\n/g, '\r\n'))}`);
  return `mailto:${draft.to ? encodeAddress(draft.to) : ''}${fields.length ? `?${fields.join('&')}` : ''}`;
}

/** `tel:` link from a number as people write it. */
export function telUrl(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
