/** `referral-kit check`: every problem the build would hit, without building. */
import { defineCommand } from 'citty';
import { hasErrors, summarize } from '../kit/diagnostics.ts';
import { loadKit } from '../kit/load.ts';
import { contentOption, fail, rejectUnknown, reportDiagnostics } from './options.ts';

const args = { ...contentOption } as const;

export const checkCommand = defineCommand({
  meta: { name: 'check', description: 'Find mistakes in the kit before a partner does, without building' },
  args,
  async run({ args: parsed }) {
    if (rejectUnknown(parsed, args)) return;
    const { diagnostics } = await loadKit(parsed.content);
    reportDiagnostics(diagnostics);
    if (hasErrors(diagnostics)) fail(`${summarize(diagnostics)}: fix the errors above`);
    else console.log(`✓ ${parsed.content} is ready (${summarize(diagnostics)})`);
  },
});

export const checkExamples = ['referral-kit check', 'referral-kit check --content clients/maya'];
