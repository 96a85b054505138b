/**
 * The kit's collections (src/integration/collections.ts) and how src/content.config.ts gets them:
 * from the CLI's handoff when there is one, made afresh otherwise.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoaderContext } from 'astro/loaders';
import { closeHandoff, openHandoff } from '../src/integration/build-handoff.ts';
import { kitCollections } from '../src/integration/collections.ts';
import { loadKit, type LoadResult } from '../src/kit/load.ts';
import type { KitData } from '../src/schemas/kit.ts';
import { fixture } from './helpers/fixtures.ts';

afterEach(() => {
  closeHandoff();
  vi.resetModules();
});

/** Runs one collection's loader into a plain store, as Astro would at build time, and returns what it stored. */
async function loadInto(collections: ReturnType<typeof kitCollections>, name: keyof ReturnType<typeof kitCollections>): Promise<Map<string, unknown>> {
  const stored = new Map<string, unknown>();
  const context = {
    store: { clear: () => stored.clear(), set: ({ id, data }: { id: string; data: unknown }) => void stored.set(id, data) },
    config: { root: new URL('../', import.meta.url) },
    generateDigest: (text: string) => String(text.length),
    logger: { error() {}, warn() {}, info() {} },
  } as unknown as LoaderContext;
  const { loader } = collections[name] as { loader: { load(context: LoaderContext): Promise<void> } };
  await loader.load(context);
  return stored;
}

/** A kit's reading with the owner's business renamed: what a later build of an edited kit reads. */
function renamed(reading: LoadResult, business: string): LoadResult {
  const content = reading.content!;
  return { ...reading, content: { ...content, kit: { ...content.kit, owner: { ...content.kit.owner, business } } } };
}

describe('the content config', () => {
  it('takes the collections the CLI handed over', async () => {
    const collections = kitCollections();
    openHandoff({ contentDir: '/kits/maya', findingsShown: true, collections });
    const config = await import('../src/content.config.ts');
    expect(config.collections).toBe(collections);
  });

  it('makes its own four collections for a plain astro build', async () => {
    const config = await import('../src/content.config.ts');
    expect(Object.keys(config.collections).sort()).toEqual(['kit', 'partners', 'scripts', 'testimonials']);
    expect(Object.values(config.collections).map((collection) => (collection as { loader: { name: string } }).loader.name)).toEqual([
      'referral-kit:kit',
      'referral-kit:partners',
      'referral-kit:scripts',
      'referral-kit:testimonials',
    ]);
  });
});

describe('each set of collections', () => {
  it('reads the kit anew: a second build in the same process (build --watch) sees the edit', async () => {
    const dir = fixture('basic');
    const first = await loadKit(dir);
    openHandoff({ contentDir: dir, findingsShown: true, reading: renamed(first, 'Before the edit') });
    const before = await loadInto(kitCollections(), 'kit');
    closeHandoff();
    openHandoff({ contentDir: dir, findingsShown: true, reading: renamed(first, 'After the edit') });
    const after = await loadInto(kitCollections(), 'kit');
    expect((before.get('kit') as KitData).owner.business).toBe('Before the edit');
    expect((after.get('kit') as KitData).owner.business).toBe('After the edit');
  });
});
