/** The worker thread of `imageKeys` (src/images/cache.ts): the key of each job it is given. */
import { parentPort, workerData } from 'node:worker_threads';
import { imageKey } from './cache.ts';
import type { ImageJob } from './catalog.ts';
import { lowerThisThread } from '../kit/priority.ts';

lowerThisThread();

parentPort!.postMessage((workerData as ImageJob[]).map((job) => imageKey(job)));
