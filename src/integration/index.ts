/**
 * The Referral Kit Astro integration: checks the content before anything is built, and sets the
 * site's address and base folder from kit.yaml.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { imageMiddleware, writeImages } from '../images/write.ts';
import { formatDiagnostic, hasErrors, summarize } from '../kit/diagnostics.ts';
import { loadKit, type KitContent } from '../kit/load.ts';
import { contentDir } from './content-dir.ts';

/** Set by `referral-kit build`, which has already printed the check's findings. */
export const checkedVariable = 'REFERRAL_KIT_CHECKED';

export class ContentError extends Error {
  override name = 'ContentError';
}

export default function referralKit(): AstroIntegration {
  let root = process.cwd();
  let content: KitContent | undefined;
  let base = '/';
  return {
    name: 'referral-kit',
    hooks: {
      'astro:config:setup': async ({ config, updateConfig, logger }) => {
        root = fileURLToPath(config.root);
        const result = await loadKit(contentDir(root));
        if (!process.env[checkedVariable]) {
          for (const d of result.diagnostics) (d.severity === 'error' ? logger.error : logger.warn).call(logger, formatDiagnostic(d));
        }
        if (!result.content || hasErrors(result.diagnostics)) {
          throw new ContentError(`The content has problems (${summarize(result.diagnostics)}); fix them and build again.`);
        }
        content = result.content;
        const { site } = result.content.kit;
        base = site.base;
        updateConfig({ site: site.url, base: site.base });
      },
      'astro:server:setup': ({ server }) => {
        // In dev, content changes while the server runs: read it again for each image.
        server.middlewares.use(imageMiddleware(base, async () => (await loadKit(contentDir(root))).content));
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!content) return;
        const count = await writeImages(content, fileURLToPath(dir));
        logger.info(`${count} images`);
      },
    },
  };
}
