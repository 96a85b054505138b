/** The `referral-kit` command line. Each command lives in its own file and runs in-process for tests. */
import { readFileSync } from 'node:fs';
import { defineCommand, renderUsage, runMain, type ArgsDef, type CommandDef } from 'citty';
import { addCommand, addExamples } from './add.ts';
import { buildCommand, buildExamples } from './build.ts';
import { checkCommand, checkExamples } from './check.ts';
import { followUpCommand, followUpExamples } from './follow-up.ts';
import { inboxCommand, inboxExamples } from './inbox.ts';
import { inviteCommand, inviteExamples } from './invite.ts';
import { linksCommand, linksExamples } from './links.ts';
import { logCommand, logExamples } from './log.ts';
import { reportCommand, reportExamples } from './report.ts';
import { rotateCommand, rotateExamples } from './rotate.ts';
import { testimonialCommand, testimonialExamples } from './testimonial.ts';
import { updateCommand, updateExamples } from './update.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export const main = defineCommand({
  meta: {
    name: 'referral-kit',
    version,
    description: 'Turn your referral partners and scripts into a kit per partner and a static site',
  },
  // In the order an owner meets them: add partners, check, send links, build; then, as
  // introductions come in, record them and follow up.
  subCommands: {
    add: addCommand,
    check: checkCommand,
    links: linksCommand,
    invite: inviteCommand,
    rotate: rotateCommand,
    build: buildCommand,
    log: logCommand,
    update: updateCommand,
    report: reportCommand,
    'follow-up': followUpCommand,
    inbox: inboxCommand,
    testimonial: testimonialCommand,
  },
});

/** Examples by command name (`add partner --help` shows the command named partner). */
const examples: Record<string, string[]> = {
  add: addExamples,
  partner: addExamples,
  build: buildExamples,
  check: checkExamples,
  invite: inviteExamples,
  links: linksExamples,
  rotate: rotateExamples,
  log: logExamples,
  intro: logExamples.filter((line) => line.includes(' log intro ')),
  given: logExamples.filter((line) => line.includes(' log given ')),
  ask: logExamples.filter((line) => line.includes(' log ask ')),
  update: updateExamples,
  report: reportExamples,
  'follow-up': followUpExamples,
  inbox: inboxExamples,
  testimonial: testimonialExamples,
  'testimonial add': testimonialExamples.filter((line) => line.includes(' testimonial add ')),
  consent: testimonialExamples.filter((line) => line.includes(' testimonial consent ')),
  'referral-kit': [
    ...addExamples.slice(0, 1),
    ...checkExamples.slice(0, 1),
    ...inviteExamples.slice(0, 1),
    ...buildExamples.slice(0, 1),
    ...logExamples.slice(0, 1),
    ...reportExamples.slice(0, 1),
  ],
};

/**
 * citty names a command by its parent alone (`add partner`); a nested command's parent is given
 * the full name and the version, so its help reads `referral-kit add partner` like the others.
 */
async function fullParent<T extends ArgsDef>(parent: CommandDef<T> | undefined): Promise<CommandDef<T> | undefined> {
  const meta = typeof parent?.meta === 'function' ? await parent.meta() : await parent?.meta;
  if (!parent || !meta?.name || parent === (main as unknown)) return parent;
  return { ...parent, meta: { ...meta, name: `referral-kit ${meta.name}`, version } };
}

/** citty's usage text, followed by examples: every command's --help shows how to call it. */
async function showUsage<T extends ArgsDef = ArgsDef>(cmd: CommandDef<T>, parent?: CommandDef<T>): Promise<void> {
  const meta = typeof cmd.meta === 'function' ? await cmd.meta() : await cmd.meta;
  const parentMeta = typeof parent?.meta === 'function' ? await parent.meta() : await parent?.meta;
  const lines = examples[`${parentMeta?.name ?? ''} ${meta?.name ?? ''}`] ?? examples[meta?.name ?? ''];
  const usage = (await renderUsage(cmd, await fullParent(parent)))
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trimEnd();
  console.log(lines ? `${usage}\n\nEXAMPLES\n\n${lines.map((line) => `  ${line}`).join('\n')}\n` : usage);
}

export async function run(rawArgs: string[] = process.argv.slice(2)): Promise<void> {
  await runMain(main, { rawArgs, showUsage });
}
