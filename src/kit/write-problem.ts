/** What went wrong writing a file, in words: a full disk is not a stack trace or a bundler panic. */

const reasons: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'it is read-only for you (permission denied)',
  EPERM: 'it is read-only for you (permission denied)',
};

/** The reason for a failed write: plain words for a full or read-only disk, the system's message otherwise. */
export function writeProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (code && reasons[code]) ?? (error as Error | undefined)?.message ?? String(error);
}

/** Whether a failure means the disk cannot take the write (full or read-only), as opposed to a bug. */
export function isDiskProblem(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && code in reasons;
}
