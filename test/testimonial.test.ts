/**
 * Testimonials collected at the ask: written from the terminal, consent recorded, disclosures
 * shown; and the done-when flow: ask with words → consent → build, with declined and pending
 * words nowhere in dist/.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { disclosureText } from '../src/kit/disclosure.ts';
import { setConsent, testimonialFileText } from '../src/kit/testimonial-file.ts';
import { readTestimonialReply, replyMarkers, testimonialRequestMailto } from '../src/kit/testimonial-request.ts';
import { kitStrings } from '../src/i18n/kit-strings.ts';
import { isPublished } from '../src/schemas/testimonial.ts';
import { runCli } from './helpers/cli.ts';
import { copyFixture, fixture, tempDir } from './helpers/fixtures.ts';

/** The kit fields the words of a testimonial request use. */
const kit = {
  site: { language: 'en' },
  owner: { name: 'Maya Okafor', first_name: 'Maya', business: 'Ledger & Line', email: 'maya@example.com' },
  value: { one_liner: 'Maya keeps the books.' },
};

/** The body of the email a partner's kit link opens, with their words where the placeholder was. */
function replyBody(url: string, placeholder: string, words: string): string {
  const body = new URL(url).searchParams.get('body')!;
  expect(body).toContain(placeholder);
  return body.replace(placeholder, words);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile());
}

describe('consent', () => {
  it('publishes only a given consent, and the old consent: true', () => {
    expect([true, 'given', false, 'declined', 'pending'].map((consent) => isPublished({ consent: consent as never }))).toEqual([true, true, false, false, false]);
  });

  it('sets the answer without touching anything else, comments and CRLF line endings kept', () => {
    const text = '# keep me\r\nquote: "Calm, finally."   # her words\r\nauthor: Pat Lee\r\nconsent: pending # not yet\r\n\r\n# trailing comment\r\n';
    const edit = setConsent(text, 'given', '2026-12-03', 'email of 2026-12-03');
    if ('problem' in edit) throw new Error(edit.problem);
    expect(edit.text).toBe(
      '# keep me\r\nquote: "Calm, finally."   # her words\r\nauthor: Pat Lee\r\nconsent: given # not yet\r\nconsent_date: 2026-12-03\r\nconsent_how: email of 2026-12-03\r\n\r\n# trailing comment\r\n',
    );
    const again = setConsent(edit.text, 'declined', '2026-12-04', undefined);
    if ('problem' in again) throw new Error(again.problem);
    expect(parse(again.text)).toMatchObject({ consent: 'declined', consent_date: '2026-12-04', consent_how: 'email of 2026-12-03' });
  });

  it('adds consent to a file that has none, after a block quote', () => {
    const edit = setConsent('quote: |\n  Two lines,\n  of words.\nauthor: Pat Lee', 'given', '2026-12-03', undefined);
    if ('problem' in edit) throw new Error(edit.problem);
    expect(parse(edit.text)).toEqual({ quote: 'Two lines,\nof words.\n', author: 'Pat Lee', consent: 'given', consent_date: '2026-12-03' });
  });

  it('writes hostile words as words', () => {
    const quote = '# not a comment: "quoted" & {braces}\nsecond line: yes';
    const text = testimonialFileText({ quote, author: "O'Brien: #1", date: '2026-12-01', consent: 'pending' }, '../schemas/x.json');
    expect(parse(text)).toEqual({ quote, author: "O'Brien: #1", date: '2026-12-01', consent: 'pending' });
  });
});

describe('disclosures', () => {
  it("joins relationship, compensation and the owner's words, the kit default when the testimonial has none", () => {
    const english = kitStrings(kit);
    expect(disclosureText({ relationship: 'client', compensated: false, disclosure: undefined }, 'Results vary.', english)).toBe('Client · not compensated · Results vary.');
    expect(disclosureText({ relationship: undefined, compensated: true, disclosure: 'Paid in lunch.' }, 'Results vary.', english)).toBe('Compensated for this testimonial · Paid in lunch.');
    expect(disclosureText({ relationship: undefined, compensated: undefined, disclosure: undefined }, undefined, english)).toBeUndefined();
  });

  it("says it in the page's language, in the owner's words where they wrote them", () => {
    const data = { relationship: 'klant', compensated: false, disclosure: undefined };
    expect(disclosureText(data, undefined, kitStrings(kit, { language: 'nl' }))).toBe('Klant · geen vergoeding ontvangen');
    expect(disclosureText({ ...data, relationship: undefined, compensated: true }, undefined, kitStrings(kit, { language: 'ar' }))).toBe('قُدّمت هذه الشهادة مقابل أجر');
    const own = { ...kit, copy: { nl: { disclosure_not_compensated: 'niet betaald' } } };
    expect(disclosureText(data, undefined, kitStrings(own, { language: 'nl' }))).toBe('Klant · niet betaald');
  });
});

describe('asking in writing', () => {
  it('reads back the words of an email written with the kit link, and whether the consent stayed in', () => {
    const url = testimonialRequestMailto(kitStrings(kit, { partner: { name: 'Jane Smith', first_name: 'Jane' } }), kit.owner);
    const body = replyBody(url, '(write your sentence here)', 'Maya made our books calm.');
    expect(body).toContain('I agree that Maya Okafor may quote the words above publicly, with my name (Jane Smith)');
    expect(readTestimonialReply(body, replyMarkers(kit))).toEqual({ quote: 'Maya made our books calm.', consented: true });
    const withoutConsent = body.split('---')[0]!;
    expect(readTestimonialReply(withoutConsent, replyMarkers(kit))?.consented).toBe(false);
    expect(readTestimonialReply('Hello Maya!', replyMarkers(kit))).toBeUndefined();
  });

  it("writes the email in the partner's language and reads it back in that language, English still accepted", () => {
    const sanne = { name: 'Sanne de Vries', first_name: 'Sanne', language: 'nl' };
    const dutch = testimonialRequestMailto(kitStrings(kit, { partner: sanne }), kit.owner);
    expect(new URL(dutch).searchParams.get('subject')).toBe('Een paar woorden over de samenwerking met Maya Okafor');
    const body = replyBody(dutch, '(schrijf hier je zin)', 'Maya bracht rust in onze boeken.');
    expect(body).toContain('Mijn woorden:');
    expect(body).toContain('Ik geef Maya Okafor toestemming');
    expect(readTestimonialReply(body, replyMarkers(kit, 'nl'))).toEqual({ quote: 'Maya bracht rust in onze boeken.', consented: true });
    // Who wrote it unknown: every catalog's markers are tried.
    expect(readTestimonialReply(body, replyMarkers(kit))).toEqual({ quote: 'Maya bracht rust in onze boeken.', consented: true });
    // Consent is read in the language the words were found in: the Dutch consent cut, none given.
    expect(readTestimonialReply(body.replace('Ik geef Maya Okafor toestemming', 'Ik geef'), replyMarkers(kit, 'nl'))?.consented).toBe(false);
    // A Dutch partner who wrote from an English link (an older kit) is still read.
    const english = replyBody(testimonialRequestMailto(kitStrings(kit, { partner: { ...sanne, language: undefined } }), kit.owner), '(write your sentence here)', 'Calm books.');
    expect(readTestimonialReply(english, replyMarkers(kit, 'nl'))).toEqual({ quote: 'Calm books.', consented: true });

    const layla = { name: 'ليلى حداد', first_name: 'ليلى', language: 'ar' };
    const arabic = replyBody(testimonialRequestMailto(kitStrings(kit, { partner: layla }), kit.owner), '(اكتب جملتك هنا)', 'مايا نظّمت حساباتنا.');
    expect(arabic).toContain('كلماتي:');
    expect(readTestimonialReply(arabic, replyMarkers(kit, 'ar'))).toEqual({ quote: 'مايا نظّمت حساباتنا.', consented: true });
  });

  it("reads the owner's own markers, from copy:", () => {
    const own = { ...kit, copy: { nl: { testimonial_ask_words_start: 'Wat ik zeg:' } } };
    const body = replyBody(testimonialRequestMailto(kitStrings(own, { partner: { name: 'Sanne de Vries', first_name: 'Sanne', language: 'nl' } }), kit.owner), '(schrijf hier je zin)', 'Rust.');
    expect(body).toContain('Wat ik zeg:');
    expect(readTestimonialReply(body, replyMarkers(own, 'nl'))).toEqual({ quote: 'Rust.', consented: true });
  });
});

describe('the testimonial request', () => {
  it("is drafted when the report's command names it, and never swept into a run of every to-do", async () => {
    const named = await runCli(['follow-up', 'jane-smith', '--kind', 'testimonial-request', '--content', fixture('basic'), '--today', '2026-10-01']);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toMatch(/testimonial-request {2}to Jane Smith <jane-private-marker@example\.com>: Would you say a few words, Jane\?/);
    const all = await runCli(['follow-up', '--content', fixture('basic'), '--today', '2026-10-01']);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toContain('outcome  to Jane Smith');
    expect(all.stdout).not.toContain('testimonial-request');
  });
});

describe('from the terminal alone: ask, words, consent, build', () => {
  it('publishes the given testimonial with its disclosure, and never the declined or pending ones', { timeout: 240_000 }, async () => {
    const content = copyFixture('basic');
    appendFileSync(join(content, 'kit.yaml'), '\ntestimonials:\n  disclosure: Clients quoted were not paid.\n  require: [relationship]\n  ask_on_kit: true\n');

    const ledgerBefore = readFileSync(join(content, 'referrals.yaml'), 'utf8');
    const bad = await runCli(['log', 'ask', 'jane-smith', '--content', content, '--said', 'words with an escape \u001b[31m']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^referral-kit: --said: .*control characters.*nothing was written$/);
    expect(readFileSync(join(content, 'referrals.yaml'), 'utf8')).toBe(ledgerBefore);

    const ask = await runCli(['log', 'ask', 'jane-smith', '--content', content, '--date', '2026-11-30', '--said', 'GIVEN-WORDS Jane says Alex is calm.']);
    expect(ask.code, ask.stderr).toBe(0);
    expect(ask.stdout).toContain('testimonials/jane-smith-2026-11-30.yaml');
    expect(ask.stdout).toContain('referral-kit testimonial consent jane-smith-2026-11-30 --given');
    const janeFile = join(content, 'testimonials', 'jane-smith-2026-11-30.yaml');
    expect(parse(readFileSync(janeFile, 'utf8'))).toMatchObject({
      quote: 'GIVEN-WORDS Jane says Alex is calm.',
      author: 'Jane Smith',
      from: 'jane-smith',
      company: 'Smith & Co',
      date: '2026-11-30',
      consent: 'pending',
    });

    const declined = await runCli(['testimonial', 'add', '--content', content, '--author', 'Dee Clined', '--quote', 'DECLINED-WORDS never to publish']);
    expect(declined.code, declined.stderr).toBe(0);
    const pending = await runCli(['testimonial', 'add', '--content', content, '--author', 'Pen Ding', '--quote', 'PENDING-WORDS not yet', '--date', '2026-11-29']);
    expect(pending.code, pending.stderr).toBe(0);
    const declinedId = readdirSync(join(content, 'testimonials'))
      .find((name) => name.startsWith('dee-clined-'))!
      .replace('.yaml', '');
    expect((await runCli(['testimonial', 'consent', declinedId, '--declined', '--content', content])).code).toBe(0);

    // Published without a relationship: check warns, as kit.yaml asks for one.
    const before = readFileSync(janeFile, 'utf8');
    const consent = await runCli(['testimonial', 'consent', 'jane-smith-2026-11-30', '--given', '--how', 'HOW-PRIVATE phone call', '--date', '2026-12-01', '--content', content]);
    expect(consent.code, consent.stderr).toBe(0);
    const after = readFileSync(janeFile, 'utf8');
    expect(after.startsWith(before.slice(0, before.indexOf('consent: pending')))).toBe(true);
    expect(parse(after)).toMatchObject({ consent: 'given', consent_date: '2026-12-01', consent_how: 'HOW-PRIVATE phone call' });
    const warned = await runCli(['check', '--content', content]);
    expect(warned.stderr).toMatch(/jane-smith-2026-11-30\.yaml:\d+:\d+: .*testimonials\.require asks for relationship/);
    writeFileSync(janeFile, after.replace('# relationship: client ', 'relationship: client '));
    expect((await runCli(['check', '--content', content])).stderr).not.toMatch(/jane-smith-2026-11-30\.yaml.*testimonials\.require/);

    // A partner wrote with the kit's link: the reply becomes a testimonial with its consent recorded.
    const basic = { site: { language: 'en' }, owner: { name: 'Alex Rivera', first_name: 'Alex', business: 'Rivera Studio Books', email: 'alex@rivera.test' }, value: { one_liner: '' } };
    const link = testimonialRequestMailto(kitStrings(basic, { partner: { name: 'عمر حداد', first_name: 'عمر' } }), basic.owner);
    const body = replyBody(link, '(write your sentence here)', 'EML-WORDS Alex listens first.');
    const eml = join(tempDir('testimonial-eml'), 'reply.eml');
    writeFileSync(
      eml,
      `From: Omar Haddad <omar@example.com>\r\nTo: alex@example.com\r\nSubject: A few words\r\nDate: Wed, 02 Dec 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body.replace(/\n/g, '\r\n')}`,
    );
    const fromEml = await runCli(['testimonial', 'add', '--eml', eml, '--from', 'omar-haddad', '--content', content, '--date', '2026-12-01']);
    expect(fromEml.code, fromEml.stderr).toBe(0);
    expect(fromEml.stdout).toContain('with their consent');
    const omarFile = readdirSync(join(content, 'testimonials')).find((name) => name.startsWith('omar-haddad-'))!;
    const omar = parse(readFileSync(join(content, 'testimonials', omarFile), 'utf8'));
    expect(omar).toMatchObject({ quote: 'EML-WORDS Alex listens first.', author: 'عمر حداد', from: 'omar-haddad', consent: 'given', consent_date: '2026-12-02', consent_how: 'email of 2026-12-02' });

    const out = join(tempDir('testimonial-build'), 'dist');
    const build = await runCli(['build', '--content', content, '--out', out]);
    expect(build.code, build.stderr).toBe(0);
    const page = readFileSync(join(out, 'testimonials', 'index.html'), 'utf8');
    expect(page).toContain('GIVEN-WORDS Jane says Alex is calm.');
    expect(page).toContain('Client · Clients quoted were not paid.');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Client · Clients quoted were not paid.');
    expect(page).toContain('EML-WORDS Alex listens first.');
    // The kit's own section, on because kit.yaml asks for it: a mailto carrying the consent wording.
    const kitPage = readFileSync(join(out, 'kit', 'jAn3sm1thT0kenXXaaBBccDD', 'index.html'), 'utf8');
    const askLink = /href="(mailto:[^"]*)"[^>]*>\s*Write it in an email/.exec(kitPage)?.[1]?.replace(/&amp;/g, '&');
    expect(askLink && decodeURIComponent(new URL(askLink).searchParams.get('body')!)).toContain('may quote the words above publicly, with my name (Jane Smith)');
    for (const format of ['1200x630', '1080x1080']) {
      const image = filesUnder(out).find((file) => file.includes('jane-smith-2026-11-30') && file.endsWith(`${format}.png`));
      expect(image, format).toBeDefined();
      expect(existsSync(image!)).toBe(true);
    }
    for (const file of filesUnder(out)) {
      const bytes = readFileSync(file);
      for (const marker of ['DECLINED-WORDS', 'PENDING-WORDS', 'Dee Clined', 'Pen Ding', 'HOW-PRIVATE']) {
        expect(bytes.includes(marker), `${marker} in ${file}`).toBe(false);
      }
      expect(filesUnder(out).some((name) => /dee-clined|pen-ding/.test(name))).toBe(false);
    }
  });
});
