import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../src/kit/diagnostics.ts';
import { readScript, splitFrontmatter } from '../src/kit/script-source.ts';

const head = '---\ntitle: Intro\nchannel: email-intro\n---\n';

function problems(body: string, frontmatter = head) {
  return readScript('/kit/scripts/intro.mdx', 'intro', frontmatter + body).diagnostics.map((d) => formatDiagnostic(d, '/kit'));
}

describe('reading a script', () => {
  it('accepts text, Markdown and the script variables', () => {
    const read = readScript(
      '/kit/scripts/intro.mdx',
      'intro',
      `${head}Hi, meet **{owner.name}** of {owner.business}. [Book](https://cal.example/x)\n\n{partner.company ?? "your team"} {/* a note */}\n\n{partner.first_name}\n`,
    );
    expect(read.diagnostics).toEqual([]);
    expect(read.script?.uses.map((u) => [u.path, u.guarded])).toEqual([
      ['owner.name', false],
      ['owner.business', false],
      ['partner.company', true],
      ['partner.first_name', false],
    ]);
  });

  it('checks a variable used as a link address like any other link', () => {
    const read = readScript('/kit/scripts/intro.mdx', 'intro', `${head}[Book a call]({booking_url}) or [see]({share_url})\n`);
    expect(read.diagnostics).toEqual([]);
    expect(read.script?.uses.map((u) => u.path)).toEqual(['booking_url', 'share_url']);
    expect(problems('[Book]({bookng_url}) [me]({owner.name})\n\n[ref]: {share_url}\n')).toEqual([
      'scripts/intro.mdx:5:1: error: link: unknown variable {bookng_url}: did you mean {booking_url}?',
      'scripts/intro.mdx:5:22: error: links must go to a web address: {owner.name} is not one (a link may use {share_url}, {kit_url}, {booking_url})',
      'scripts/intro.mdx:7:1: error: write {share_url} in the link itself, like [book a call]({share_url})',
    ]);
  });

  it('pins an unknown variable to its line and column, with a suggestion', () => {
    expect(problems('Hi {partner.firstname},\n\nMeet {ownr.name}.\n')).toEqual([
      'scripts/intro.mdx:5:5: error: unknown variable {partner.firstname}: did you mean {partner.first_name}?',
      'scripts/intro.mdx:7:7: error: unknown variable {ownr.name}: did you mean {owner.name}?',
    ]);
  });

  it('explains a group used as a value', () => {
    expect(problems('Hi {partner}\n')[0]).toContain('{partner} is a group: write one of its fields');
  });

  it('refuses code, imports, tags, images and unsafe links', () => {
    expect(problems("import X from './x.js'\n\n{alert(1)} <script>alert(1)</script> ![x](x.png) [a](javascript:alert(1))\n")).toEqual([
      'scripts/intro.mdx:5:1: error: scripts cannot import or export anything; write plain text with {variables}',
      'scripts/intro.mdx:7:2: error: scripts may only use variables like {partner.first_name}, optionally with a fallback: {partner.company ?? "your firm"}',
      'scripts/intro.mdx:7:12: error: tags like <script> are not allowed in scripts: write plain text and Markdown (a literal "<" is written \\<)',
      'scripts/intro.mdx:7:38: error: images are not allowed in scripts; they are words to say or paste',
      'scripts/intro.mdx:7:50: error: links must be full http(s), mailto: or tel: addresses (got "javascript:alert(1)")',
    ]);
  });

  it('refuses computed lookups and calls hidden in fallbacks', () => {
    expect(problems('{partner["name"]} {owner.name ?? globalThis.x()}\n')).toHaveLength(2);
  });

  it('reports MDX syntax errors with their position', () => {
    expect(problems('Hi {partner.first_name\n')[0]).toMatch(/^scripts\/intro\.mdx:\d+:\d+: error: MDX: /);
  });

  it('checks the frontmatter, and the variables of an email subject', () => {
    expect(problems('Hi.\n', '---\ntitle: Intro\nchannel: email\nsubject: "Meet {owner.nam}"\n---\n')).toEqual([
      'scripts/intro.mdx:3:10: error: channel: must be one of: one-liner, email-intro, phone, linkedin, text, in-person, invite, thank-you, outcome, ask-again, give-back, re-educate, testimonial-request (got "email"); did you mean "email-intro"?',
      'scripts/intro.mdx:4:10: error: subject: unknown variable {owner.nam}: did you mean {owner.name}?',
    ]);
  });

  it('requires frontmatter and a body', () => {
    expect(problems('Just text\n', '')[0]).toBe('scripts/intro.mdx:1:1: error: missing frontmatter: start the file with a --- block holding title: and channel:');
    expect(problems('')).toEqual(['scripts/intro.mdx:1:1: error: the script has no text after its frontmatter']);
  });

  it('keeps body line numbers when removing frontmatter', () => {
    const { frontmatter, body } = splitFrontmatter('---\na: 1\nb: 2\n---\nHello\n');
    expect(frontmatter).toBe('a: 1\nb: 2');
    expect(body.split('\n')[4]).toBe('Hello');
  });
});
