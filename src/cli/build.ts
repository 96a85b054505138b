/** `referral-kit build`: the kit folder → a static site, swapped in only when complete. */
import { defineCommand } from 'citty';
import { displayPath, summarize } from '../kit/diagnostics.ts';
import { buildSite } from '../build/build-site.ts';
import { CliError } from './cli-error.ts';
import { contentOption, rejectUnknown, reportDiagnostics } from './options.ts';
import { terminalProgress } from './progress.ts';

const args = {
  ...contentOption,
  out: { type: 'string', description: 'Folder to write the site to (replaced only when the build succeeds)', default: 'dist', valueHint: 'dir' },
  json: { type: 'boolean', description: 'Print the outcome and its figures as JSON' },
  cache: {
    type: 'boolean',
    description: 'Reuse images whose inputs did not change',
    negativeDescription: 'Render every image anew (also: REFERRAL_KIT_CACHE=off)',
    default: true,
  },
} as const;

export const buildCommand = defineCommand({
  meta: { name: 'build', description: 'Check the kit, then build the site: kits, share pages, home and testimonials' },
  args,
  async run({ args: parsed }) {
    rejectUnknown(parsed, args);
    const progress = parsed.json ? undefined : terminalProgress(process.stderr);
    const log = (message: string) => {
      progress?.done();
      console.error(message);
    };
    const result = await buildSite({ contentDir: parsed.content, outDir: parsed.out, noCache: !parsed.cache, log, ...(progress ? { onProgress: progress.update } : {}) });
    progress?.done();
    reportDiagnostics(result.diagnostics);
    if (parsed.json) {
      const { diagnostics, ...outcome } = result;
      console.log(JSON.stringify({ ...outcome, errors: diagnostics.filter((d) => d.severity === 'error').length, warnings: diagnostics.filter((d) => d.severity === 'warning').length }, null, 2));
      // The JSON says why; the exit code tells a script it failed.
      if (!result.ok) throw new CliError();
      return;
    }
    if (!result.ok) {
      const kept = `${displayPath(parsed.out)} was left as it was`;
      throw new CliError(`build stopped: ${result.reason} (${summarize(result.diagnostics)}); ${kept}`);
    }
    const images = result.stats?.images;
    const imageSummary = images ? ` and ${images.total} images (${images.rendered} rendered, ${images.fromCache} from the cache)` : '';
    console.log(
      `✓ Built ${result.pages} pages${imageSummary} for ${result.partners} ${result.partners === 1 ? 'partner' : 'partners'} into ${displayPath(parsed.out)} in ${result.seconds.toFixed(1)}s (${summarize(result.diagnostics)})`,
    );
  },
});

export const buildExamples = ['referral-kit build', 'referral-kit build --content clients/maya --out public/maya', 'referral-kit build --no-cache'];
