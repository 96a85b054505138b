/**
 * Work handed to a worker thread, so that the build's own thread, which runs Astro, is free
 * meanwhile: on two cores the other one was mostly idle while this one read the kit, made image
 * keys and linked thousands of files (profiled).
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Runs `module` in a worker thread of its own, with `data` as its `workerData`, and settles with
 * the one message it posts: its answer, or `null` when it has none to give. Rejects with its
 * error, or if it stops without posting. `data` and the answer are copied (structured clone):
 * plain data only.
 */
export function inThread<T>(module: URL, data: unknown): Promise<T> {
  const worker = new Worker(module, { workerData: data });
  return new Promise<T>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('messageerror', reject);
    worker.once('error', reject);
    // After the answer this changes nothing: a promise settles once.
    worker.once('exit', (code) => reject(new Error(`a worker thread (${basename(fileURLToPath(module))}) stopped without an answer (exit code ${code})`)));
  });
}
