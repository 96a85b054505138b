/** `referral-kit build`: the kit folder → a static site, swapped in only when complete. */
import { defineCommand } from 'citty';
import { displayPath, summarize } from '../kit/diagnostics.ts';
import { buildSite } from '../build/build-site.ts';
import { contentOption, fail, rejectUnknown, reportDiagnostics } from './options.ts';

const args = {
  ...contentOption,
  out: { type: 'string', description: 'Folder to write the site to (replaced only when the build succeeds)', default: 'dist', valueHint: 'dir' },
} as const;

export const buildCommand = defineCommand({
  meta: { name: 'build', description: 'Check the kit, then build the site: kits, share pages, home and testimonials' },
  args,
  async run({ args: parsed }) {
    if (rejectUnknown(parsed, args)) return;
    const result = await buildSite({ contentDir: parsed.content, outDir: parsed.out, log: console.log });
    reportDiagnostics(result.diagnostics);
    if (!result.ok) {
      const kept = `${displayPath(parsed.out)} was left as it was`;
      fail(`build stopped: ${result.reason} (${summarize(result.diagnostics)}); ${kept}`);
      return;
    }
    console.log(
      `✓ Built ${result.pages} pages for ${result.partners} partners into ${displayPath(parsed.out)} in ${result.seconds.toFixed(1)}s (${summarize(result.diagnostics)})`,
    );
  },
});

export const buildExamples = [
  'referral-kit build',
  'referral-kit build --content clients/maya --out public/maya',
];
