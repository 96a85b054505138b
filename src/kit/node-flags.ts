/**
 * Node's flags for the processes we start that load our TypeScript sources (image workers, the
 * build's tidy-up process). Node strips types by default from 22.18 (and 23.6); before that it
 * needs `--experimental-strip-types`. Decided by the version, not by `process.features`: a process
 * that was itself started with the flag (bin/referral-kit.js does that on Node 22.12–22.17) can
 * strip types, and a child it starts without the flag cannot.
 */
export function typeScriptFlagsFor(version: string): string[] {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const stripsByDefault = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
  return stripsByDefault ? [] : ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'];
}

/** This Node's flags for a child that loads TypeScript. */
export const typeScriptFlags = typeScriptFlagsFor(process.versions.node);
