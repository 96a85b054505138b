import { describe, expect, it } from 'vitest';
import { parseMailto } from './helpers/mailto.ts';
import { mailtoUrl, telUrl } from '../src/kit/mailto.ts';

describe('mailtoUrl', () => {
  it('round-trips subject and body, with CRLF line breaks in the body', () => {
    const link = mailtoUrl({ cc: 'maya@example.com', subject: 'Meet Maya & Co', body: 'Hi,\n\nMeet Maya.\n— Jane' });
    expect(link.startsWith('mailto:?cc=maya@example.com&subject=')).toBe(true);
    expect(parseMailto(link)).toEqual({
      to: '',
      keys: ['cc', 'subject', 'body'],
      fields: { cc: 'maya@example.com', subject: 'Meet Maya & Co', body: 'Hi,\r\n\r\nMeet Maya.\r\n— Jane' },
    });
  });

  it('cannot be made to add recipients or headers', () => {
    const link = mailtoUrl({
      to: 'maya@example.com',
      subject: 'Hi&bcc=evil@example.com\r\nBcc: evil@example.com',
      body: 'x&cc=evil@example.com?bcc=evil@example.com',
    });
    const parsed = parseMailto(link);
    expect(parsed.keys).toEqual(['subject', 'body']);
    expect(parsed.to).toBe('maya@example.com');
    expect(parsed.fields.subject).toBe('Hi&bcc=evil@example.com Bcc: evil@example.com');
    expect(link).not.toMatch(/[\r\n]/);
  });

  it('makes dialable tel links', () => {
    expect(telUrl('+1 (415) 555-0134')).toBe('tel:+14155550134');
  });
});
