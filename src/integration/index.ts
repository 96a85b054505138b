/**
 * The Referral Kit Astro integration: checks the content before anything is built, and sets the
 * site's address and base folder from kit.yaml.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { formatDiagnostic, hasErrors, summarize } from '../kit/diagnostics.ts';
import { loadKit } from '../kit/load.ts';
import { contentDir } from './content-dir.ts';

/** Set by `referral-kit build`, which has already printed the check's findings. */
export const checkedVariable = 'REFERRAL_KIT_CHECKED';

export class ContentError extends Error {
  override name = 'ContentError';
}

export default function referralKit(): AstroIntegration {
  return {
    name: 'referral-kit',
    hooks: {
      'astro:config:setup': async ({ config, updateConfig, logger }) => {
        const result = await loadKit(contentDir(fileURLToPath(config.root)));
        if (!process.env[checkedVariable]) {
          for (const d of result.diagnostics) (d.severity === 'error' ? logger.error : logger.warn).call(logger, formatDiagnostic(d));
        }
        if (!result.content || hasErrors(result.diagnostics)) {
          throw new ContentError(`The content has problems (${summarize(result.diagnostics)}); fix them and build again.`);
        }
        const { site } = result.content.kit;
        updateConfig({ site: site.url, base: site.base });
      },
    },
  };
}
