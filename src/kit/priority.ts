/**
 * Work beside the build's own thread, at a lower priority. A rebuild waits for one thread, the
 * build's own, which loads Astro and bundles; what runs beside it (linking the stored pages, the
 * image keys, a few images, removing the last site) has until Astro needs it, and on two cores
 * it had slowed that thread down (figures in docs/benchmarks.md, "late night").
 */
import { writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Nice 10: well below the build's own 0. Not 19: on Windows that is the "idle" class, which runs
 * only when nothing else wants the CPU; 10 is "below normal" there.
 */
const background = 10;

/** Lowers a process; with 0, the caller (on Linux, only the calling thread: see below). */
export function lowerProcess(pid: number): void {
  try {
    setPriority(pid, background);
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

/**
 * Lowers an image worker process. On Linux only its main thread, the one that draws: the file
 * writes it hands to libuv's threads keep the usual priority. Elsewhere, the whole process.
 */
export function lowerThisProcess(): void {
  lowerProcess(0);
}

/**
 * Lowers the calling process's session, for a process started in a session of its own
 * (`detached`, as the tidy-up process of builds is). Linux schedules each session as one group
 * (autogroup) with its own share of the CPU, whatever the nice values inside it, so the group is
 * lowered too; elsewhere, or with autogroups off, it does nothing (the process lowers itself with
 * `lowerProcess` as well).
 */
export function lowerOwnSession(): void {
  try {
    writeFileSync('/proc/self/autogroup', String(background));
  } catch {}
}
