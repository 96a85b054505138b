/**
 * How a command stops. A command throws `CliError` where it cannot go on, from however deep the
 * reason is found; main.ts catches it once, prints each of its lines as `referral-kit: …` on
 * stderr and sets the exit code. Nothing else prints the error, so it is said once, and without
 * a stack trace: the words are for the owner, not for a debugger.
 */
export class CliError extends Error {
  /**
   * What the owner reads, one line each. None when the command has already said why (the JSON
   * of `check --json` holds the errors): the exit code alone then tells scripts it failed.
   */
  readonly lines: readonly string[];
  /** The process's exit code: 1 unless a command has a reason to tell failures apart. */
  readonly exitCode: number;

  constructor(lines: string | readonly string[] = [], exitCode = 1) {
    const all = typeof lines === 'string' ? [lines] : [...lines];
    super(all.join('\n') || 'the command failed');
    this.name = 'CliError';
    this.lines = all;
    this.exitCode = exitCode;
  }
}

/** Set in the environment to see where an unexpected error happened (its stack trace). */
export const debugVariable = 'REFERRAL_KIT_DEBUG';

// strings: move to the catalog (with the commands' own messages)
export const cliErrorSentences = {
  unexpected: (message: string) => `stopped by an unexpected error: ${message}`,
  howToSeeMore: `run it again with ${debugVariable}=1 to see where it happened`,
};

/**
 * What main.ts does with an error a command threw: prints a CliError's lines, or says plainly
 * what an unexpected error was (its stack trace only when `REFERRAL_KIT_DEBUG` is set), and
 * returns the exit code.
 */
export function reportCliError(error: unknown, print: (line: string) => void = console.error, env: NodeJS.ProcessEnv = process.env): number {
  if (error instanceof CliError) {
    for (const line of error.lines) print(`referral-kit: ${line}`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message || error.name : String(error);
  print(`referral-kit: ${cliErrorSentences.unexpected(message)}`);
  const debug = Boolean(env[debugVariable]) && env[debugVariable] !== '0';
  print(debug && error instanceof Error && error.stack ? error.stack : `referral-kit: ${cliErrorSentences.howToSeeMore}`);
  return 1;
}
