/** The worker thread of `linkFiles` (src/kit/link-files.ts): answers `null` once every file is in place. */
import { parentPort, workerData } from 'node:worker_threads';
import { type FileLink, linkFilesNow } from './link-files.ts';
import { lowerThisThread } from './priority.ts';

lowerThisThread();

linkFilesNow(workerData as FileLink[]);
parentPort!.postMessage(null);
