/** What went wrong writing a file, in words: a full disk is not a stack trace or a bundler panic. */

const reasons: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'it is read-only for you (permission denied)',
  EPERM: 'it is read-only for you (permission denied)',
};

/** How a bundler written in Rust (rolldown) says the same in its panic text: `(os error 28)`. */
const osErrors: [pattern: RegExp, code: string][] = [
  [/No space left on device|os error 28\b/, 'ENOSPC'],
  [/Disk quota exceeded|os error 122\b/, 'EDQUOT'],
  [/Read-only file system|os error 30\b/, 'EROFS'],
];

/** The errno code of a failed write, from the error itself or, for wrapped errors, from its text. */
function codeOf(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && code in reasons) return code;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  if (cause && cause !== error && (cause as { code?: string }).code && (cause as { code: string }).code in reasons) return (cause as { code: string }).code;
  const text = String((error as Error | undefined)?.message ?? '');
  return osErrors.find(([pattern]) => pattern.test(text))?.[1];
}

/** The reason for a failed write: plain words for a full or read-only disk, the system's message otherwise. */
export function writeProblem(error: unknown): string {
  const code = codeOf(error);
  return (code && reasons[code]) ?? (error as Error | undefined)?.message ?? String(error);
}

/** Whether a failure means the disk cannot take the write (full or read-only), as opposed to a bug. */
export function isDiskProblem(error: unknown): boolean {
  return codeOf(error) !== undefined;
}
