/**
 * The kit's collections (src/integration/collections.ts).
 *
 * Astro loads this file through Vite, which compiles everything it imports: the loader, the
 * schemas and the kit reading behind them took 1.2 s of every build (measured on the example
 * kit). `referral-kit build` has loaded all of that already, so it hands over collections it
 * made itself (src/integration/build-handoff.ts); `referral-kit dev` and a plain `astro build`
 * make them here. Nothing but a type is imported statically.
 */
import type { BuildHandoff } from './integration/build-handoff.ts';

const handoff = (globalThis as Record<symbol, BuildHandoff | undefined>)[Symbol.for('referral-kit.build-handoff')];

export const collections = handoff?.collections ?? (await import('./integration/collections.ts')).kitCollections();
