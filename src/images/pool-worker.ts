/**
 * What a rendering worker process runs (write.ts's pool): worker.ts's rendering, at a lower
 * priority (src/kit/priority.ts). Its own file, because the build's own process also renders
 * with worker.ts, for a few images, and must keep its priority. The drawing code is imported
 * only once the priority is lowered: loading it (satori, resvg, HarfBuzz's WebAssembly) is a
 * worker's first fifth of a second, and a static import would run it before this file's body.
 */
import { lowerThisProcess } from '../kit/priority.ts';

lowerThisProcess();

const { default: renderImageFile } = await import('./worker.ts');

export default renderImageFile;
