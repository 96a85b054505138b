#!/usr/bin/env node
// Runs the TypeScript CLI directly with Node's type stripping: built in from Node 22.18,
// behind a flag before that, so older 22.x releases are re-run with the flag.
// The version check is the one static import: static imports are all linked before any of them
// runs, so a name an older Node.js lacks (`enableCompileCache` before 22.1) would fail there, with
// a SyntaxError, before the check could say which Node.js is needed. Everything else is loaded
// after it.
import './check-node.js';

const { enableCompileCache } = await import('node:module');
const { fileURLToPath } = await import('node:url');

// Node keeps the code it compiled for our modules and their packages (hundreds of files: zod,
// yaml, the Markdown parser) and reuses it on the next run, which takes about a fifth off the
// start of every command. Kept with the project's other caches; NODE_DISABLE_COMPILE_CACHE=1
// turns it off.
enableCompileCache?.(fileURLToPath(new URL('../node_modules/.cache/referral-kit/node-compile/', import.meta.url)));

if (process.features.typescript) {
  // Colours only on a terminal; the help text must stay readable when piped or logged.
  if (!process.stdout.isTTY) process.env.NO_COLOR ??= '1';
  const { run } = await import('../src/cli/main.ts');
  await run();
} else {
  // Imported here only: loading node:child_process costs every command on a newer Node 10 ms.
  const { spawnSync } = await import('node:child_process');
  const result = spawnSync(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', ...process.execArgv, process.argv[1], ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exitCode = result.status ?? 1;
}
