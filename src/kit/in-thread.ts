/**
 * Work handed to a worker thread, so that the build's own thread, which runs Astro, is free
 * meanwhile: on two cores the other one was mostly idle while this one read the kit, made image
 * keys and linked thousands of files (profiled).
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Runs `module` in a worker thread of its own, with `data` as its `workerData`. Settles with the
 * one message it posts, or once it exits without posting one; rejects with its error, or if it
 * stops with another exit code. `data` and the message are copied (structured clone): plain data
 * only.
 */
export function inThread<T = void>(module: URL, data: unknown): Promise<T> {
  const worker = new Worker(module, { workerData: data });
  return new Promise<T>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    // After a message this changes nothing: a promise settles once.
    worker.once('exit', (code) => (code === 0 ? resolve(undefined as T) : reject(new Error(`a worker thread (${basename(fileURLToPath(module))}) stopped with exit code ${code}`))));
  });
}
