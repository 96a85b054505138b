/**
 * The content loader behind every collection. It reads the kit with the same code as
 * `referral-kit check`, and hands Astro only what pages may publish: partners without their
 * private fields, and testimonials with consent. Astro compiles the scripts' MDX itself.
 */
import { isPublished, publicTestimonial } from '../schemas/testimonial.ts';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { formatDiagnostic, hasErrors } from '../kit/diagnostics.ts';
import type { KitContent, LoadResult } from '../kit/load.ts';
import { publicPartner } from '../schemas/partner.ts';
import { contentDir, readKit } from './build-handoff.ts';

export type CollectionName = 'kit' | 'partners' | 'scripts' | 'testimonials';

async function fill(collection: CollectionName, content: KitContent, context: LoaderContext): Promise<void> {
  const { store, config, generateDigest } = context;
  store.clear();
  switch (collection) {
    case 'kit':
      store.set({ id: 'kit', data: content.kit });
      return;
    case 'partners':
      for (const partner of content.partners) store.set({ id: partner.slug, data: publicPartner(partner.data) });
      return;
    case 'testimonials':
      for (const testimonial of content.testimonials) {
        if (isPublished(testimonial.data)) store.set({ id: testimonial.id, data: publicTestimonial(testimonial.data) });
      }
      return;
    case 'scripts':
      for (const script of content.scripts) {
        const source = await readFile(script.file, 'utf8');
        store.set({
          id: script.id,
          data: script.data,
          filePath: relative(fileURLToPath(config.root), script.file).split('\\').join('/'),
          digest: generateDigest(source),
          deferredRender: true,
        });
      }
      return;
  }
}

/**
 * The loaders of one set of collections. All four load at once, so they share one reading of
 * the kit folder, read again once something in it changes (in dev).
 */
export function kitLoaders(): (collection: CollectionName) => Loader {
  let pending: Promise<LoadResult> | undefined;
  const loadShared = (root: string) => (pending ??= readKit(contentDir(root)));
  return (collection) => ({
    name: `referral-kit:${collection}`,
    async load(context) {
      const root = fileURLToPath(context.config.root);
      const dir = contentDir(root);
      const apply = async () => {
        const result = await loadShared(root);
        if (!result.content || hasErrors(result.diagnostics)) {
          // The integration has already refused to build; in dev, keep the last good content.
          for (const d of result.diagnostics) if (d.severity === 'error') context.logger.error(formatDiagnostic(d));
          return;
        }
        await fill(collection, result.content, context);
      };
      await apply();
      context.watcher?.add(dir);
      context.watcher?.on('all', (_event, path) => {
        if (!path.startsWith(dir)) return;
        pending = undefined;
        void apply();
      });
    },
  });
}
