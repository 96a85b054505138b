/** The `referral-kit` command line. Each command lives in its own file and runs in-process for tests. */
import { readFileSync } from 'node:fs';
import { defineCommand, renderUsage, runMain, type ArgsDef, type CommandDef } from 'citty';
import { buildCommand, buildExamples } from './build.ts';
import { checkCommand, checkExamples } from './check.ts';
import { linksCommand, linksExamples } from './links.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export const main = defineCommand({
  meta: {
    name: 'referral-kit',
    version,
    description: 'Turn your referral partners and scripts into a kit per partner and a static site',
  },
  subCommands: {
    build: buildCommand,
    check: checkCommand,
    links: linksCommand,
  },
});

const examples: Record<string, string[]> = {
  build: buildExamples,
  check: checkExamples,
  links: linksExamples,
  'referral-kit': [...checkExamples.slice(0, 1), ...buildExamples.slice(0, 1), ...linksExamples.slice(0, 1)],
};

/** citty's usage text, followed by examples: every command's --help shows how to call it. */
async function showUsage<T extends ArgsDef = ArgsDef>(cmd: CommandDef<T>, parent?: CommandDef<T>): Promise<void> {
  const meta = typeof cmd.meta === 'function' ? await cmd.meta() : await cmd.meta;
  const lines = examples[meta?.name ?? ''];
  const usage = (await renderUsage(cmd, parent))
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trimEnd();
  console.log(lines ? `${usage}\n\nEXAMPLES\n\n${lines.map((line) => `  ${line}`).join('\n')}\n` : usage);
}

export async function run(rawArgs: string[] = process.argv.slice(2)): Promise<void> {
  await runMain(main, { rawArgs, showUsage });
}
