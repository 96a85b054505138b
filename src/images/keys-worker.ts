/** The worker thread of `imageKeys` (src/images/cache.ts): the key of each job it is given. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ImageJob } from './catalog.ts';
import { lowerThisThread } from '../kit/priority.ts';

lowerThisThread();

// Imported once lowered: cache.ts brings the font code, HarfBuzz's WebAssembly included.
const { imageKey } = await import('./cache.ts');

parentPort!.postMessage((workerData as ImageJob[]).map((job) => imageKey(job)));
