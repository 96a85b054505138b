/**
 * The owner's `copy:` reaches every place a catalog string shows. A kit whose kit.yaml overrides
 * every key is built for real; then, key by key, the override must show where the catalog says it
 * does (pages, the text fed to the image templates, invitation drafts, the built-in follow-up
 * messages), and no default may show anywhere.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compileMessage, en, isRichKey, messageInfo, messageKeys, type MessageKey, type Surface } from '../src/i18n/catalog.ts';
import { imageJobs } from '../src/images/catalog.ts';
import { templateFor } from '../src/images/templates.ts';
import { invitations } from '../src/kit/invite.ts';
import { loadKit } from '../src/kit/load.ts';
import type { TodoItem } from '../src/ledger/report.ts';
import { followUpMessages, inviteMessages } from '../src/mail/messages.ts';
import { isOwnerChannel } from '../src/schemas/script.ts';
import { runCli } from './helpers/cli.ts';
import { copyFixture, fixture, tempDir } from './helpers/fixtures.ts';
import { minimalKit, writeKit } from './helpers/kit.ts';
import { builtSite } from './helpers/sites.ts';

/** A marker per key that no default, value or other marker contains, and that survives upper-casing. */
const marker = (key: MessageKey) => `ZZ${messageKeys.indexOf(key)}ZZ`;
const override = (key: MessageKey) => (isRichKey(key) ? `<link>${marker(key)}</link>` : marker(key));
const everyOverride = Object.fromEntries(messageKeys.map((key) => [key, override(key)]));

/** Attributes people read (or hear): the rest (class, id, paths) are not words. */
const readAttributes = ['alt', 'title', 'ariaLabel', 'dataDone', 'dataFailed', 'dataDoneStatus', 'dataFailedStatus'];
const readMeta = ['description', 'og:title', 'og:description', 'og:image:alt', 'og:site_name'];

/** Every text node and read attribute of a page, and mailto: links decoded: all a reader can meet. */
function pageText(html: string): string {
  const out: string[] = [];
  const walk = (node: Root | RootContent): void => {
    if (node.type === 'text') out.push(node.value);
    if (node.type === 'element' && ['style', 'script'].includes(node.tagName)) return;
    if (node.type === 'element') {
      for (const [name, value] of Object.entries(node.properties)) {
        const text = Array.isArray(value) ? value.join(' ') : String(value);
        if (readAttributes.includes(name)) out.push(text);
        else if (name === 'content' && readMeta.includes(String(node.properties.name ?? node.properties.property))) out.push(text);
        else if (name === 'href' && text.startsWith('mailto:')) out.push(...new URL(text).searchParams.values());
      }
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(fromHtml(html));
  return out.join('\n');
}

function pagesUnder(dir: string, filter: (relative: string) => boolean): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && (entry.name === 'index.html' || entry.name === '404.html'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => filter(file.slice(dir.length + 1)))
    .map((file) => pageText(readFileSync(file, 'utf8')))
    .join('\n');
}

async function surfacesOf(content: string, out: string): Promise<Record<Surface, string>> {
  const { content: kit } = await loadKit(content);
  const images = (kind: 'card' | 'preview' | 'testimonial') =>
    imageJobs(kit!)
      .filter((job) => job.kind === kind && (kind !== 'preview' || job.path.startsWith('for/')))
      .flatMap((job) =>
        templateFor(job)
          .texts.filter(({ name }) => name !== 'initials')
          .map(({ layout }) => layout.lines.join(' ')),
      )
      .join('\n');
  const { invitations: drafts } = await invitations(kit!, kit!.partners);
  // The built-in messages: every follow-through to-do, and an invitation, for a kit without owner-to-partner scripts.
  const builtIn = { ...kit!, scripts: kit!.scripts.filter((script) => !isOwnerChannel(script.data.channel)) };
  const jane = { partner: 'jane-smith', partner_name: 'Jane Smith', prospect: 'PROSPECT-MARKER-5521 Dana', status: 'won', since: '2026-09-01', days: 3, title: '', why: '', link: null } as const;
  const actions = ['thank', 'share-outcome', 'ask', 'give-back', 're-educate', 'ask-testimonial'] as const;
  const statuses = ['introduced', 'contacted', 'meeting', 'won', 'lost', 'not-a-fit', 'unreachable'] as const;
  const followUps = [
    ...(
      await followUpMessages(
        builtIn,
        actions.map((action): TodoItem => ({ ...jane, action })),
      )
    ).messages,
    ...(await inviteMessages(builtIn, kit!.partners)).messages,
    // The kit's own outcome script says {intro.status}: each status in words.
    ...(
      await followUpMessages(
        kit!,
        statuses.map((status): TodoItem => ({ ...jane, action: 'share-outcome', status })),
      )
    ).messages,
  ];
  return {
    home: pagesUnder(out, (file) => file === 'index.html'),
    testimonials: pagesUnder(out, (file) => file === 'testimonials/index.html'),
    prospect: pagesUnder(out, (file) => file.startsWith('for/')),
    kit: pagesUnder(out, (file) => /^kit\/[^/]+\/index\.html$/.test(file)),
    'pocket-card': pagesUnder(out, (file) => /^kit\/[^/]+\/card\/index\.html$/.test(file)),
    'pocket-sheet': pagesUnder(out, (file) => /^kit\/[^/]+\/cards\/index\.html$/.test(file)),
    'not-found': pagesUnder(out, (file) => file === '404.html'),
    'card-image': images('card'),
    'prospect-image': images('preview'),
    'testimonial-image': images('testimonial'),
    invite: drafts.map((draft) => `${draft.subject}\n${draft.text}`).join('\n'),
    'follow-up': followUps.map((message) => `${message.subject}\n${message.text}\n${pageText(message.html)}`).join('\n'),
  };
}

/** The words of a default, without its values: each run of literal text of four letters or more. */
function defaultFragments(key: MessageKey): string[] {
  const fragments: string[] = [];
  const walk = (elements: readonly { type: number; value?: unknown; options?: Record<string, { value: never[] }>; children?: never[] }[]) => {
    for (const element of elements) {
      if (element.type === 0) fragments.push(...String(element.value).split('\n'));
      for (const option of Object.values(element.options ?? {})) walk(option.value);
      if (element.children) walk(element.children);
    }
  };
  walk(compileMessage(en[key], 'en', isRichKey(key)).getAst() as never);
  return fragments.map((fragment) => fragment.trim().replace(/^[\s,.:;·“”-]+|[\s,.:;·“”-]+$/g, '')).filter((fragment) => (fragment.match(/\p{L}/gu)?.length ?? 0) >= 4);
}

/** All the owner's own words, to tell a default apart from the same words written by the owner. */
function ownerWords(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ya?ml|mdx)$/.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n')
    .replace(/\\n/g, ' ')
    .replace(/^copy:[\s\S]*?(?=^\S|(?![\s\S]))/m, '');
}

describe('a kit that overrides every catalog key', () => {
  let content: string;
  let surfaces: Record<Surface, string>;
  let build: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    content = copyFixture('basic');
    const kitFile = join(content, 'kit.yaml');
    // The kit page's testimonial request is on, for its words.
    writeFileSync(kitFile, `${readFileSync(kitFile, 'utf8')}${stringify({ copy: everyOverride, testimonials: { ask_on_kit: true } })}`);
    // Enough testimonials for the "all N testimonials" links (home shows three, kits six); the
    // newest two say whether they were compensated, for both disclosures.
    for (let i = 0; i < 7; i++) {
      const compensated = i === 6 ? 'compensated: true\n' : i === 5 ? 'compensated: false\n' : '';
      writeFileSync(join(content, 'testimonials', `more-${i}.yaml`), `quote: Quote number ${i}.\nauthor: Client ${i}\ndate: 2026-0${(i % 9) + 1}-02\nconsent: true\n${compensated}`);
    }
    // An email script and an invitation without a subject, to show the default subjects.
    writeFileSync(join(content, 'scripts', 'email-intro-plain.mdx'), '---\ntitle: Plain email\nchannel: email-intro\npartners: [wang-xiaoming]\n---\nHello from {partner.first_name}.\n');
    // A script on every channel, for every channel's label.
    for (const channel of ['one-liner', 'linkedin', 'text', 'in-person']) {
      writeFileSync(join(content, 'scripts', `${channel}.mdx`), `---\ntitle: Say it\nchannel: ${channel}\n---\nWords for ${channel}.\n`);
    }
    writeFileSync(join(content, 'scripts', 'outcome.mdx'), '---\ntitle: Outcome\nchannel: outcome\nsubject: "{intro.prospect}"\n---\n{intro.status}\n');
    writeFileSync(join(content, 'scripts', 'invite-plain.mdx'), '---\ntitle: Plain invitation\nchannel: invite\npartners: [jane-smith]\n---\nYour kit: {kit_url}\n');
    const out = join(tempDir('copy'), 'dist');
    build = await runCli(['build', '--content', content, '--out', out]);
    surfaces = await surfacesOf(content, out);
  });

  it('builds', () => {
    expect(build.stderr).not.toMatch(/error/);
    expect(build.code).toBe(0);
  });

  it('shows each override where the catalog says it shows', () => {
    const missing = messageKeys.flatMap((key) =>
      messageInfo[key].when ? [] : messageInfo[key].shows.filter((surface) => !surfaces[surface].toUpperCase().includes(marker(key))).map((surface) => `${key} on ${surface}`),
    );
    expect(missing.join('\n')).toBe('');
  });

  it('shows no default anywhere, in pages, images or drafts', () => {
    const own = ownerWords(content).toLowerCase();
    const everything = Object.values(surfaces).join('\n').toLowerCase();
    const found = messageKeys.flatMap((key) =>
      defaultFragments(key)
        .filter((fragment) => !own.includes(fragment.toLowerCase()))
        .filter((fragment) => everything.includes(fragment.toLowerCase()))
        .map((fragment) => `${key}: "${fragment}"`),
    );
    expect(found.join('\n')).toBe('');
  });

  it("leaves no word on a page that is neither the owner's nor from the catalog", () => {
    const own = new Set(
      ownerWords(content)
        .toLowerCase()
        .match(/\p{L}+/gu),
    );
    const stray = new Set(
      Object.values(surfaces)
        .join('\n')
        .replace(/https?:\/\/\S+|[\w.-]+@[\w.-]+/g, ' ')
        .toLowerCase()
        .match(/\p{L}{2,}/gu)
        ?.filter((word) => !own.has(word) && word !== 'zz'),
    );
    expect([...stray].sort()).toEqual([]);
  });

  it('checks its fragments: the default kit does show them', async () => {
    // The same kit without copy: every fragment the test looks for is there to be found.
    const plain = await builtSite('basic');
    expect(plain.run.code).toBe(0);
    const defaults = Object.values(await surfacesOf(fixture('basic'), plain.dist)).join('\n');
    expect(defaults).toContain('Introduce by email');
    expect(defaults).toContain(en.card_eyebrow.replace(' {partner_name}', ''));
    expect(defaults).not.toMatch(/ZZ\d+ZZ/);
  });
});

describe('a string that shows only in some kits', () => {
  it('testimonials_none: the testimonials page of a kit without testimonials', async () => {
    const dir = writeKit({ 'kit.yaml': `${minimalKit}copy:\n  testimonials_none: ${marker('testimonials_none')}\n` });
    mkdirSync(join(dir, 'testimonials'), { recursive: true });
    const out = join(tempDir('copy-none'), 'dist');
    expect((await runCli(['build', '--content', dir, '--out', out])).code).toBe(0);
    expect(pageText(readFileSync(join(out, 'testimonials', 'index.html'), 'utf8'))).toContain(marker('testimonials_none'));
    // Every key with a condition is covered here, one test each.
    expect(messageKeys.filter((key) => messageInfo[key].when)).toEqual(['testimonials_none']);
  });
});
