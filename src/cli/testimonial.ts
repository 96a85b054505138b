/**
 * `referral-kit testimonial add|consent`: a testimonial written down the moment it is heard (or
 * read from the partner's email), and the author's answer to "may I quote you?" recorded later.
 * Nothing is published until consent is given.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { defineCommand, type ArgsDef } from 'citty';
import { simpleParser } from 'mailparser';
import { displayPath, formatDiagnostic, quote } from '../kit/diagnostics.ts';
import { readContent } from '../kit/load.ts';
import { slugify } from '../kit/slug.ts';
import { setConsent, testimonialFileText, testimonialId, type NewTestimonial } from '../kit/testimonial-file.ts';
import { readTestimonialReply, replyMarkers } from '../kit/testimonial-request.ts';
import { parseYaml, validateYaml } from '../kit/yaml-source.ts';
import { changeFile, writeFileAtomically } from '../ledger/edit.ts';
import { jsonSchemaFile } from '../schemas/json-schema.ts';
import { testimonialSchema, type ConsentAnswer } from '../schemas/testimonial.ts';
import { datedOptions, dateOption } from './ledger.ts';
import { CliError } from './cli-error.ts';
import { contentOption, unknownPartnerMessage } from './options.ts';

// strings: move to the catalog
const said = {
  written: (file: string, author: string) => `✓ Wrote ${file}: the words of ${author}, not published yet (consent pending).`,
  writtenGiven: (file: string, author: string) => `✓ Wrote ${file}: the words of ${author}, with their consent: published at the next build.`,
  howToConsent: (id: string) => `  Once they agree to be quoted: referral-kit testimonial consent ${id} --given (or --declined)`,
  consentGiven: (file: string) => `✓ ${file}: consent given; it is published at the next build.`,
  consentDeclined: (file: string) => `✓ ${file}: consent declined; it stays in your folder and is never published.`,
  consentPending: (file: string) => `✓ ${file}: consent pending; not published until it is given.`,
  noWords: 'say what they said: --quote "…" (or --eml <file> for an email they wrote with the kit\'s link)',
  noAuthor: 'say who said it: --author "<name>" or --from <partner>',
  notInEmail: (file: string) => `${file}: found no words in it between "My words:" and the line "---" (was it written with the kit's link?)`,
  notFound: (id: string, known: string[]) => `no testimonial ${quote(id)} in testimonials/${known.length ? ` (there are: ${known.slice(0, 8).join(', ')})` : ''}`,
  oneAnswer: 'say one answer: --given, --declined or --pending',
  left: (file: string, problem: string) => `${file}: ${problem}; it was left as it was`,
  emailHow: (date: string) => `email of ${date}`,
};

function schemaPathFrom(file: string): string {
  return relative(dirname(file), jsonSchemaFile('testimonial')).split(sep).join('/');
}

/** What a partner file says about who they are, for a testimonial's byline. */
/** For reading a reply when kit.yaml does not load: the catalogs' markers, without the owner's name. */
const noKit = { site: { language: 'en' }, owner: { name: '', first_name: '', business: '', email: '' }, value: { one_liner: '' } };

async function partnerByline(
  contentDir: string,
  slug: string,
): Promise<{ name: string; role?: string | undefined; company?: string | undefined; language?: string | undefined } | { problem: string }> {
  const { partners: folder } = await readContent(contentDir, ['partners']);
  const partner = folder.partners.find((entry) => entry.slug === slug);
  if (!partner)
    return {
      problem: unknownPartnerMessage(
        slug,
        folder.files.map((entry) => entry.slug),
      ),
    };
  return { name: partner.data.name, role: partner.data.occupation, company: partner.data.company, language: partner.data.language };
}

/**
 * Writes a new testimonial file (never over an existing one) after checking it with the
 * testimonial schema, and says what was written and how to record consent. The file name; the
 * command stops after saying why when the testimonial cannot be written.
 */
export async function writeTestimonial(contentDir: string, testimonial: NewTestimonial): Promise<string> {
  const folder = join(contentDir, 'testimonials');
  await mkdir(folder, { recursive: true });
  const id = testimonialId(testimonial.from ?? slugify(testimonial.author), testimonial.date, (candidate) => ['.yaml', '.yml'].some((ext) => existsSync(join(folder, `${candidate}${ext}`))));
  const file = join(folder, `${id}.yaml`);
  const text = testimonialFileText(testimonial, schemaPathFrom(file));
  const checked = validateYaml(parseYaml(file, text), testimonialSchema);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    for (const error of errors) console.error(formatDiagnostic(error));
    throw new CliError('nothing was written');
  }
  await writeFileAtomically(file, text);
  const shown = displayPath(file);
  console.log(testimonial.consent === 'given' ? said.writtenGiven(shown, testimonial.author) : said.written(shown, testimonial.author));
  if (testimonial.consent !== 'given') console.log(said.howToConsent(id));
  return id;
}

const addArgs = {
  ...contentOption,
  quote: { type: 'string', description: 'Their words, in quotes, as they said them', valueHint: 'text' },
  author: { type: 'string', description: 'Who said it (taken from the partner file with --from)', valueHint: 'name' },
  from: { type: 'string', description: 'The partner who said it (their slug): name, role and company come from their file', valueHint: 'slug' },
  role: { type: 'string', description: 'Their role, e.g. "Founder"', valueHint: 'text' },
  company: { type: 'string', description: 'Their company', valueHint: 'text' },
  eml: { type: 'string', description: 'Instead: an email a partner sent with the kit\'s "write it" link; their consent in it is recorded', valueHint: 'file' },
  date: dateOption,
} satisfies ArgsDef;

const addCommand = defineCommand({
  meta: { name: 'add', description: 'Write down a testimonial you heard (or read in an email), consent pending' },
  args: addArgs,
  async run({ args: parsed }) {
    const { date } = datedOptions(parsed, addArgs);
    const contentDir = resolve(parsed.content);
    const byline = parsed.from !== undefined ? await partnerByline(contentDir, parsed.from.trim()) : undefined;
    if (byline && 'problem' in byline) throw new CliError(byline.problem);
    const fromPartner = byline as Exclude<typeof byline, { problem: string }>;
    let words = parsed.quote;
    let consent: ConsentAnswer = 'pending';
    let consentDate: string | undefined;
    let how: string | undefined;
    let author = parsed.author ?? fromPartner?.name;
    if (parsed.eml !== undefined) {
      const {
        kitFile: { kit },
      } = await readContent(contentDir, ['kitFile']);
      let mail;
      try {
        mail = await simpleParser(await readFile(parsed.eml));
      } catch (error) {
        throw new CliError(`--eml: could not read ${parsed.eml} (${(error as Error).message})`);
      }
      // The reply is in the partner's language when we know who wrote it; the other languages' markers are tried after.
      const reply = readTestimonialReply(mail.text ?? '', replyMarkers(kit ?? noKit, fromPartner?.language));
      if (!reply) throw new CliError(said.notInEmail(parsed.eml));
      words = reply.quote;
      author ??= mail.from?.value[0]?.name || undefined;
      if (reply.consented) {
        const sent = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString().slice(0, 10) : date;
        consent = 'given';
        consentDate = sent;
        how = said.emailHow(sent);
      }
    }
    if (!words?.trim()) throw new CliError(said.noWords);
    if (!author?.trim()) throw new CliError(said.noAuthor);
    await writeTestimonial(contentDir, {
      quote: words.trim(),
      author: author.trim(),
      from: parsed.from?.trim(),
      role: parsed.role ?? fromPartner?.role,
      company: parsed.company ?? fromPartner?.company,
      date,
      consent,
      consent_date: consentDate,
      consent_how: how,
    });
  },
});

const consentArgs = {
  ...contentOption,
  id: { type: 'positional', description: 'The testimonial (its file name in testimonials/ without .yaml)', required: true, valueHint: 'id' },
  given: { type: 'boolean', description: 'They agreed to be quoted publicly (the default)' },
  declined: { type: 'boolean', description: 'They said no: it is never published' },
  pending: { type: 'boolean', description: 'Back to not answered yet' },
  how: { type: 'string', description: 'How they answered, for your records (private), e.g. "email of 2026-12-03"', valueHint: 'text' },
  date: dateOption,
} satisfies ArgsDef;

const consentCommand = defineCommand({
  meta: { name: 'consent', description: 'Record whether the author agreed to be quoted, and when' },
  args: consentArgs,
  async run({ args: parsed }) {
    const { date } = datedOptions(parsed, consentArgs);
    const answers = (['given', 'declined', 'pending'] as const).filter((answer) => parsed[answer]);
    if (answers.length > 1) throw new CliError(said.oneAnswer);
    const answer: ConsentAnswer = answers[0] ?? 'given';
    const folder = join(resolve(parsed.content), 'testimonials');
    const id = parsed.id.trim().replace(/\.ya?ml$/, '');
    const names = existsSync(folder) ? (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)) : [];
    const name = names.find((entry) => entry.replace(/\.ya?ml$/, '') === id);
    if (!name)
      throw new CliError(
        said.notFound(
          id,
          names.map((entry) => entry.replace(/\.ya?ml$/, '')),
        ),
      );
    const file = join(folder, name);
    const changed = await changeFile(file, '', (text) => {
      const edit = setConsent(text, answer, date, parsed.how);
      return 'problem' in edit ? edit : { text: edit.text, result: undefined };
    });
    if ('problem' in changed) throw new CliError(said.left(displayPath(file), changed.problem));
    const shown = displayPath(file);
    console.log(answer === 'given' ? said.consentGiven(shown) : answer === 'declined' ? said.consentDeclined(shown) : said.consentPending(shown));
  },
});

export const testimonialCommand = defineCommand({
  meta: { name: 'testimonial', description: 'Write down what a client said and record their consent to be quoted' },
  subCommands: { add: addCommand, consent: consentCommand },
});

export const testimonialExamples = [
  'referral-kit testimonial add --from jane-smith --quote "Maya made tax season calm."',
  'referral-kit testimonial add --author "Lee Park" --role Founder --company "Park Studio" --quote "…"',
  'referral-kit testimonial add --eml reply.eml',
  'referral-kit testimonial consent jane-smith-2026-12-01 --given --how "email of 2026-12-03"',
  'referral-kit testimonial consent lee-park-2026-12-01 --declined',
];
