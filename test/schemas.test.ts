import { describe, expect, it } from 'vitest';
import { firstNameOf } from '../src/schemas/fields.ts';
import { kitSchema, normalizeBase } from '../src/schemas/kit.ts';
import { partnerSchema, publicPartner, tokenBits } from '../src/schemas/partner.ts';
import { scriptSchema } from '../src/schemas/script.ts';
import { testimonialSchema } from '../src/schemas/testimonial.ts';

const partner = { name: 'Jane Smith', token: 'Qm7vX2pL9sK4tR8wN3yB6c', category: 'client' };

const kit = {
  owner: { name: 'Maya Okafor', business: 'Ledger & Line', email: 'maya@example.com' },
  site: { url: 'https://example.com' },
  value: { one_liner: 'Books for studios.', pitch: 'Monthly books.' },
  ideal_client: { description: 'Studios.', signals: ['Our books are a mess.'] },
  promise: 'I reply within a day.',
};

describe('partner schema', () => {
  it('derives first_name from the name unless given', () => {
    expect(partnerSchema.parse(partner).first_name).toBe('Jane');
    expect(partnerSchema.parse({ ...partner, first_name: 'JJ' }).first_name).toBe('JJ');
    expect(partnerSchema.parse({ ...partner, name: 'Dr. Ada Lovelace' }).first_name).toBe('Ada');
    expect(partnerSchema.parse({ ...partner, name: '王小明' }).first_name).toBe('王小明');
  });

  it('defaults share_page to true and reads a YAML blank as not given', () => {
    const parsed = partnerSchema.parse({ ...partner, email: null, company: null });
    expect(parsed.share_page).toBe(true);
    expect(parsed.email).toBeUndefined();
  });

  it('rejects an unknown category, a weak token and a misspelt field', () => {
    expect(partnerSchema.safeParse({ ...partner, category: 'cilent' }).success).toBe(false);
    expect(partnerSchema.safeParse({ ...partner, token: 'abc123' }).success).toBe(false);
    expect(partnerSchema.safeParse({ ...partner, token: 'a'.repeat(40) }).success).toBe(false);
    expect(partnerSchema.safeParse({ ...partner, token: 'has spaces in it and is long enough' }).success).toBe(false);
  });

  it('refuses a token too long to be a folder name, which only the site build would notice', () => {
    const strong = 'q7Rk2MZp0xW_Lc9vTn4-Yb';
    expect(partnerSchema.safeParse({ ...partner, token: strong.repeat(4) }).success).toBe(true);
    const result = partnerSchema.safeParse({ ...partner, token: strong.repeat(5) });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'is longer than 100 characters: it becomes a folder name in the site, so keep it shorter (22–32 random characters are plenty)',
    ]);
    expect(partnerSchema.safeParse({ ...partner, emial: 'x@example.com' }).success).toBe(false);
  });

  it('rejects names with line breaks, which would break headers and layouts', () => {
    expect(partnerSchema.safeParse({ ...partner, name: 'Jane\nBcc: evil@example.com' }).success).toBe(false);
  });

  it('rejects control characters, saying which rule they break', () => {
    const result = partnerSchema.safeParse({ ...partner, name: 'Jane \u001b[31mSmith' });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['must not contain control characters (like ESC or NUL): delete them']);
    expect(partnerSchema.safeParse({ ...partner, note: 'Met at\u0000 a fair.' }).success).toBe(false);
    expect(partnerSchema.safeParse({ ...partner, note: 'Met at\ta fair.\n\nLikes tea.' }).success).toBe(true);
  });

  it('refuses invisible direction controls, which show text reversed, and keeps direction marks', () => {
    const result = partnerSchema.safeParse({ ...partner, name: 'Eve \u202Egnp.exe\u202C Doe' });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['must not contain invisible direction controls (U+202A–U+202E, U+2066–U+2069), which can show text reversed: delete them']);
    expect(partnerSchema.safeParse({ ...partner, company: '\u2067Studio' }).success).toBe(false);
    expect(partnerSchema.safeParse({ ...partner, name: '\u200Fמאיה כהן' }).success).toBe(true);
  });

  it('counts token strength by alphabet', () => {
    expect(tokenBits('0123456789abcdef0123456789abcdef')).toBe(128);
    expect(tokenBits('Qm7vX2pL9sK4tR8wN3yB6c')).toBe(132);
  });

  it('drops private fields for the site', () => {
    const parsed = partnerSchema.parse({ ...partner, email: 'j@example.com', phone: '+1 555 010 1234', note: 'secret' });
    const shown = publicPartner(parsed);
    expect(Object.keys(shown)).not.toContain('email');
    expect(Object.keys(shown)).not.toContain('phone');
    expect(Object.keys(shown)).not.toContain('note');
    expect(shown.name).toBe('Jane Smith');
  });
});

describe('kit schema', () => {
  it('accepts a minimal kit and fills defaults', () => {
    const parsed = kitSchema.parse(kit);
    expect(parsed.site).toEqual({ url: 'https://example.com', base: '/', accent: '#2f5d50', language: 'en', share_pages: 'unlisted' });
    expect(parsed.promise).toEqual(['I reply within a day.']);
    expect(parsed.owner.first_name).toBe('Maya');
    expect(parsed.ideal_client.not_a_fit).toEqual([]);
  });

  it('accepts only http(s) for the booking link and the site', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', 'ftp://example.com', '/relative']) {
      expect(kitSchema.safeParse({ ...kit, booking_url: url }).success, url).toBe(false);
    }
    expect(kitSchema.safeParse({ ...kit, booking_url: 'https://cal.example/x?y=1' }).success).toBe(true);
    expect(kitSchema.safeParse({ ...kit, site: { url: 'javascript:alert(1)' } }).success).toBe(false);
  });

  it('refuses an address without https:// with a message, not a crash', () => {
    const result = kitSchema.safeParse({ ...kit, site: { url: 'example.com' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['must be a full https or http address, like https://example.com/page']);
  });

  it("lets partners' share pages be listed only when the owner says so", () => {
    expect(kitSchema.parse({ ...kit, site: { url: 'https://example.com', share_pages: 'public' } }).site.share_pages).toBe('public');
    expect(kitSchema.safeParse({ ...kit, site: { url: 'https://example.com', share_pages: 'yes' } }).success).toBe(false);
    expect(partnerSchema.parse({ ...partner, share_page: 'public' }).share_page).toBe('public');
    expect(partnerSchema.safeParse({ ...partner, share_page: 'listed' }).success).toBe(false);
  });

  it('keeps the site address to its origin; a sub-folder belongs in base', () => {
    expect(kitSchema.safeParse({ ...kit, site: { url: 'https://example.com/kit' } }).success).toBe(false);
    expect(kitSchema.parse({ ...kit, site: { url: 'https://example.com/' } }).site.url).toBe('https://example.com');
  });

  it('normalizes the base folder', () => {
    expect(normalizeBase('referrals')).toBe('/referrals/');
    expect(normalizeBase('/referrals')).toBe('/referrals/');
    expect(normalizeBase('/')).toBe('/');
    expect(kitSchema.parse({ ...kit, site: { url: 'https://example.com', base: 'team' } }).site.base).toBe('/team/');
    expect(kitSchema.safeParse({ ...kit, site: { url: 'https://example.com', base: '/a b/' } }).success).toBe(false);
  });

  it('requires at least one signal and a colour in hex', () => {
    expect(kitSchema.safeParse({ ...kit, ideal_client: { ...kit.ideal_client, signals: [] } }).success).toBe(false);
    expect(kitSchema.safeParse({ ...kit, site: { url: 'https://example.com', accent: 'red' } }).success).toBe(false);
  });

  it('accepts only local photos', () => {
    const withPhoto = (photo: string) => kitSchema.safeParse({ ...kit, owner: { ...kit.owner, photo } }).success;
    expect(withPhoto('photos/maya.jpg')).toBe(true);
    expect(withPhoto('https://example.com/maya.jpg')).toBe(false);
    expect(withPhoto('//example.com/maya.jpg')).toBe(false);
    expect(withPhoto('photos/maya.svg')).toBe(false);
  });
});

describe('script and testimonial schemas', () => {
  it('knows the channels and lets a script target categories', () => {
    expect(scriptSchema.parse({ title: 'T', channel: 'email-intro', categories: ['client'] }).order).toBe(0);
    expect(scriptSchema.safeParse({ title: 'T', channel: 'email' }).success).toBe(false);
    expect(scriptSchema.safeParse({ title: 'T', channel: 'phone', categories: [] }).success).toBe(false);
    expect(scriptSchema.safeParse({ title: 'T', channel: 'phone', categories: ['cilent'] }).success).toBe(false);
  });

  it('publishes testimonials only with consent, and reads dates strictly', () => {
    expect(testimonialSchema.parse({ quote: 'Great.', author: 'Pat' }).consent).toBe('pending');
    expect(['given', 'declined', 'pending', true, false].map((consent) => testimonialSchema.safeParse({ quote: 'Great.', author: 'Pat', consent }).success)).toEqual([true, true, true, true, true]);
    expect(testimonialSchema.safeParse({ quote: 'Great.', author: 'Pat', consent: 'yes' }).success).toBe(false);
    expect(testimonialSchema.safeParse({ quote: 'Great.', author: 'Pat', date: '2026-02-30x' }).success).toBe(false);
    expect(testimonialSchema.safeParse({ quote: 'Great.', author: 'Pat', date: '2026-02-03' }).success).toBe(true);
  });
});

describe('firstNameOf', () => {
  it('skips honorifics and keeps hyphenated names', () => {
    expect(firstNameOf('Mary-Kate O’Neil')).toBe('Mary-Kate');
    expect(firstNameOf('Prof. Chen Wei')).toBe('Chen');
    expect(firstNameOf('  Zoë  ')).toBe('Zoë');
  });
});
