/**
 * Exclusive locks between processes: one build at a time per project (Astro keeps per-project
 * state in `.astro/`, so two builds at once would mix their content), and one edit at a time per
 * ledger (two `log` commands at once would each write the file without the other's entry).
 *
 * A lock is a file holding its holder's process id. It is written whole under a temporary name
 * and hard-linked into place, which either succeeds or fails with EEXIST: there is never a lock
 * without its pid, so a kill or a full disk cannot leave a lock that looks held forever. A lock
 * whose process is gone, or that is empty or unreadable (left by an older version), is stale and
 * is taken over; a second, short-lived lock guards the takeover, so two processes that find the
 * same stale lock cannot both take it.
 *
 * Not proper-lockfile: it records no pid (staleness is an mtime refreshed by a timer, so a killed
 * holder blocks everyone for its whole stale period, and a busy event loop can lose a live lock).
 */
import { link, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { temporaryFileFor, temporaryFileOwner } from '../kit/temporary-file.ts';

/** Whether a process with this id exists (EPERM: it does, under another user). */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid a lock names; `undefined` when there is no lock, 0 when it names none (empty, garbled, unreadable). */
async function holderOf(lockFile: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(lockFile, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    // Older versions made the lock a folder holding a `pid` file.
    if (code === 'EISDIR') return holderOf(join(lockFile, 'pid')).then((pid) => pid ?? 0);
    return 0;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : 0;
}

/** Creates `lockFile` holding this process's pid, in one step. False when it already exists. */
async function create(lockFile: string): Promise<boolean> {
  const temporary = temporaryFileFor(lockFile);
  try {
    await writeFile(temporary, String(process.pid), { flag: 'wx', mode: 0o600 });
    await link(temporary, lockFile);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

async function isStale(lockFile: string): Promise<boolean> {
  const holder = await holderOf(lockFile);
  return holder !== undefined && (holder === 0 || !isRunning(holder));
}

/** Removes the lock if it is stale, under the takeover guard. True when the caller may try again at once. */
async function takeOverIfStale(lockFile: string): Promise<boolean> {
  if (!(await isStale(lockFile))) return false;
  const guard = `${lockFile}.takeover`;
  if (!(await create(guard))) {
    // A takeover killed half-way leaves its guard behind; the guard is stale the same way.
    if (await isStale(guard)) await rm(guard, { recursive: true, force: true });
    return true;
  }
  try {
    // Checked again under the guard: someone may have taken the stale lock over meanwhile.
    if (await isStale(lockFile)) await rm(lockFile, { recursive: true, force: true });
  } finally {
    await rm(guard, { force: true });
  }
  return true;
}

export interface LockOptions {
  /** Give up after waiting this long for a live holder (every loop is bounded). */
  maxWaitMs?: number;
  /** How long to sleep between tries. */
  pollMs?: number;
}

export class LockTimeout extends Error {
  readonly lockFile: string;
  constructor(lockFile: string) {
    super(`${lockFile} stayed locked by another process`);
    this.lockFile = lockFile;
  }
}

/** Runs `work` holding the lock `lockFile`, created (with its folder) if needed. */
export async function withLock<T>(lockFile: string, onWait: () => void, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const { maxWaitMs = 60 * 60 * 1000, pollMs = 100 } = options;
  await mkdir(dirname(lockFile), { recursive: true });
  const started = Date.now();
  let waited = false;
  while (!(await create(lockFile))) {
    if (Date.now() - started > maxWaitMs) throw new LockTimeout(lockFile);
    if (await takeOverIfStale(lockFile)) continue;
    if (!waited) onWait();
    waited = true;
    await sleep(pollMs);
  }
  await removeAbandonedTemporaries(lockFile);
  try {
    return await work();
  } finally {
    await rm(lockFile, { force: true });
  }
}

/** The temporary files `create` makes, left by a process killed between writing and linking one. */
async function removeAbandonedTemporaries(lockFile: string): Promise<void> {
  for (const name of await readdir(dirname(lockFile)).catch(() => [] as string[])) {
    const pid = temporaryFileOwner(name, lockFile);
    if (pid !== undefined && !isRunning(pid)) await rm(join(dirname(lockFile), name), { force: true });
  }
}
