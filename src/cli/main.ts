/**
 * The `referral-kit` command line. Each command lives in its own file and is loaded only when it
 * runs or shows its help, so `--version` and `--help` answer without loading Astro, the image
 * renderer or the ledger. Commands also run in-process, for tests.
 */
import { readFileSync } from 'node:fs';
import { defineCommand, renderUsage, runMain, type ArgsDef, type CommandDef, type Resolvable } from 'citty';
import { CliError, reportCliError } from './cli-error.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

// biome-ignore lint/suspicious/noExplicitAny: each command has its own arguments
type AnyCommand = CommandDef<any>;

interface CommandEntry {
  /** What the overview (`referral-kit --help`) says of it; a test keeps it equal to the command's own. */
  description: string;
  /** The command and its examples, from its own file. */
  load: () => Promise<[command: AnyCommand, examples: string[]]>;
}

/**
 * In the order an owner meets them: start a kit, add partners, check, send links, build; then, as
 * introductions come in, record them and follow up.
 */
export const commands: Record<string, CommandEntry> = {
  init: {
    description: 'Start a new kit: a few questions, then a kit folder ready to check, preview and build',
    load: async () => import('./init.ts').then((m) => [m.initCommand, m.initExamples]),
  },
  add: {
    description: 'Add a partner, with a fresh secret kit link',
    load: async () => import('./add.ts').then((m) => [m.addCommand, m.addExamples]),
  },
  check: {
    description: 'Find mistakes in the kit before a partner does, without building',
    load: async () => import('./check.ts').then((m) => [m.checkCommand, m.checkExamples]),
  },
  preview: {
    description: "Show what one partner's kit will say, filled in, and why each script was chosen",
    load: async () => import('./preview.ts').then((m) => [m.previewCommand, m.previewExamples]),
  },
  links: {
    description: "List every partner's kit link and share link, to send them out",
    load: async () => import('./links.ts').then((m) => [m.linksCommand, m.linksExamples]),
  },
  invite: {
    description: 'Write each partner an invitation with their kit link, as email drafts to send yourself',
    load: async () => import('./invite.ts').then((m) => [m.inviteCommand, m.inviteExamples]),
  },
  rotate: {
    description: 'Give a partner a new secret kit link; the old one stops working at the next deploy',
    load: async () => import('./rotate.ts').then((m) => [m.rotateCommand, m.rotateExamples]),
  },
  build: {
    description: 'Check the kit, then build the site: kits, share pages, home and testimonials',
    load: async () => import('./build.ts').then((m) => [m.buildCommand, m.buildExamples]),
  },
  dev: {
    description: "Preview the kit on your computer, updated as you save; lists every page, each partner's kit too",
    load: async () => import('./dev.ts').then((m) => [m.devCommand, m.devExamples]),
  },
  log: {
    description: 'Record an introduction received or given, or an ask, in your private referrals.yaml',
    load: async () => import('./log.ts').then((m) => [m.logCommand, m.logExamples]),
  },
  update: {
    description: 'Update an introduction in referrals.yaml: its status, value, and when you followed up',
    load: async () => import('./update.ts').then((m) => [m.updateCommand, m.updateExamples]),
  },
  report: {
    description: 'Who to follow up with today, and which partners send the best introductions',
    load: async () => import('./report.ts').then((m) => [m.reportCommand, m.reportExamples]),
  },
  'follow-up': {
    description: 'Write the message for each follow-up to-do, as drafts or sent from your own account',
    load: async () => import('./follow-up.ts').then((m) => [m.followUpCommand, m.followUpExamples]),
  },
  testimonial: {
    description: 'Write down what a client said and record their consent to be quoted',
    load: async () => import('./testimonial.ts').then((m) => [m.testimonialCommand, m.testimonialExamples]),
  },
  inbox: {
    description: 'Find introductions in your mailbox (a partner wrote with you in cc) and log them',
    load: async () => import('./inbox.ts').then((m) => [m.inboxCommand, m.inboxExamples]),
  },
};

/** The overview's examples: one from each of the commands an owner starts with. */
export const overviewExamples = [
  'referral-kit init my-kit',
  'referral-kit add partner "Jane Smith" --category client --email jane@example.com',
  'referral-kit check',
  'referral-kit invite                      # a draft for every partner, in outbox/',
  'referral-kit build',
  'referral-kit log intro --from jane-smith --prospect "Dana Wu"',
  'referral-kit report',
];

const resolved = async <T>(value: Resolvable<T>): Promise<T> => (typeof value === 'function' ? (value as () => T | Promise<T>)() : value);

/**
 * The one place a command's failure is caught, as citty's runMain does for its own errors: the
 * command's run (and each of its sub-commands') is wrapped so that a thrown CliError is printed
 * once with its exit code, and any other error is reported plainly, without a stack trace unless
 * asked for (REFERRAL_KIT_DEBUG). citty's own errors (an unknown command, a missing argument) are
 * thrown before a run starts and stay with runMain, which shows the usage with them.
 */
export function catchFailures(command: AnyCommand): AnyCommand {
  const { run, subCommands } = command;
  const wrapped: AnyCommand = { ...command };
  if (run) {
    wrapped.run = async (context) => {
      try {
        return await run(context);
      } catch (error) {
        const code = reportCliError(error);
        // An unexpected error may leave a server or a connection open: the process ends here, as
        // citty ends it. A CliError is a command's own ending: output still being written gets out.
        if (error instanceof CliError) process.exitCode = code;
        else process.exit(code);
        return undefined;
      }
    };
  }
  if (subCommands) {
    wrapped.subCommands = async () => Object.fromEntries(Object.entries(await resolved(subCommands)).map(([name, sub]) => [name, async () => catchFailures(await resolved(sub))]));
  }
  return wrapped;
}

/** Examples of each command loaded so far, by the command itself. */
const examplesOf = new WeakMap<AnyCommand, string[]>();

export const main = defineCommand({
  meta: {
    name: 'referral-kit',
    version,
    description: 'Turn your referral partners and scripts into a kit per partner and a static site',
  },
  subCommands: Object.fromEntries(
    Object.entries(commands).map(([name, entry]) => [
      name,
      async () => {
        const [command, examples] = await entry.load();
        const runnable = catchFailures(command);
        examplesOf.set(runnable, examples);
        return runnable;
      },
    ]),
  ),
});

/** The overview lists every command from the table above, without loading any of them. */
const overview: AnyCommand = {
  ...main,
  subCommands: Object.fromEntries(Object.entries(commands).map(([name, { description }]) => [name, { meta: { name, description } }])),
};

const metaOf = async (cmd: AnyCommand | undefined) => (typeof cmd?.meta === 'function' ? await cmd.meta() : await cmd?.meta);

/**
 * A command's examples. A nested command (`add partner`, `log intro`) shows the lines of its
 * parent's examples that call it.
 */
async function examplesFor(cmd: AnyCommand, parent: AnyCommand | undefined): Promise<string[] | undefined> {
  if (cmd === main) return overviewExamples;
  const own = examplesOf.get(cmd);
  if (own || !parent) return own;
  const call = `referral-kit ${(await metaOf(parent))?.name} ${(await metaOf(cmd))?.name}`;
  return examplesOf.get(parent)?.filter((line) => line === call || line.startsWith(`${call} `));
}

/**
 * citty names a command by its parent alone (`add partner`); a nested command's parent is given
 * the full name and the version, so its help reads `referral-kit add partner` like the others.
 */
async function fullParent(parent: AnyCommand | undefined): Promise<AnyCommand | undefined> {
  const meta = await metaOf(parent);
  if (!parent || !meta?.name || parent === main) return parent;
  return { ...parent, meta: { ...meta, name: `referral-kit ${meta.name}`, version } };
}

/** citty's usage text, followed by examples: every command's --help shows how to call it. */
async function showUsage<T extends ArgsDef = ArgsDef>(cmd: CommandDef<T>, parent?: CommandDef<T>): Promise<void> {
  const lines = await examplesFor(cmd as AnyCommand, parent as AnyCommand | undefined);
  const usage = (await renderUsage(cmd === (main as unknown) ? overview : cmd, await fullParent(parent as AnyCommand | undefined)))
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trimEnd();
  console.log(lines?.length ? `${usage}\n\nEXAMPLES\n\n${lines.map((line) => `  ${line}`).join('\n')}\n` : usage);
}

export async function run(rawArgs: string[] = process.argv.slice(2)): Promise<void> {
  // citty looks for a command's aliases in every command (loading them all) when the help asked
  // for names none; the overview needs none of them.
  if (!rawArgs.some((arg) => !arg.startsWith('-')) && rawArgs.some((arg) => arg === '--help' || arg === '-h')) {
    await showUsage(main);
    return;
  }
  await runMain(main, { rawArgs, showUsage });
}
