/**
 * `referral-kit log intro|given|ask`: records an introduction received, one given, or an ask in
 * the private ledger without opening it. The entry is appended in the style of the file, every
 * comment kept; a missing ledger is created.
 */
import { readFile } from 'node:fs/promises';
import { defineCommand, type ArgsDef } from 'citty';
import { simpleParser, type AddressObject } from 'mailparser';
import { mailSentences } from '../mail/default-messages.ts';
import { findIntroductions } from '../mail/introductions.ts';
import { proposeAndLog } from './log-found.ts';
import { writeTestimonial } from './testimonial.ts';
import { testimonialSchema } from '../schemas/testimonial.ts';
import { addDays, localToday } from '../kit/dates.ts';
import { displayPath, quote, type Diagnostic } from '../kit/diagnostics.ts';
import { readContent } from '../kit/load.ts';
import { printable } from '../kit/text.ts';
import { parseYaml, positionAt } from '../kit/yaml-source.ts';
import { appendEntry, changeFile, ledgerTemplate, type Fields, type LedgerList } from '../ledger/edit.ts';
import { prospectKey } from '../ledger/load.ts';
import { followUpDefaults } from '../schemas/kit.ts';
import { entrySchemasFor, referralKinds, type ReceivedEntry } from '../schemas/ledger.ts';
import { checkBeforeEdit, checkOptions, datedOptions, dateOption, ledgerSchemaPath, reportLedgerErrors, type LedgerSetup } from './ledger.ts';
import { CliError } from './cli-error.ts';
import { contentOption, rejectUnknown, requireContentFolder, unknownPartnerMessage } from './options.ts';

const notesOption = { type: 'string', description: 'Anything to remember about it (private)', valueHint: 'text' } as const;

/** Stops the command unless there is a partner file by the name an option gave. */
function requireKnownPartner(setup: LedgerSetup, slug: string): void {
  if (!setup.ledger.context.partners.includes(slug)) throw new CliError(unknownPartnerMessage(slug, setup.ledger.context.partners));
}

function partnerName(setup: LedgerSetup, slug: string): string {
  return printable(setup.partners.partners.find((partner) => partner.slug === slug)?.data.name ?? slug);
}

interface Logged {
  file: string;
  /** Where the new entry starts. */
  line: number;
  created: boolean;
}

/** The line where the last entry of a list starts, to point the owner at what was added. */
function lastEntryLine(text: string, list: LedgerList): number {
  const { source, value } = parseYaml('referrals.yaml', text);
  const entries = (value as Partial<Record<LedgerList, unknown[]>> | null)?.[list] ?? [];
  return positionAt(source, [list, entries.length - 1]).line;
}

/**
 * Appends an entry to one list of the ledger, after checking the entry with the ledger's schema
 * and the ledger itself (which must have no errors). The command stops when it cannot.
 */
async function logEntry(setup: LedgerSetup, list: LedgerList, fields: Fields, options: Record<string, string>, isDuplicate?: (entry: ReceivedEntry) => boolean): Promise<Logged> {
  checkOptions(entrySchemasFor(setup.ledger.context)[list], Object.fromEntries(fields), options);
  let errors: Diagnostic[] = [];
  const changed = await changeFile(setup.ledger.file, ledgerTemplate(ledgerSchemaPath(setup.contentDir)), (text) => {
    const checked = checkBeforeEdit(setup, text);
    errors = checked.errors;
    const { data, source } = checked.ledger;
    if (errors.length || !data || !source) return { problem: 'the ledger has errors' };
    const duplicate = isDuplicate ? data.received.findIndex(isDuplicate) : -1;
    if (duplicate >= 0) {
      return { problem: `already logged, on line ${positionAt(source, ['received', duplicate]).line} of ${displayPath(setup.ledger.file)}; nothing was written` };
    }
    const appended = appendEntry(text, list, fields);
    if ('problem' in appended) return { problem: `${displayPath(setup.ledger.file)}: ${appended.problem}; nothing was written` };
    return { text: appended.text, result: lastEntryLine(appended.text, list) };
  });
  if (errors.length) reportLedgerErrors(setup.ledger.file, errors);
  if ('problem' in changed) throw new CliError(changed.problem);
  return { file: setup.ledger.file, line: changed.result, created: changed.created };
}

function created(logged: Logged): string {
  return logged.created ? ` (new file: it is private, and the site never reads it)` : '';
}

interface Begun {
  today: string;
  date: string;
  setup: LedgerSetup;
  /** The partner the entry is about, trimmed. */
  slug: string;
}

/** The start every `log` command shares: options known, the date checked, the partner found. */
async function begin(parsed: { content: string; date?: string | undefined }, defined: ArgsDef, slug: string): Promise<Begun> {
  const { today, date } = datedOptions(parsed, defined);
  const setup = await readContent(parsed.content, ['kitFile', 'partners', 'ledger'], { today });
  requireContentFolder(setup);
  requireKnownPartner(setup, slug.trim());
  return { today, date, setup, slug: slug.trim() };
}

/** The entry's fields, with the note when one was given. */
function entry(fields: Fields, notes: string | undefined): Fields {
  return notes?.trim() ? [...fields, ['notes', notes.trim()]] : fields;
}

/** The option each field came from, for messages: `--date`, or `<partner>` for an argument. */
function optionNames(fields: Fields, argument?: string): Record<string, string> {
  return Object.fromEntries(fields.map(([field]) => [field, field === argument ? `<${field}>` : `--${field}`]));
}

const introArgs = {
  ...contentOption,
  from: { type: 'string', description: 'The partner who made the introduction (their slug, as `referral-kit links` shows)', valueHint: 'slug' },
  prospect: { type: 'string', description: 'The person introduced to you, in quotes', valueHint: 'name' },
  eml: { type: 'string', description: 'Instead: find the introduction in an email saved from your mail app (a partner wrote to someone with you in cc)', valueHint: 'file' },
  yes: { type: 'boolean', description: 'With --eml: add what was found without asking' },
  date: dateOption,
  kind: { type: 'string', description: `${referralKinds.join(' or ')}`, default: 'introduction', valueHint: 'kind' },
  notes: notesOption,
} satisfies ArgsDef;

const logIntroCommand = defineCommand({
  meta: { name: 'intro', description: 'Record an introduction or referral a partner sent you' },
  args: introArgs,
  async run({ args: parsed }) {
    if (parsed.eml !== undefined) {
      rejectUnknown(parsed, introArgs);
      await logFromEml(parsed.content, parsed.eml, Boolean(parsed.yes));
      return;
    }
    if (parsed.from === undefined || parsed.prospect === undefined) {
      rejectUnknown(parsed, introArgs);
      throw new CliError(mailSentences.introNeedsWho);
    }
    const { today, date, setup, slug: from } = await begin(parsed, introArgs, parsed.from);
    const prospect = parsed.prospect!.trim();
    const fields = entry(
      [
        ['date', date],
        ['from', from],
        ['prospect', prospect],
        ['kind', parsed.kind],
        ['status', 'introduced'],
      ],
      parsed.notes,
    );
    const logged = await logEntry(
      setup,
      'received',
      fields,
      optionNames(fields),
      (existing) => existing.date === date && existing.from === from && prospectKey(existing.prospect) === prospectKey(prospect),
    );
    const { kit } = setup.kitFile;
    const due = addDays(date, kit?.follow_up.contact_within_days ?? followUpDefaults.contact_within_days);
    const name = partnerName(setup, from);
    console.log(`✓ Logged in ${displayPath(logged.file)}:${logged.line}${created(logged)}: ${name} ${parsed.kind === 'referral' ? 'referred' : 'introduced'} ${quote(prospect)} on ${date}`);
    console.log(`  Next: contact them ${due > today ? `by ${due}` : 'today'}, then: referral-kit update ${quote(prospect)} --contacted`);
    console.log(`  Thank ${name} (referral-kit update ${quote(prospect)} --thanked), and tell them how it goes.`);
  },
});

/** `log intro --eml FILE`: the introduction a saved email holds, proposed, then logged. */
async function logFromEml(content: string, file: string, yes: boolean): Promise<void> {
  const today = localToday();
  const setup = await readContent(content, ['kitFile', 'partners', 'ledger'], { today });
  requireContentFolder(setup);
  let mail;
  try {
    mail = await simpleParser(await readFile(file));
  } catch (error) {
    throw new CliError(mailSentences.emlUnreadable(file, (error as Error).message));
  }
  const { kit } = setup.kitFile;
  if (!kit) {
    throw new CliError(mailSentences.kitFirst);
  }
  const list = (field: AddressObject | AddressObject[] | undefined) =>
    [field ?? []]
      .flat()
      .flatMap((group) => group.value)
      .filter((a) => a.address)
      .map((a) => ({ name: a.name ?? '', address: a.address! }));
  const { ledger } = setup;
  const found = findIntroductions([{ messageId: mail.messageId, date: mail.date, subject: mail.subject ?? '', from: list(mail.from), to: list(mail.to), cc: list(mail.cc) }], {
    partners: setup.partners.partners.map(({ slug, data }) => ({ slug, name: data.name, email: data.email })),
    ownerEmail: kit.owner.email,
    received: ledger.data?.received ?? [],
    today,
  });
  await proposeAndLog(setup, found, yes);
}

const givenArgs = {
  ...contentOption,
  to: { type: 'string', description: 'The partner you introduced someone to (their slug)', required: true, valueHint: 'slug' },
  prospect: { type: 'string', description: 'The person you introduced to them, in quotes', required: true, valueHint: 'name' },
  date: dateOption,
  notes: notesOption,
} satisfies ArgsDef;

const logGivenCommand = defineCommand({
  meta: { name: 'given', description: 'Record an introduction you made for a partner' },
  args: givenArgs,
  async run({ args: parsed }) {
    const { date, setup, slug: to } = await begin(parsed, givenArgs, parsed.to);
    const prospect = parsed.prospect.trim();
    const fields = entry(
      [
        ['date', date],
        ['to', to],
        ['prospect', prospect],
      ],
      parsed.notes,
    );
    const logged = await logEntry(setup, 'given', fields, optionNames(fields));
    console.log(`✓ Logged in ${displayPath(logged.file)}:${logged.line}${created(logged)}: you introduced ${quote(prospect)} to ${partnerName(setup, to)} on ${date}`);
  },
});

const askArgs = {
  ...contentOption,
  partner: { type: 'positional', description: 'The partner you asked for introductions (their slug)', required: true, valueHint: 'slug' },
  date: dateOption,
  reeducated: { type: 'boolean', description: 'You also sent them the "who is a fit" part of their kit again' },
  said: { type: 'string', description: 'What they said about working with you, in quotes: written as a testimonial too, consent pending', valueHint: 'words' },
  notes: notesOption,
} satisfies ArgsDef;

const logAskCommand = defineCommand({
  meta: { name: 'ask', description: 'Record that you asked a partner for introductions' },
  args: askArgs,
  async run({ args: parsed }) {
    const { date, setup, slug: partner } = await begin(parsed, askArgs, parsed.partner);
    // The words are checked before the ask is logged, so a bad --said writes neither.
    const words = parsed.said === undefined ? undefined : testimonialSchema.shape.quote.safeParse(parsed.said.trim());
    if (words && !words.success) throw new CliError(`--said: ${words.error.issues[0]?.message ?? 'not usable as a quote'}; nothing was written`);
    const fields = entry([['date', date], ['partner', partner], ...(parsed.reeducated ? ([['reeducated', true]] satisfies Fields) : [])], parsed.notes);
    const logged = await logEntry(setup, 'asks', fields, optionNames(fields, 'partner'));
    const { kit } = setup.kitFile;
    const again = addDays(date, kit?.follow_up.ask_again_after_days ?? followUpDefaults.ask_again_after_days);
    console.log(
      `✓ Logged in ${displayPath(logged.file)}:${logged.line}${created(logged)}: you asked ${partnerName(setup, partner)} for introductions on ${date}${parsed.reeducated ? ', and re-educated them' : ''}`,
    );
    console.log(`  The report suggests asking again from ${again}.`);
    if (parsed.said?.trim()) {
      const partnerData = setup.partners.partners.find((entry) => entry.slug === partner)!.data;
      await writeTestimonial(setup.contentDir, {
        quote: parsed.said.trim(),
        author: partnerData.name,
        from: partner,
        role: partnerData.occupation,
        company: partnerData.company,
        date,
        consent: 'pending',
      });
    }
  },
});

export const logCommand = defineCommand({
  meta: { name: 'log', description: 'Record an introduction received or given, or an ask, in your private referrals.yaml' },
  subCommands: { intro: logIntroCommand, given: logGivenCommand, ask: logAskCommand },
});

export const logExamples = [
  'referral-kit log intro --from jane-smith --prospect "Dana Wu"',
  'referral-kit log intro --from omar-haddad --prospect "Lee Park" --kind referral --date 2026-10-02',
  'referral-kit log given --to jane-smith --prospect "Sam Lee"',
  'referral-kit log ask jane-smith',
  'referral-kit log ask jane-smith --said "Maya made tax season calm."',
  'referral-kit log intro --eml saved-introduction.eml',
];
