/** The worker thread of `linkFiles` (src/kit/link-files.ts). */
import { workerData } from 'node:worker_threads';
import { type FileLink, linkFilesNow } from './link-files.ts';

linkFilesNow(workerData as FileLink[]);
