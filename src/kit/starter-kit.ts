/**
 * The files `referral-kit init` writes: a kit.yaml from the owner's answers, a first partner, and
 * a starter script for every partner-facing channel (and the invitation), written around the
 * owner's own one-liner, signals and promise. A pure core: answers in, file texts out.
 */
import { Document } from 'yaml';
import { partnerFileText, type NewPartner } from './partner-file.ts';

export interface StarterAnswers {
  name: string;
  business: string;
  email: string;
  url: string;
  oneLiner: string;
  pitch?: string | undefined;
  idealClient: string;
  signals: string[];
  promise: string;
  /** The first partner: the file name (slug) and what `add partner` would write. */
  partner: Pick<NewPartner, 'name' | 'token' | 'category' | 'email'> & { slug: string };
}

/** What `--yes` takes for a question without a flag: placeholders that pass `check`, to be replaced. */
// strings: move to the catalog
export const starterDefaults = {
  name: 'Your Name',
  business: 'Your Business',
  email: 'you@example.com',
  url: 'https://example.com',
  oneLiner: 'I help small studios keep their books tidy, so they always know where they stand.',
  idealClient: 'Owners of small studios with 2 to 20 people.',
  signals: ['Our books are a mess before tax season.', "I don't know which projects make money."],
  promise: "I'll reply within one business day, and I'll tell you how it went.",
  partnerName: 'Sam Example',
  partnerCategory: 'client',
} as const;

/** Schema references at the top of each file, relative to where the file is written. */
export interface SchemaPaths {
  kit: string;
  partner: string;
}

/** Text a script's body shows as written: MDX would read braces as code and `<` as a tag. */
export function mdxText(text: string): string {
  return text
    .replace(/[\\`*_{}[\]<>#|~!]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`))
    .replace(/\s+/g, ' ')
    .trim();
}

/** A YAML value written by the YAML library, so quotes, colons and a leading `#` stay text. */
function yamlValue(value: unknown): string {
  return new Document(value).toString({ lineWidth: 0 }).trimEnd();
}

function script(fields: Record<string, string>, body: string): string {
  const front = Object.entries(fields).map(([key, value]) => `${key}: ${yamlValue(value)}`);
  return ['---', ...front, '---', body.trim(), ''].join('\n');
}

/** "Our books are a mess." → `"Our books are a mess"` inside a sentence (its end stop dropped). */
function quoted(signal: string): string {
  return `“${mdxText(signal.replace(/[.!]+$/, ''))}”`;
}

// strings: move to the catalog
function starterScripts(answers: StarterAnswers): Record<string, string> {
  const [first, second] = answers.signals;
  const hearing = second ? `${quoted(first!)} or ${quoted(second)}` : quoted(first!);
  return {
    'one-liner': script({ title: 'When someone mentions what I do', channel: 'one-liner' }, `You should talk to {owner.name} of {owner.business}. {value.one_liner}`),
    'email-intro': script(
      { title: 'Introduce someone by email', channel: 'email-intro', subject: 'Introduction: {owner.name} of {owner.business}' },
      `Hi,

I'd like to introduce you to {owner.name} of {owner.business}, copied here.

{value.one_liner} When you said ${quoted(first!)}, I thought of {owner.first_name} straight away.

{owner.first_name}, over to you. I'll let you two find a time.

More about {owner.first_name}: {share_url}

Best,
{partner.first_name}`,
    ),
    phone: script(
      { title: 'On a call', channel: 'phone' },
      `I know someone you should meet: {owner.name} of {owner.business}. {value.one_liner}

Would you like me to introduce you? I'll send you both an email, and {owner.first_name} will take it from there.`,
    ),
    linkedin: script(
      { title: 'A LinkedIn message introducing two people', channel: 'linkedin' },
      `Hi! I'd like to connect you with {owner.name} ({owner.business}). {value.one_liner}

Here's the page: {share_url}

{owner.first_name}, meet my friend. I'll leave you two to it!`,
    ),
    text: script({ title: 'A quick text', channel: 'text' }, `Hey, the person I mentioned is {owner.name}. {value.one_liner} Here's the page, say I sent you: {share_url}`),
    'in-person': script(
      { title: 'At a coffee or an event', channel: 'in-person' },
      `When you hear ${hearing}, think of {owner.first_name}. {value.one_liner} Give me your email and I'll introduce you two.`,
    ),
    invite: script(
      { title: 'Your introduction kit', channel: 'invite', subject: '{partner.first_name}, a small favour (and a page I made for you)' },
      `Hi {partner.first_name},

I'm growing {owner.business} through introductions from people I trust, and you're one of them.

I'm not asking you to decide who needs me. If you hear someone say ${hearing}, an introduction is all it takes. ${mdxText(answers.promise)}

I put everything on one page, in your name, ready to copy: {kit_url}

Thank you,
{owner.first_name}`,
    ),
  };
}

// strings: move to the catalog
function kitYaml(answers: StarterAnswers, schemaPath: string): string {
  const v = yamlValue;
  return `# yaml-language-server: $schema=${schemaPath}
# You, your offer and your site. The README explains every field under "Your content".
# A line starting with "# " is a note, or an optional field: delete the "# " to use it.
owner:
  name: ${v(answers.name)}
  business: ${v(answers.business)}
  # Public: shown on your pages, and copied on every introduction.
  email: ${v(answers.email)}
  # phone: +1 415 555 0134        # optional, public
  # photo: photos/you.jpg         # optional, a JPEG or PNG in this folder
site:
  # Where the site will live once you deploy it (just the address).
  url: ${v(answers.url)}
  # accent: "#2f5d50"             # your brand colour, in quotes
value:
  one_liner: ${v(answers.oneLiner)}
  pitch: ${v(answers.pitch || answers.oneLiner)}
ideal_client:
  description: ${v(answers.idealClient)}
  signals:                        # what people say when they need you
${answers.signals.map((signal) => `    - ${v(signal)}`).join('\n')}
  # not_a_fit:                    # who partners should not send
  #   - Someone who only needs a one-off favour
promise: ${v(answers.promise)}
# booking_url: https://cal.example/you/intro   # where a prospect books a first call
`;
}

/** Every file of a new kit, by path inside the kit folder. */
export function starterKitFiles(answers: StarterAnswers, schemas: SchemaPaths): Record<string, string> {
  const files: Record<string, string> = {
    'kit.yaml': kitYaml(answers, schemas.kit),
    [`partners/${answers.partner.slug}.yaml`]: partnerFileText(
      { name: answers.partner.name, token: answers.partner.token, category: answers.partner.category, email: answers.partner.email },
      schemas.partner,
    ),
  };
  for (const [id, text] of Object.entries(starterScripts(answers))) files[`scripts/${id}.mdx`] = text;
  return files;
}
