import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PartnerPreview } from '../src/kit/preview.ts';
import { runCli } from './helpers/cli.ts';
import { copyFixture } from './helpers/fixtures.ts';

let content: string;

beforeAll(() => {
  content = copyFixture('basic');
  // Omar gets a tag with a variant of its own; Jane a script written for her alone.
  writeFileSync(join(content, 'partners', 'omar-haddad.yaml'), 'name: عمر حداد\nfirst_name: عمر\ntoken: 0marHaddadT0kenQQrrSSttUU\ncategory: colleague\ntags: [movers]\n');
  writeFileSync(join(content, 'scripts', 'text-movers.mdx'), '---\ntitle: A text for movers\nchannel: text\ntags: [movers]\n---\nMOVERS-TEXT {owner.first_name}, for {partner.first_name}\n');
  writeFileSync(join(content, 'scripts', 'phone-jane.mdx'), '---\ntitle: Jane on the phone\nchannel: phone\npartners: [jane-smith]\n---\nJANE-PHONE {partner.first_name} calls about {owner.name}\n');
});

describe('referral-kit preview', () => {
  it('prints every script a partner gets, filled in, with why it was chosen, and their links', async () => {
    const { code, stdout, stderr } = await runCli(['preview', 'jane-smith', '--content', content]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Jane Smith (jane-smith) · client');
    expect(stdout).toContain('kit link    https://kit.rivera.test/team/kit/jAn3sm1thT0kenXXaaBBccDD/');
    expect(stdout).toContain('share link  https://kit.rivera.test/team/for/jane-smith/');
    expect(stdout).toMatch(/email-intro: Email introduction from a client {3}\[category client, scripts\/email-intro-client\.mdx\]/);
    expect(stdout).toContain('Subject: You should meet my bookkeeper');
    expect(stdout).toContain('Hi, Alex has done the books at Smith & Co for years. CLIENT-VARIANT-MARKER');
    // Her own phone script replaces the general one.
    expect(stdout).toMatch(/phone: Jane on the phone {3}\[partner jane-smith, scripts\/phone-jane\.mdx\]/);
    expect(stdout).toContain('JANE-PHONE Jane calls about Alex Rivera');
    expect(stdout).not.toContain('GENERAL-PHONE-MARKER');
    expect(stdout).not.toContain('MOVERS-TEXT');
    // The invitation is the owner's own message, last and marked as such.
    expect(stdout).toMatch(
      /Invitation \(sent to them with `referral-kit invite`\): Invitation {3}\[general, scripts\/invite\.mdx\]\n {4}Subject: Your kit, Jane\n {4}Hi Jane, here is your kit: https:\/\/kit\.rivera\.test\/team\/kit\/jAn3sm1thT0kenXXaaBBccDD\/ INVITE-MARKER/,
    );
    expect(stdout).not.toMatch(/\{(partner|owner)\./);
  });

  it('names the tag that chose a variant', async () => {
    const { stdout } = await runCli(['preview', 'omar-haddad', '--content', content]);
    expect(stdout).toContain('عمر حداد (omar-haddad) · colleague · tags: movers');
    expect(stdout).toMatch(/text: A text for movers {3}\[tag movers, scripts\/text-movers\.mdx\]\n {4}MOVERS-TEXT Alex, for عمر/);
    expect(stdout).toMatch(/phone: On the phone, colleague to colleague {3}\[category colleague/);
  });

  it('gives the same as JSON, for tools', async () => {
    const { code, stdout } = await runCli(['preview', 'omar-haddad', '--json', '--content', content]);
    expect(code).toBe(0);
    const preview = JSON.parse(stdout) as PartnerPreview;
    expect(preview).toMatchObject({ slug: 'omar-haddad', category: 'colleague', tags: ['movers'], share_url: 'https://kit.rivera.test/team/for/omar-haddad/' });
    expect(preview.scripts.map(({ id, chosen, toPartner }) => [id, chosen, toPartner])).toEqual([
      ['email-intro', 'general', false],
      ['phone-colleague', 'category colleague', false],
      ['text-movers', 'tag movers', false],
      ['invite', 'general', true],
    ]);
    expect(preview.scripts[0]!.subject).toBe('Meet Alex Rivera, from عمر');
  });

  it('suggests the partner meant when a slug is misspelt', async () => {
    const { code, stdout, stderr } = await runCli(['preview', 'jane-smtih', '--content', content]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('referral-kit: no partner "jane-smtih": did you mean "jane-smith"?');
  });

  it('prints names as the text they are, markup and all, never as HTML', async () => {
    const { stdout } = await runCli(['preview', 'eve-hostile', '--content', content]);
    expect(stdout).toContain(`Eve <script>alert('name')</script> O'Hara (eve-hostile) · other`);
    expect(stdout).toContain('Line one <b>not bold</b>');
    expect(stdout).not.toContain('&lt;');
  });
});
