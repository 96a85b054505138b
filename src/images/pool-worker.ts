/**
 * What a rendering worker process runs (write.ts's pool): worker.ts's rendering, at the lowest
 * priority (src/kit/priority.ts). Its own file, because the build's own process also renders
 * with worker.ts, for a few images, and must keep its priority.
 */
import { lowerThisProcess } from '../kit/priority.ts';

lowerThisProcess();

export { default } from './worker.ts';
