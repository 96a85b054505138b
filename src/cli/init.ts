/**
 * `referral-kit init [folder]`: a new kit folder from a few answers. Each question has a flag;
 * the ones not given are asked in a terminal (@clack/prompts), or take their defaults with
 * `--yes`, so it runs in scripts and CI too. It never overwrites a file.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as prompts from '@clack/prompts';
import { defineCommand, type ArgsDef } from 'citty';
import { displayPath, summarize } from '../kit/diagnostics.ts';
import { readContent } from '../kit/load.ts';
import { slugify } from '../kit/slug.ts';
import { newToken } from '../kit/partner-file.ts';
import { starterDefaults, starterKitFiles, type StarterAnswers } from '../kit/starter-kit.ts';
import { parseYaml, validateYaml } from '../kit/yaml-source.ts';
import { jsonSchemaFile, type YamlFileType } from '../schemas/json-schema.ts';
import { kitSchema } from '../schemas/kit.ts';
import { partnerCategories } from '../schemas/partner.ts';
import { CliError } from './cli-error.ts';
import { rejectUnknown, reportDiagnostics } from './options.ts';

const args = {
  folder: { type: 'positional', description: 'Folder to create the kit in', required: false, default: 'content', valueHint: 'folder' },
  name: { type: 'string', description: 'Your name', valueHint: 'text' },
  business: { type: 'string', description: 'Your business or practice', valueHint: 'text' },
  email: { type: 'string', description: 'Where introductions reach you (shown on your pages)', valueHint: 'address' },
  url: { type: 'string', description: 'Where the site will live, like https://example.com', valueHint: 'address' },
  'one-liner': { type: 'string', description: 'What you do, in one sentence a partner can repeat', valueHint: 'text' },
  'ideal-client': { type: 'string', description: 'Who your ideal client is', valueHint: 'text' },
  signals: { type: 'string', description: 'Two or three things people say when they need you, separated by ";"', valueHint: 'text' },
  promise: { type: 'string', description: 'What happens after an introduction', valueHint: 'text' },
  partner: { type: 'string', description: 'The first partner you will ask, their full name', valueHint: 'name' },
  'partner-category': { type: 'string', description: `What kind of partner: ${partnerCategories.join(', ')}`, valueHint: 'category' },
  'partner-email': { type: 'string', description: 'Their email (private, for `invite`)', valueHint: 'address' },
  yes: { type: 'boolean', alias: 'y', description: 'Take the defaults for every question not given as a flag (no prompts)' },
} as const satisfies ArgsDef;

// strings: move to the catalog
const questions = {
  name: 'Your name',
  business: 'Your business or practice',
  email: 'The email introductions should reach (it is shown on your pages)',
  url: 'Where will the site live? (just the address; you can change it later)',
  oneLiner: 'What you do, in one sentence a partner could repeat',
  idealClient: 'Who is your ideal client?',
  signal: (n: number) => (n === 1 ? 'Something people say when they need you' : `Another thing they say (${n} of 3, Enter to skip)`),
  promise: 'What happens after someone introduces a person to you?',
  partner: 'Who is the first partner you will ask? (their full name)',
  partnerCategory: 'What kind of partner are they?',
  partnerEmail: 'Their email (private, for sending them their link; Enter to skip)',
};

/** Which option to mention when a kit.yaml field built from the answers is refused. */
const flagOfField: Record<string, string> = {
  'owner.name': '--name',
  'owner.business': '--business',
  'owner.email': '--email',
  'site.url': '--url',
  'value.one_liner': '--one-liner',
  'value.pitch': '--one-liner',
  'ideal_client.description': '--ideal-client',
  'ideal_client.signals': '--signals',
  promise: '--promise',
};

type Parsed = { [K in keyof typeof args]?: string | boolean | undefined };

function given(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function splitSignals(text: string): string[] {
  return text
    .split(';')
    .map((signal) => signal.trim())
    .filter(Boolean)
    .slice(0, 3);
}

/** Stops init when the owner presses Ctrl-C or Escape at a prompt. */
class Cancelled extends Error {}

function answered<T>(value: T): Exclude<T, symbol> {
  if (typeof value === 'symbol' || prompts.isCancel(value)) throw new Cancelled();
  return value as Exclude<T, symbol>;
}

const required = (value: string | undefined) => (value?.trim() ? undefined : 'Please type an answer (or press Ctrl-C to stop).');

async function ask(message: string, defaultValue: string, optional = false): Promise<string> {
  const value = answered(
    await prompts.text({
      message,
      ...(defaultValue ? { placeholder: defaultValue, defaultValue } : {}),
      ...(optional || defaultValue ? {} : { validate: required }),
    }),
  );
  return (value ?? '').trim();
}

/** The answers, from flags first, then prompts (in a terminal) or defaults (`--yes`). */
async function gather(parsed: Parsed, interactive: boolean): Promise<Omit<StarterAnswers, 'partner'> & { partnerName: string; partnerCategory: string; partnerEmail?: string | undefined }> {
  const d = starterDefaults;
  const pick = async (flag: string | undefined, message: string, fallback: string) => flag ?? (interactive ? await ask(message, fallback) : fallback);
  const name = await pick(given(parsed.name), questions.name, interactive ? '' : d.name);
  const business = await pick(given(parsed.business), questions.business, interactive ? '' : d.business);
  const email = await pick(given(parsed.email), questions.email, interactive ? '' : d.email);
  // People type their domain as they say it; the site address needs its scheme.
  const typed = await pick(given(parsed.url), questions.url, d.url);
  const url = /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/.*)?$/i.test(typed) ? `https://${typed}` : typed;
  const oneLiner = await pick(given(parsed['one-liner']), questions.oneLiner, interactive ? '' : d.oneLiner);
  const idealClient = await pick(given(parsed['ideal-client']), questions.idealClient, interactive ? '' : d.idealClient);
  let signals = given(parsed.signals) ? splitSignals(given(parsed.signals)!) : [];
  if (!signals.length && interactive) {
    for (let n = 1; n <= 3; n++) {
      const signal = await ask(questions.signal(n), '', n > 1);
      if (!signal) break;
      signals.push(signal);
    }
  }
  if (!signals.length) signals = [...d.signals];
  const promise = await pick(given(parsed.promise), questions.promise, d.promise);
  const partnerName = await pick(given(parsed.partner), questions.partner, interactive ? '' : d.partnerName);
  let partnerCategory = given(parsed['partner-category']);
  if (!partnerCategory && interactive) {
    partnerCategory = answered(
      await prompts.select({
        message: questions.partnerCategory,
        initialValue: d.partnerCategory as string,
        options: partnerCategories.map((category) => ({ value: category as string, label: category })),
      }),
    );
  }
  partnerCategory ??= d.partnerCategory;
  const partnerEmail = given(parsed['partner-email']) ?? (interactive && !given(parsed.partner) ? (await ask(questions.partnerEmail, '', true)) || undefined : undefined);
  return { name, business, email, url, oneLiner, idealClient, signals, promise, partnerName, partnerCategory, partnerEmail };
}

function schemaPathFrom(file: string, type: YamlFileType): string {
  return relative(dirname(file), jsonSchemaFile(type)).split(sep).join('/');
}

export const initCommand = defineCommand({
  meta: { name: 'init', description: 'Start a new kit: a few questions, then a kit folder ready to check, preview and build' },
  args,
  async run({ args: parsed }) {
    rejectUnknown(parsed, args);
    const folder = resolve(parsed.folder || 'content');
    const interactive = !parsed.yes && Boolean(process.stdin.isTTY && process.stdout.isTTY);
    const missing = Object.entries(flagOfField).filter(([, flag]) => !given(parsed[flag.slice(2) as keyof Parsed]));
    if (!interactive && !parsed.yes && missing.length) {
      throw new CliError(`no terminal to ask in: give the answers as options (${[...new Set(missing.map(([, flag]) => flag))].join(', ')}, --partner), or --yes to take the defaults for the rest`);
    }
    if (interactive) prompts.intro('A new referral kit');
    let answers: StarterAnswers;
    try {
      const { partnerName, partnerCategory, partnerEmail, ...owner } = await gather(parsed, interactive);
      answers = { ...owner, partner: { name: partnerName, category: partnerCategory, email: partnerEmail, token: newToken(), slug: slugify(partnerName) || 'partner' } };
    } catch (error) {
      if (!(error instanceof Cancelled)) throw error;
      prompts.cancel('Stopped: nothing was written.');
      // The line above says so; the exit code tells a script.
      throw new CliError();
    }

    const files = starterKitFiles(answers, {
      kit: schemaPathFrom(join(folder, 'kit.yaml'), 'kit'),
      partner: schemaPathFrom(join(folder, 'partners', 'x.yaml'), 'partner'),
    });
    // The answers are checked as the text that will be written, before anything is: the messages
    // name the option to change.
    const checked = validateYaml(parseYaml(join(folder, 'kit.yaml'), files['kit.yaml']!), kitSchema);
    if (!checked.data) {
      const refused = checked.diagnostics.map((d) => {
        const field = Object.keys(flagOfField).find((path) => d.message.startsWith(`${path}:`) || d.message.startsWith(`${path}[`));
        return field
          ? `${flagOfField[field]}: ${d.message
              .slice(field.length + 1)
              .replace(/^\[\d+\]:/, '')
              .trim()}`
          : d.message;
      });
      throw new CliError([...refused, 'nothing was written']);
    }

    const written: string[] = [];
    const kept: string[] = [];
    for (const [path, text] of Object.entries(files)) {
      const file = join(folder, path);
      await mkdir(dirname(file), { recursive: true });
      try {
        // `wx`: an existing file is never replaced, even one that appeared a moment ago.
        await writeFile(file, text, { flag: 'wx' });
        written.push(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        kept.push(path);
      }
    }

    const placeholders = Object.entries({ name: parsed.name, business: parsed.business, email: parsed.email, url: parsed.url })
      .filter(([flag, value]) => !interactive && !given(value) && flag !== 'url')
      .map(([flag]) => `--${flag}`);
    const where = displayPath(folder);
    const contentFlag = folder === resolve('content') ? '' : ` --content ${where}`;
    const { diagnostics } = await readContent(folder, ['content']);
    reportDiagnostics(diagnostics);
    const lines = [
      `✓ ${written.length ? `Wrote ${written.length} files into ${where}` : `Nothing to write: ${where} already has every file`} (check: ${summarize(diagnostics)})`,
      ...(kept.length ? [`  Already there, left as they were: ${kept.join(', ')}`] : []),
      ...(placeholders.length ? [`  Placeholders stand in for what you did not give (${placeholders.join(', ')}): replace them in kit.yaml.`] : []),
      '',
      'Next:',
      `  1. Read ${displayPath(join(folder, 'kit.yaml'))} and the scripts in ${displayPath(join(folder, 'scripts'))}, and make them sound like you.`,
      `  2. See it as you edit: npx referral-kit dev${contentFlag}`,
      `  3. Add the partners you will ask: npx referral-kit add partner "Jane Smith" --category client${contentFlag}`,
      `  4. Build the site, then deploy the dist folder: npx referral-kit build${contentFlag}`,
    ];
    if (interactive) prompts.outro('Your kit is ready.');
    console.log(lines.join('\n'));
    // The findings are printed above.
    if (diagnostics.some((d) => d.severity === 'error')) throw new CliError();
  },
});

export const initExamples = ['referral-kit init my-kit', 'referral-kit init my-kit --name "Maya Okafor" --business "Ledger & Line" --email maya@example.com --yes'];
