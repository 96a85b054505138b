/**
 * Temporary files a write goes through before it is renamed (or linked) into place, so a reader
 * never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';

/**
 * A temporary file beside `file` (`<file>.<pid>-<hex>.tmp`), its own to this write: two writes of
 * one file at once, even from one process (two builds a program runs side by side), never share
 * one, and the pid says whose it is once its process is gone.
 */
export function temporaryFileFor(file: string): string {
  return `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}

/** The pid of the process that made `name` as a temporary file of `file` (see temporaryFileFor); undefined when it is not one. */
export function temporaryFileOwner(name: string, file: string): number | undefined {
  const prefix = `${basename(file)}.`;
  const pid = name.startsWith(prefix) ? /^(\d+)-[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length))?.[1] : undefined;
  return pid === undefined ? undefined : Number(pid);
}
