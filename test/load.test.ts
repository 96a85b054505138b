import { isPublished } from '../src/schemas/testimonial.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/kit/diagnostics.ts';
import { loadKit, readContent } from '../src/kit/load.ts';
import { slugify } from '../src/kit/slug.ts';
import { fixture, repoRoot, tempDir } from './helpers/fixtures.ts';
import { minimalKit, partnerYaml, writeKit } from './helpers/kit.ts';

async function messages(dir: string, only?: 'error' | 'warning') {
  const { diagnostics } = await loadKit(dir);
  return diagnostics.filter((d) => !only || d.severity === only).map((d) => formatDiagnostic(d, dir));
}

describe('loadKit', () => {
  it('loads the example kit with only its two deliberate warnings', async () => {
    const { content, diagnostics } = await loadKit(join(repoRoot, 'content'));
    expect(diagnostics.map((d) => formatDiagnostic(d, repoRoot))).toEqual([
      'content/partners/dana-wu.yaml:2:7: warning: no email: `referral-kit invite` will skip this partner',
      'content/testimonials/rafael-costa.yaml:9:1: warning: not published yet: once the author agrees, run referral-kit testimonial consent rafael-costa --given',
    ]);
    expect(content?.partners.length).toBeGreaterThanOrEqual(8);
    expect(new Set(content?.partners.map((p) => p.data.category)).size).toBe(9);
    expect(new Set(content?.scripts.map((s) => s.data.channel)).size).toBe(13);
    expect(content?.testimonials.filter((t) => isPublished(t.data)).length).toBeGreaterThanOrEqual(4);
    // It shows every way to aim a script: tags shared across categories, and words for one partner.
    const tagged = content?.partners.filter((p) => p.data.tags.length).map((p) => p.data.category);
    expect(new Set(tagged).size).toBeGreaterThanOrEqual(2);
    expect(content?.scripts.some((s) => s.data.tags?.length)).toBe(true);
    expect(content?.scripts.some((s) => s.data.partners?.length)).toBe(true);
    expect(Object.keys(content?.kit.copy ?? {}).length).toBeGreaterThan(0);
  });

  it('reports every problem of a broken kit at once, each at its position', async () => {
    expect(await messages(fixture('invalid'))).toEqual([
      'kit.yaml:4:10: error: owner.email: must be an email address like name@example.com (got "alex-at-rivera.test")',
      'kit.yaml:5:3: error: unknown field "owner.emial": did you mean "email"?',
      'kit.yaml:13:12: error: ideal_client.signals: needs at least one signal: what someone says when they need you',
      'kit.yaml:15:14: error: booking_url: must be a full https or http address, like https://example.com/page (got "javascript:alert(document.cookie)")',
      'partners/Bad Name.yaml:1:1: error: file name "Bad Name" is used in the share link: rename the file to bad-name.yaml (lowercase letters, digits and dashes)',
      'partners/broken-yaml.yaml:3:1: error: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'partners/jane-smith.yaml:2:8: error: token: same as in copycat.yaml: each partner needs their own secret link',
      'partners/jane-smith.yaml:3:11: error: category: must be one of: client, former-client, colleague, competitor, center-of-influence, salesperson, organization, prospect, other (got "cilent"); did you mean "client"?',
      'partners/short-token.yaml:2:8: error: token: is too short or too regular to be unguessable: use at least 128 random bits (22+ random characters) (got "abc123")',
      'partners/short-token.yaml:4:13: error: share_page: must be true, false, public or unlisted (got "no")',
      'scripts/email-intro.mdx:3:10: error: channel: must be one of: one-liner, email-intro, phone, linkedin, text, in-person, invite, thank-you, outcome, ask-again, give-back, re-educate, testimonial-request (got "email"); did you mean "email-intro"?',
      'scripts/email-intro.mdx:5:5: error: unknown variable {partner.firstname}: did you mean {partner.first_name}?',
      'scripts/phone.mdx:5:1: error: scripts cannot import or export anything; write plain text with {variables}',
      'scripts/phone.mdx:7:11: error: scripts may only use variables like {partner.first_name}, optionally with a fallback: {partner.company ?? "your firm"}',
      'scripts/phone.mdx:7:31: error: links must be full http(s), mailto: or tel: addresses (got "javascript:alert(1)")',
      'testimonials/no-author.yaml:1:1: error: missing field "author"',
      'testimonials/no-author.yaml:2:10: error: consent: must be given, declined or pending (or true/false) (got "yes")',
      'partners/copycat.yaml:1:7: warning: no email: `referral-kit invite` will skip this partner',
    ]);
  });

  it('returns no content while there are errors', async () => {
    expect((await loadKit(fixture('invalid'))).content).toBeUndefined();
  });

  it('finds duplicate partners, emails in any case, and the same token twice', async () => {
    const dir = writeKit({
      'partners/jane.yaml': partnerYaml('Jane', 'jAn3sm1thT0kenXXaaBBccDD', ''),
      'partners/jane.yml': partnerYaml('Jane Again', 'jAn3sm1thT0kenXXaaBBccDD'),
      'partners/other.yaml': 'name: Other\ntoken: 0therT0kenQQrrSSttUUvvWW\ncategory: client\nemail: JAN3SM@Example.com\n',
    });
    expect(await messages(dir, 'error')).toEqual([
      'partners/jane.yml:1:1: error: two files for the partner "jane": jane.yaml and jane.yml; keep one',
      'partners/jane.yml:2:8: error: token: same as in jane.yaml: each partner needs their own secret link',
      'partners/jane.yml:4:8: error: email: same as in jane.yaml: one person, one partner file',
      'partners/other.yaml:4:8: error: email: same as in jane.yaml: one person, one partner file',
    ]);
  });

  it('checks that photos exist inside the content folder', async () => {
    const dir = writeKit({
      'testimonials/pat.yaml': 'quote: Great.\nauthor: Pat\nphoto: photos/pat.jpg\nconsent: true\n',
      'testimonials/sly.yaml': 'quote: Great.\nauthor: Sly\nphoto: ../../etc/passwd.jpg\nconsent: true\n',
    });
    expect(await messages(dir)).toEqual(
      [
        'partners:1:1: warning: no partners yet: add one with `npx referral-kit add partner "Name"`',
        'testimonials/pat.yaml:3:8: error: photo: file not found: photos/pat.jpg',
        'testimonials/sly.yaml:3:8: error: photo: must be inside the content folder',
      ].sort((a, b) => (a.includes('error') ? 0 : 1) - (b.includes('error') ? 0 : 1)),
    );
  });

  it('refuses photos that are not pictures, too large, or remote, with the position of the field', async () => {
    const dir = writeKit({
      'photos/notes.jpg': 'this is text, not a picture',
      'photos/huge.jpg': Buffer.alloc(26 * 1024 * 1024),
      'testimonials/a.yaml': 'quote: Great.\nauthor: A\nphoto: photos/notes.jpg\nconsent: true\n',
      'testimonials/b.yaml': 'quote: Great.\nauthor: B\nphoto: photos/huge.jpg\nconsent: true\n',
      'testimonials/c.yaml': 'quote: Great.\nauthor: C\nphoto: https://example.com/c.jpg\nconsent: true\n',
    });
    expect(await messages(dir, 'error')).toEqual([
      'testimonials/a.yaml:3:8: error: photo: photos/notes.jpg is not a picture (expected a JPEG, PNG, WebP or GIF file)',
      'testimonials/b.yaml:3:8: error: photo: photos/huge.jpg is 26 MB; use a photo under 25 MB',
      'testimonials/c.yaml:3:8: error: photo: must be a file in your content folder, like photos/maya.jpg (remote images are not fetched) (got "https://example.com/c.jpg")',
    ]);
  });

  it('warns when a script leaves an optional value empty for some partners', async () => {
    const dir = writeKit({
      'scripts/phone.mdx': '---\ntitle: Phone\nchannel: phone\n---\nI know {partner.company} well. {partner.occupation ?? "Fine"}\n',
      'partners/jane.yaml': partnerYaml('Jane', 'jAn3sm1thT0kenXXaaBBccDD', 'company: Smith & Co\n'),
      'partners/omar.yaml': partnerYaml('Omar', '0marHaddadT0kenQQrrSSttUU'),
    });
    expect(await messages(dir)).toContain('scripts/phone.mdx:5:9: warning: {partner.company} is empty for omar: add a fallback, like {partner.company ?? "your team"}');
  });

  it('says nothing about a category without a variant of its own: its partners get the general scripts', async () => {
    const tokens = ['aaT0kenQQrrSSttUUvvWW11', 'bbT0kenQQrrSSttUUvvWW22'];
    const partners = Object.fromEntries(tokens.map((token, i) => [`partners/p${i}.yaml`, partnerYaml(`P${i}`, token)]));
    expect(await messages(writeKit(partners), 'warning')).toEqual([]);
  });

  it('says once, not once per partner, whose kits would have nothing to say', async () => {
    const tokens = ['aaT0kenQQrrSSttUUvvWW11', 'bbT0kenQQrrSSttUUvvWW22', 'ccT0kenQQrrSSttUUvvWW33', 'ddT0kenQQrrSSttUUvvWW44', 'eeT0kenQQrrSSttUUvvWW55'];
    const partners = Object.fromEntries(tokens.map((token, i) => [`partners/p${i}.yaml`, partnerYaml(`P${i}`, token)]));
    const colleagueOnly = '---\ntitle: Phone\nchannel: phone\ncategories: [colleague]\n---\nCall {owner.name}.\n';
    expect(await messages(writeKit({ ...partners, 'scripts/phone.mdx': colleagueOnly }), 'warning')).toEqual([
      'partners/p0.yaml:3:11: warning: no script applies to this partner: the kits of these 5 partners (p0, p1, p2 and 2 more) will have nothing to say; add a general script (no categories, tags or partners) or one for them',
    ]);
    // A tag variant speaks for the partner who has the tag: only the other one is left out.
    const tagged = {
      'partners/p0.yaml': partnerYaml('P0', tokens[0]!, 'tags: [movers]\n'),
      'partners/p1.yaml': partnerYaml('P1', tokens[1]!),
      'scripts/phone.mdx': '---\ntitle: Phone\nchannel: phone\ntags: [movers]\n---\nCall {owner.name}.\n',
    };
    expect(await messages(writeKit(tagged), 'warning')).toEqual([
      "partners/p1.yaml:3:11: warning: no script applies to this partner: this partner's kit will have nothing to say; add a general script (no categories, tags or partners) or one for them",
    ]);
  });

  it('warns about a variant for a tag no partner has, or for a partner who does not exist, at the entry', async () => {
    const dir = writeKit({
      'partners/jane-smith.yaml': partnerYaml('Jane', 'jAn3sm1thT0kenXXaaBBccDD', 'tags: [movers, landlords]\n'),
      'scripts/text.mdx': '---\ntitle: Text\nchannel: text\ntags: [landlords, mover]\npartners:\n  - jane-smith\n  - jane-smiht\n  - nobody-here\n---\nHi.\n',
    });
    expect(await messages(dir, 'warning')).toEqual([
      'scripts/text.mdx:4:19: warning: tags: no partner has the tag "mover", so no one sees this script: did you mean "movers"?',
      'scripts/text.mdx:7:5: warning: partners: no partner "jane-smiht" (no partners/jane-smiht.yaml), so no one sees this script for them: did you mean "jane-smith"?',
      'scripts/text.mdx:8:5: warning: partners: no partner "nobody-here" (no partners/nobody-here.yaml), so no one sees this script for them: partners are named by their file in partners/, like jane-smith',
    ]);
  });

  it('refuses {kit_url} in a script a partner passes on, and allows it in an invitation', async () => {
    const dir = writeKit({
      'partners/jane.yaml': partnerYaml('Jane', 'jAn3sm1thT0kenXXaaBBccDD'),
      'scripts/text.mdx': '---\ntitle: Text\nchannel: text\n---\nSee {kit_url}\n',
      'scripts/email.mdx': '---\ntitle: Email\nchannel: email-intro\nsubject: "Your kit {kit_url}"\n---\nHi.\n',
      'scripts/invite.mdx': '---\ntitle: Invite\nchannel: invite\nsubject: "Your kit {kit_url}"\n---\nYour kit: {kit_url}\n',
    });
    expect(await messages(dir, 'error')).toEqual([
      "scripts/email.mdx:4:10: error: {kit_url} is the partner's private kit link, and email-intro scripts are what partners pass on to others: use {share_url} (only invite messages, which you send to the partner, may use {kit_url})",
      "scripts/text.mdx:5:6: error: {kit_url} is the partner's private kit link, and text scripts are what partners pass on to others: use {share_url} (only invite messages, which you send to the partner, may use {kit_url})",
    ]);
  });

  it('reads a fallback in a subject as in a body, and warns about an empty value there too', async () => {
    const dir = writeKit({
      'partners/jane.yaml': partnerYaml('Jane', 'jAn3sm1thT0kenXXaaBBccDD'),
      'scripts/a.mdx': '---\ntitle: A\nchannel: email-intro\nsubject: "From {partner.company ?? \\"a friend\\"}"\n---\nHi.\n',
      'scripts/b.mdx': '---\ntitle: B\nchannel: email-intro\nsubject: "From {partner.company}"\n---\nHi.\n',
      'scripts/c.mdx': '---\ntitle: C\nchannel: email-intro\nsubject: "From {partner.company || 1 + 1}"\n---\nHi.\n',
    });
    expect(await messages(dir)).toEqual([
      'scripts/c.mdx:4:10: error: subject: {partner.company || 1 + 1} is not a variable: write one like {partner.first_name}, optionally with a fallback: {partner.company ?? "your firm"}',
      'scripts/b.mdx:4:10: warning: {partner.company} is empty for jane: add a fallback, like {partner.company ?? "your team"}',
    ]);
  });

  it('checks copy overrides: unknown keys with a suggestion, and values the key does not have', async () => {
    const kit = `${minimalKit}copy:\n  kit_asid: Mine\n  kit_heading: "Hi {partner_frist_name}"\n  home_closing: "Hi {partner_name}"\n  kit_aside: "Hi {partner.first_name}"\n  kit_eyebrow: "{oops"\n  kit_pocket_card: Print it\n`;
    const dir = writeKit({ 'kit.yaml': kit, 'partners/jane.yaml': partnerYaml('Jane', 'jAn3sm1thT0kenXXaaBBccDD') });
    expect(await messages(dir)).toEqual([
      'kit.yaml:15:3: error: unknown field "copy.kit_asid": did you mean "kit_aside"?',
      'kit.yaml:16:16: error: copy.kit_heading: unknown value {partner_frist_name}: did you mean {partner_first_name}?',
      'kit.yaml:17:17: error: copy.home_closing: unknown value {partner_name}: this text can use {owner_name}, {owner_first_name}, {owner_business}, {owner_email}, {one_liner}',
      'kit.yaml:18:14: error: copy.kit_aside: write {partner_first_name} here, not {partner.first_name} (in copy, values use an underscore)',
      "kit.yaml:19:16: error: copy.kit_eyebrow: cannot read this as a message (expect argument closing brace): values are written like {owner_first_name}, a literal { as '{'",
      'kit.yaml:20:20: warning: copy.kit_pocket_card: no <link>…</link>: none of these words will be a link',
    ]);
  });

  it('reports what it skips, and a missing folder or kit.yaml', async () => {
    const dir = writeKit({ 'partners/notes.txt': 'hello', 'partners/.DS_Store': '' });
    expect(await messages(dir)).toEqual([
      'partners:1:1: warning: no partners yet: add one with `npx referral-kit add partner "Name"`',
      'partners/notes.txt:1:1: warning: ignored: only .yaml and .yml files are read in partners/',
    ]);
    const empty = tempDir('empty');
    expect(await messages(empty)).toEqual([
      'kit.yaml:1:1: error: missing kit.yaml: it says who you are, what you offer and where the site lives',
      'partners:1:1: warning: no partners yet: add one with `npx referral-kit add partner "Name"`',
    ]);
    const missing = join(empty, 'nope');
    expect((await loadKit(missing)).diagnostics[0]?.message).toBe('content folder not found (pass --content <folder>)');
  });
});

describe('readContent', () => {
  const example = join(repoRoot, 'content');

  it('reads the whole kit exactly as loadKit does, and the ledger beside it without putting it in the content', async () => {
    const reading = await readContent(example, ['content', 'ledger'], { today: '2026-12-01' });
    const whole = await loadKit(example, { today: '2026-12-01' });
    expect(reading.missing).toBe(false);
    expect(reading.diagnostics).toEqual(whole.diagnostics);
    expect(reading.content).toEqual(whole.content);
    expect(reading.ledger.exists).toBe(true);
    expect(reading.ledger.data?.received.length).toBeGreaterThan(0);
    expect(Object.keys(reading.content!).sort()).toEqual(['contentDir', 'kit', 'kitFile', 'partners', 'scripts', 'testimonials']);
    expect(reading.ledger.context.partners).toEqual(whole.content!.partners.map((partner) => partner.slug));
  });

  it('reads only the parts asked for, and reports only their findings', async () => {
    const kitOnly = await readContent(fixture('invalid'), ['kitFile']);
    expect(Object.keys(kitOnly).sort()).toEqual(['contentDir', 'diagnostics', 'kitFile', 'missing']);
    expect(kitOnly.diagnostics.length).toBeGreaterThan(0);
    expect(new Set(kitOnly.diagnostics.map((d) => d.file))).toEqual(new Set([kitOnly.kitFile.kitFile]));
    const partners = await readContent(fixture('invalid'), ['partners']);
    expect(partners.diagnostics.every((d) => d.file.includes('/partners/') || d.file.endsWith('/partners'))).toBe(true);
    expect(partners.diagnostics).toEqual(expect.arrayContaining(partners.partners.diagnostics));
  });

  it('checks a ledger text against the partner files and the day asked for', async () => {
    const { ledger } = await readContent(example, ['ledger'], { today: '2026-12-01' });
    const checked = ledger.check('received:\n  - { date: 2026-11-02, from: nobody-here, prospect: Sam Lee }\n');
    expect(checked.diagnostics.map((d) => `${d.line}:${d.column}: ${d.severity}`)).toEqual(['2:31: error']);
    expect(ledger.check('received:\n  - { date: 2027-11-02, from: jane-smith, prospect: Sam Lee }\n').diagnostics[0]?.message).toMatch(/future/);
  });

  it('says once that a folder is not there, and reads nothing', async () => {
    const missing = join(tempDir('read'), 'nope');
    const reading = await readContent(missing, ['kitFile', 'partners', 'ledger', 'content']);
    expect(reading.missing).toBe(true);
    expect(reading.diagnostics.map((d) => formatDiagnostic(d, missing))).toEqual([`${missing}:1:1: error: content folder not found (pass --content <folder>)`]);
    expect(reading.content).toBeUndefined();
    expect(reading.partners.files).toEqual([]);
    expect(reading.ledger.exists).toBe(false);
  });
});

describe('slugify', () => {
  it('makes ASCII slugs from any Latin name', () => {
    expect(slugify('Zoë Ångström-Øster')).toBe('zoe-angstrom-oster');
    expect(slugify("  Mary-Kate O'Neil ")).toBe('mary-kate-o-neil');
    expect(slugify('Jürgen Groß')).toBe('jurgen-gross');
  });

  it('transliterates letters that do not decompose, and every other script, into readable Latin', () => {
    expect(slugify('Mehmet Yılmaz')).toBe('mehmet-yilmaz');
    expect(slugify('Đorđe Đukić')).toBe('dorde-dukic');
    expect(slugify('Łukasz Żółć')).toBe('lukasz-zolc');
    expect(slugify('Δημήτρης Παπαδόπουλος')).toBe('dimitris-papadopoylos');
    expect(slugify('Дмитрий Иванов')).toBe('dmitriy-ivanov');
    expect(slugify('Nguyễn Thị Thu Hương')).toBe('nguyen-thi-thu-huong');
    // Decomposed input (as some keyboards and file systems give it) reads the same.
    expect(slugify('Nguyễn Văn Thắng'.normalize('NFD'))).toBe('nguyen-van-thang');
    expect(slugify('王小明')).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(slugify('محمد العلي')).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(slugify('🙂')).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
  });
});
