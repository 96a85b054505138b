/**
 * The Referral Kit Astro integration: checks the content before anything is built, sets the
 * site's address, base folder and colours from kit.yaml, lists public pages in a sitemap, and
 * writes the images and the host headers into the build.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sitemap from '@astrojs/sitemap';
import type { AstroIntegration } from 'astro';
import { imageMiddleware, startImages, type ImageRun } from '../images/write.ts';
import { formatDiagnostic, hasErrors, summarize } from '../kit/diagnostics.ts';
import { loadKit } from '../kit/load.ts';
import { headerRules, netlifyHeaders } from '../site/headers.ts';
import { cachesOn, contentDir, findingsShown, imageOptions, pageSeconds as pageSecondsSoFar, pagesPlaced, readKit, recordBuildStats, recordProducedFiles, takeImages } from './build-handoff.ts';
import { scriptCachePlugin, type ScriptCompilerStats } from './script-cache.ts';
import { themePlugin } from './theme.ts';
import { cacheDirOf } from '../build/project-root.ts';
import { ownerPhoto, ownerPhotoPng } from '../images/owner-photo.ts';
import type { KitData } from '../schemas/kit.ts';
import { devIndexHtml, devIndexPath } from '../site/dev-index.ts';
import { shareListed, sharePath } from '../kit/urls.ts';

export class ContentError extends Error {
  override name = 'ContentError';
}

export default function referralKit(): AstroIntegration {
  let root = process.cwd();
  let base = '/';
  let pageSeconds = 0;
  let images: ImageRun | undefined;
  let outDir = '';
  let kit: KitData | undefined;
  const scripts: ScriptCompilerStats = { compiled: 0, fromCache: 0 };
  return {
    name: 'referral-kit',
    hooks: {
      'astro:config:setup': async ({ config, command, updateConfig, addMiddleware, logger }) => {
        root = fileURLToPath(config.root);
        const result = await readKit(contentDir(root));
        if (!findingsShown()) {
          for (const d of result.diagnostics) (d.severity === 'error' ? logger.error : logger.warn).call(logger, formatDiagnostic(d));
        }
        if (!result.content || hasErrors(result.diagnostics)) {
          throw new ContentError(`The content has problems (${summarize(result.diagnostics)}); fix them and build again.`);
        }
        if (command === 'build') {
          // Images render in worker processes while Astro reads the content, bundles and
          // generates the pages: those are mostly one core's work. `referral-kit build` started
          // them before loading Astro; a plain `astro build` starts them here.
          images = takeImages(contentDir(root)) ?? startImages(result.content, imageOptions(root));
          // Counts the pages really rendered, for the build's figures and its progress line.
          addMiddleware({ entrypoint: new URL('./page-middleware.ts', import.meta.url), order: 'pre' });
        }
        // Scripts compiled once and kept (src/integration/script-cache.ts); counted either way.
        const scriptCache = command === 'build' ? [scriptCachePlugin(root, cachesOn(root) ? join(cacheDirOf(root), 'scripts') : undefined, scripts)] : [];
        const { site } = result.content.kit;
        kit = result.content.kit;
        base = site.base;
        // Share pages name the partner: listed only when the owner opted them in (shareListed).
        const unlisted = new Set(result.content.partners.filter((partner) => !shareListed(site, partner.data)).map((partner) => `${site.base}${sharePath(partner.slug)}`));
        const listed = (page: string) => {
          const { pathname } = new URL(page);
          return !pathname.startsWith(`${site.base}kit/`) && !unlisted.has(pathname) && !pathname.startsWith(`${site.base}404`);
        };
        updateConfig({
          site: site.url,
          base: site.base,
          // Kits (and their pocket cards) are never in the sitemap; share pages only when listed.
          integrations: [sitemap({ filter: listed })],
          vite: {
            plugins: [
              ...scriptCache,
              themePlugin(result.content.kitFile, async () => (await readKit(contentDir(root))).content?.kit.site.accent ?? site.accent),
              {
                // Runs after bundling and before Astro's own `post` hook that generates the pages
                // (Vite runs a config's `buildApp` before the first `post` hook, then those in
                // order, Astro's last as it is `enforce: 'post'`): pages placed from the cache
                // must all be there before Astro looks for them, or it would copy them too.
                name: 'referral-kit:pages-placed',
                buildApp: { order: 'post', handler: pagesPlaced },
              },
            ],
          },
        });
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:setup': () => {
        // Astro has emptied the output folder by now (it does so just before this hook): images
        // drawn or cached already can go in while the pages are generated.
        images?.deliverTo(outDir);
      },
      'astro:server:setup': ({ server }) => {
        // In dev, content changes while the server runs: read it again for each image.
        server.middlewares.use(imageMiddleware(base, async () => (await loadKit(contentDir(root))).content));
        server.middlewares.use(async (request, response, next) => {
          const path = new URL(request.url ?? '/', 'http://localhost').pathname;
          if (!/^\/(.*\/)?owner-[0-9a-f]+\.png$/.test(path)) return next();
          const { content } = await loadKit(contentDir(root));
          const photo = content && ownerPhoto(content.kit, content.contentDir);
          if (!photo || !path.endsWith(`/${photo.path}`)) return next();
          response.setHeader('Content-Type', 'image/png');
          response.end(ownerPhotoPng(photo));
        });
        // The start page of `referral-kit dev`: every page of the kit, read afresh each time.
        server.middlewares.use(async (request, response, next) => {
          const path = new URL(request.url ?? '/', 'http://localhost').pathname;
          // Vite has taken the base folder off the address by the time it gets here (with base /).
          const at = [`${base}${devIndexPath}`, `/${devIndexPath}`];
          if (!at.some((address) => path === address || path === address.slice(0, -1))) return next();
          const { content } = await loadKit(contentDir(root));
          response.setHeader('Content-Type', 'text/html; charset=utf-8');
          response.setHeader('Cache-Control', 'no-store');
          response.end(content ? devIndexHtml(content) : 'The kit has errors: see the terminal.');
        });
      },
      'astro:build:generated': () => {
        pageSeconds = pageSecondsSoFar();
      },
      'astro:build:done': async ({ dir, assets, logger }) => {
        recordProducedFiles([...assets.values()].flat().map((file) => fileURLToPath(file)));
        if (!images) return;
        const out = fileURLToPath(dir);
        const stats = await images.finish(out);
        await writeFile(join(out, '_headers'), netlifyHeaders(headerRules(base)));
        const photo = kit && ownerPhoto(kit, contentDir(root));
        if (photo) await writeFile(join(out, photo.path), ownerPhotoPng(photo));
        recordBuildStats({ pageSeconds, images: stats, scripts });
        logger.info(`${stats.total} images: ${stats.rendered} rendered, ${stats.fromCache} from the cache`);
      },
    },
  };
}
