/**
 * Background work at the lowest priority. A rebuild waits for one thread, the build's own, which
 * loads Astro and bundles; what runs beside it (linking the stored pages, the image keys, a few
 * images, removing the last site) has until Astro needs it, and on two cores it had slowed that
 * thread down. Lowering the link and key threads and the image workers took a warm rebuild at
 * 1,000 partners from 6.2 to 5.9 s (medians of ten alternating pairs, docs/benchmarks.md); the
 * remover was lowered first, by about 0.3 s. A busy machine's other programs come first too.
 */
import { setPriority } from 'node:os';

/** The lowest priority there is (nice 19). */
const lowest = 19;

/** Lowers another process (the remover of replaced sites); with 0, the caller (on Linux only its calling thread). */
export function lowerProcess(pid: number): void {
  try {
    setPriority(pid, lowest);
  } catch {
    // A system that refuses leaves the work at the usual priority: slower, never wrong.
  }
}

/**
 * Lowers the calling worker thread. Only on Linux, where a thread's priority is its own:
 * elsewhere this would lower the whole process, the build's own thread included.
 */
export function lowerThisThread(): void {
  if (process.platform === 'linux') lowerProcess(0);
}

/** Lowers the calling process: an image worker, which draws on its main thread. */
export function lowerThisProcess(): void {
  lowerProcess(0);
}
