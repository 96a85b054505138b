/** How a command stops: a CliError thrown where it fails, printed once by main.ts with its exit code. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineCommand, runCommand } from 'citty';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError, debugVariable, reportCliError } from '../src/cli/cli-error.ts';
import { catchFailures } from '../src/cli/main.ts';
import { runCli } from './helpers/cli.ts';
import { spawnCli } from './helpers/faults.ts';
import { tempDir } from './helpers/fixtures.ts';

function printed(error: unknown, env: NodeJS.ProcessEnv = {}): { lines: string[]; code: number } {
  const lines: string[] = [];
  const code = reportCliError(error, (line) => lines.push(line), env);
  return { lines, code };
}

/** A file where `init` expects a folder: `mkdir` fails with an error no command expects. */
function fileInsteadOfFolder(): string {
  const file = join(tempDir('not-a-folder'), 'kit');
  writeFileSync(file, 'not a folder\n');
  return file;
}

describe('reportCliError', () => {
  it("prints each of a CliError's lines after the program's name, and gives its exit code", () => {
    expect(printed(new CliError(['no partner "jane-smtih"', 'nothing was written'], 3))).toEqual({
      lines: ['referral-kit: no partner "jane-smtih"', 'referral-kit: nothing was written'],
      code: 3,
    });
    expect(printed(new CliError('--value: must be a plain number'))).toEqual({ lines: ['referral-kit: --value: must be a plain number'], code: 1 });
  });

  it('prints nothing for a CliError without lines: the command has said why already', () => {
    expect(printed(new CliError())).toEqual({ lines: [], code: 1 });
  });

  it('says plainly what an unexpected error was, without its stack trace', () => {
    const { lines, code } = printed(new Error('EACCES: permission denied, open dist/index.html'));
    expect(code).toBe(1);
    expect(lines).toEqual([
      'referral-kit: stopped by an unexpected error: EACCES: permission denied, open dist/index.html',
      `referral-kit: run it again with ${debugVariable}=1 to see where it happened`,
    ]);
    expect(printed('a thrown string').lines[0]).toBe('referral-kit: stopped by an unexpected error: a thrown string');
  });

  it(`shows the stack trace when ${debugVariable} asks for it`, () => {
    const error = new Error('something broke');
    const { lines } = printed(error, { [debugVariable]: '1' });
    expect(lines).toEqual(['referral-kit: stopped by an unexpected error: something broke', error.stack]);
    expect(printed(error, { [debugVariable]: '0' }).lines[1]).not.toContain('    at ');
  });
});

describe("main.ts's one catch", () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('prints a CliError from a sub-command once and sets its exit code, without ending the process', async () => {
    const lines: string[] = [];
    const original = console.error;
    console.error = (line: string) => void lines.push(line);
    try {
      const command = catchFailures(
        defineCommand({
          meta: { name: 'parent' },
          subCommands: {
            child: defineCommand({
              meta: { name: 'child' },
              run() {
                throw new CliError(['first', 'second'], 4);
              },
            }),
          },
        }),
      );
      await runCommand(command, { rawArgs: ['child'] });
    } finally {
      console.error = original;
    }
    expect(lines).toEqual(['referral-kit: first', 'referral-kit: second']);
    expect(process.exitCode).toBe(4);
  });

  it('reports a failing command once, with exit code 1', async () => {
    const { code, stdout, stderr } = await runCli(['update', 'Dana Wu', '--content', tempDir('no-kit')]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('referral-kit: nothing to update: pass --status, --value, --contacted, --outcome-shared or --thanked');
  });

  it(`reports an unexpected error plainly, and with its stack when ${debugVariable} is set`, async () => {
    const folder = fileInsteadOfFolder();
    const plain = await runCli(['init', folder, '--yes']);
    expect(plain.code).toBe(1);
    expect(plain.stderr.split('\n')).toEqual([
      `referral-kit: stopped by an unexpected error: EEXIST: file already exists, mkdir '${folder}'`,
      `referral-kit: run it again with ${debugVariable}=1 to see where it happened`,
    ]);
    process.env[debugVariable] = '1';
    try {
      const debug = await runCli(['init', folder, '--yes']);
      expect(debug.code).toBe(1);
      expect(debug.stderr).toMatch(/^referral-kit: stopped by an unexpected error: EEXIST[^\n]*\nError: EEXIST[^\n]*\n {4}at /);
    } finally {
      delete process.env[debugVariable];
    }
  });

  it('ends a real process with the exit code and the plain report', async () => {
    const ran = await spawnCli(['init', fileInsteadOfFolder(), '--yes']);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(/^referral-kit: stopped by an unexpected error: EEXIST[^\n]*\nreferral-kit: run it again with REFERRAL_KIT_DEBUG=1 to see where it happened\n$/);
  });
});
