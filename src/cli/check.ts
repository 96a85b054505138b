/** `referral-kit check`: every problem the build would hit, without building. */
import { resolve } from 'node:path';
import { defineCommand, type ArgsDef } from 'citty';
import { displayPath, hasErrors, summarize, type Diagnostic } from '../kit/diagnostics.ts';
import { readContent } from '../kit/load.ts';
import { CliError } from './cli-error.ts';
import { contentOption, rejectUnknown, reportDiagnostics } from './options.ts';

const args = {
  ...contentOption,
  json: { type: 'boolean', description: 'Print the findings as JSON on stdout' },
} satisfies ArgsDef;

/**
 * `check --json`: each finding with its file as the text output prints it (relative to the
 * current folder when inside it, absolute otherwise), and the counts.
 */
export function checkReport(contentDir: string, diagnostics: readonly Diagnostic[]) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return {
    content: resolve(contentDir),
    ok: errors === 0,
    errors,
    warnings: diagnostics.length - errors,
    diagnostics: diagnostics.map(({ file, line, column, severity, message }) => ({
      file: displayPath(file),
      line,
      column,
      severity,
      message,
    })),
  };
}

export const checkCommand = defineCommand({
  meta: { name: 'check', description: 'Find mistakes in the kit before a partner does, without building' },
  args,
  async run({ args: parsed }) {
    rejectUnknown(parsed, args);
    const { diagnostics } = await readContent(parsed.content, ['content']);
    if (parsed.json) {
      console.log(JSON.stringify(checkReport(parsed.content, diagnostics), null, 2));
      // The JSON holds the errors; the exit code tells a script there are some.
      if (hasErrors(diagnostics)) throw new CliError();
      return;
    }
    reportDiagnostics(diagnostics);
    if (hasErrors(diagnostics)) throw new CliError(`${summarize(diagnostics)}: fix the errors above`);
    console.log(`✓ ${parsed.content} is ready (${summarize(diagnostics)})`);
  },
});

export const checkExamples = ['referral-kit check', 'referral-kit check --content clients/maya', 'referral-kit check --json'];
