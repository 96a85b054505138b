/** `referral-kit build`: the kit folder → a static site, swapped in only when complete. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineCommand } from 'citty';
import { displayPath, summarize } from '../kit/diagnostics.ts';
import { typeScriptFlags } from '../kit/node-flags.ts';
import { serveVariable } from '../build/build-daemon.ts';
import { CliError, reportCliError } from './cli-error.ts';
import { contentOption, rejectUnknown, reportDiagnostics } from './options.ts';
import { terminalProgress } from './progress.ts';

const args = {
  ...contentOption,
  out: { type: 'string', description: 'Folder to write the site to (replaced only when the build succeeds)', default: 'dist', valueHint: 'dir' },
  json: { type: 'boolean', description: 'Print the outcome and its figures as JSON (with --watch, a line of it per build)' },
  cache: {
    type: 'boolean',
    description: 'Reuse images, pages and compiled scripts whose inputs did not change',
    negativeDescription: 'Build every image, page and script anew (also: REFERRAL_KIT_CACHE=off)',
    default: true,
  },
  watch: { type: 'boolean', description: 'Stay running and build again whenever a file of the kit changes (Ctrl-C stops)' },
  daemon: {
    type: 'boolean',
    description: 'Build in a background process that stays for the next build, which then starts warm (the default in a terminal; also: REFERRAL_KIT_BUILD_DAEMON=on)',
    negativeDescription: 'Build in this process, and leave none behind (the default in CI and scripts; also: REFERRAL_KIT_BUILD_DAEMON=off)',
  },
  'stop-daemon': { type: 'boolean', description: "Stop this project's background process, if one runs, and build nothing" },
} as const;

type BuildArgs = { content: string; out: string; json?: boolean | undefined; cache: boolean };

/** The options a build depends on, as sent to the background builder. */
const buildArgsOf = ({ content, out, json, cache }: BuildArgs): BuildArgs => ({ content, out, json, cache });

/** Which process built, said in the JSON when it was the background builder. */
type Builder = { pid: number; build: number };

/**
 * One build, its findings and outcome printed. Resolves to nothing when it succeeded, and
 * otherwise to why it stopped, for the caller to say (empty when the JSON has said it).
 */
async function buildOnce(parsed: BuildArgs, changed?: readonly string[], daemon?: Builder & { stderrIsTerminal: boolean }): Promise<string[] | undefined> {
  // In the background builder, the progress line is for the command's terminal, written through this process's stderr.
  const progress = parsed.json ? undefined : terminalProgress(daemon ? { isTTY: daemon.stderrIsTerminal, write: (text) => process.stderr.write(text) } : process.stderr);
  const log = (message: string) => {
    progress?.done();
    console.error(message);
  };
  // Loaded here: the process that only looks after a --watch builder (`watchInFreshProcesses`) has no use for it.
  const { buildSite } = await import('../build/build-site.ts');
  const result = await buildSite({ contentDir: parsed.content, outDir: parsed.out, noCache: !parsed.cache, log, ...(progress ? { onProgress: progress.update } : {}) });
  progress?.done();
  reportDiagnostics(result.diagnostics);
  if (parsed.json) {
    const { diagnostics, ...outcome } = result;
    const figures = {
      ...outcome,
      ...(changed ? { changed } : {}),
      ...(daemon ? { daemon: { pid: daemon.pid, build: daemon.build } } : {}),
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    };
    // While watching, one line per build, so that a script can read them as they come.
    console.log(changed ? JSON.stringify(figures) : JSON.stringify(figures, null, 2));
    return result.ok ? undefined : [];
  }
  if (!result.ok) return [`build stopped: ${result.reason} (${summarize(result.diagnostics)}); ${displayPath(parsed.out)} was left as it was`];
  const images = result.stats?.images;
  const imageSummary = images ? ` and ${images.total} images (${images.rendered} rendered, ${images.fromCache} from the cache)` : '';
  console.log(
    `✓ Built ${result.pages} pages${imageSummary} for ${result.partners} ${result.partners === 1 ? 'partner' : 'partners'} into ${displayPath(parsed.out)} in ${result.seconds.toFixed(1)}s (${summarize(result.diagnostics)})`,
  );
  return undefined;
}

/** Set, in the environment of the process that watches and builds, by the `build --watch` that started it. */
const builderVariable = 'REFERRAL_KIT_WATCH_BUILDER';

/** The exit code with which a builder asks to be followed by a fresh one (EX_TEMPFAIL). */
const freshBuilderCode = 75;

/**
 * Memory past which a builder, once its build is done, gives way to a fresh process. Each build
 * leaves the process larger (Astro loads its compiled pages as new modules, and Node cannot
 * unload one): tens of megabytes a build. `REFERRAL_KIT_WATCH_MEMORY_MB` sets it.
 */
function builderMemoryLimit(): number {
  const name = 'REFERRAL_KIT_WATCH_MEMORY_MB';
  const value = process.env[name];
  if (value === undefined || value === '') return 2 * 2 ** 30;
  if (!/^\d+$/.test(value.trim()) || Number(value) === 0) throw new CliError(`${name} must be a number of megabytes, like 2048, not "${value}"`);
  return Number(value) * 2 ** 20;
}

/** The command of the builder: this one's own words, with --watch. */
const builderCommand = (parsed: BuildArgs) => [
  fileURLToPath(new URL('../../bin/referral-kit.js', import.meta.url)),
  'build',
  '--watch',
  '--content',
  parsed.content,
  '--out',
  parsed.out,
  ...(parsed.json ? ['--json'] : []),
  ...(parsed.cache ? [] : ['--no-cache']),
];

/**
 * `--watch` itself: a small process that runs the builder (this command again, in a process of
 * its own) and, when the builder has grown past its memory limit and stops, starts a fresh one,
 * which builds at once and watches on. The builder is started with an IPC channel: Ctrl-C in a
 * terminal reaches both processes, a signal sent to this one alone reaches the builder as a
 * message that asks it to stop as Ctrl-C does (once is enough: asking twice is asking once); a
 * second signal stops it at once.
 */
async function watchInFreshProcesses(parsed: BuildArgs): Promise<void> {
  // A limit that cannot be read is said now, before anything starts.
  builderMemoryLimit();
  let builder: ChildProcess | undefined;
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals === 1 && builder?.connected) builder.send({ stop: true });
    else builder?.kill(signal);
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  try {
    for (;;) {
      // Not this process's own flags (a debugger's --inspect would clash): only those for TypeScript, where Node needs them.
      builder = spawn(process.execPath, [...typeScriptFlags, ...builderCommand(parsed)], {
        stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
        env: { ...process.env, [builderVariable]: '1' },
      });
      const [code, signal] = (await once(builder, 'exit')) as [number | null, NodeJS.Signals | null];
      if (code === freshBuilderCode && !signals) continue;
      // A builder that gave way as it was being stopped has stopped; one stopped by a signal, say so as the shell would.
      process.exitCode = code === freshBuilderCode ? 0 : (code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 1));
      return;
    }
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}

/**
 * The builder of `--watch`: a build now, then one after each change, until Ctrl-C, or until it
 * has grown past its memory limit (`watchInFreshProcesses` then starts a fresh one).
 */
async function watchAndBuild(parsed: BuildArgs): Promise<void> {
  // No folder to watch: said as a build without --watch says it.
  if (!existsSync(resolve(parsed.content))) {
    const stopped = await buildOnce(parsed);
    throw new CliError(stopped ?? []);
  }
  const { serialBuilds, watchFolder } = await import('../build/watch.ts');
  let end: () => void = () => {};
  const ended = new Promise<void>((resolve) => (end = resolve));
  let unexpected: { error: unknown } | undefined;
  let lost: Error | undefined;
  let builtHere = 0;
  let givingWay = false;
  const builds = serialBuilds(async (changes) => {
    if (changes.length && !parsed.json) console.error(`${changes.length === 1 ? changes[0] : `${changes.length} files`} changed: building again…`);
    try {
      const stopped = await buildOnce(parsed, changes);
      // A build that stops is said as the command would say it, and the watching goes on.
      if (stopped) reportCliError(new CliError(stopped));
      builtHere++;
      const held = process.memoryUsage.rss();
      // Not after its first build, which a fresh builder makes at once: it would only start another.
      if (builtHere > 1 && held > builderMemoryLimit() && process.send) {
        givingWay = true;
        if (!parsed.json) console.error(`This process holds ${(held / 2 ** 30).toFixed(1)} GB after ${builtHere} builds: going on in a fresh one, to give the memory back…`);
        end();
      }
    } catch (error) {
      // Not a problem of the kit's: it ends the watching, as it would end any command.
      unexpected = { error };
      end();
    }
  });
  const onSignal = () => end();
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  // The process that started this one asks it to stop this way (`watchInFreshProcesses`); the
  // channel alone must not keep it running.
  const onMessage = (message: unknown) => (message as { stop?: boolean } | null)?.stop && end();
  process.on('message', onMessage);
  process.channel?.unref();
  // Watching starts before the first build, so that nothing saved during it is missed.
  const stopWatching = await watchFolder(
    parsed.content,
    builds.changed,
    (error) => {
      lost = error;
      end();
    },
    parsed.out,
  );
  if (!parsed.json) console.error(`Watching ${displayPath(parsed.content)} for changes; Ctrl-C stops.`);
  builds.buildNow();
  try {
    await ended;
  } finally {
    // From here a second Ctrl-C ends the process at once (Node's default); the next build tidies up
    // after it. A terminal's Ctrl-C also reaches the processes a build runs (the bundler's, the
    // image workers), so a build under way then stops, and the site stays as the last one left it.
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    process.off('message', onMessage);
    await stopWatching();
    if (builds.building && !parsed.json && !givingWay) console.error('Stopping… (Ctrl-C again to stop at once)');
    await builds.stop();
  }
  if (unexpected) throw unexpected.error;
  if (lost) throw new CliError(`stopped watching ${displayPath(parsed.content)}: ${lost.message}`);
  if (givingWay) {
    process.exitCode = freshBuilderCode;
    return;
  }
  if (!parsed.json) console.error(`Stopped watching. ${displayPath(parsed.out)} holds the last build that succeeded.`);
}

/**
 * This process as the project's background builder (started by `buildInBackground`): it builds
 * what `build` commands ask until it ends (src/build/daemon-server.ts), then exits.
 */
async function serveAsDaemon(): Promise<void> {
  const { daemonKeyVariable, daemonSocket, idleSeconds } = await import('../build/build-daemon.ts');
  const { projectRoot } = await import('../build/project-root.ts');
  const { serveBuilds } = await import('../build/daemon-server.ts');
  const where = daemonSocket(projectRoot);
  const idle = idleSeconds(process.env);
  const key = process.env[daemonKeyVariable];
  // Not handed on to what the builds start.
  delete process.env[serveVariable];
  delete process.env[daemonKeyVariable];
  if ('problem' in where || typeof idle !== 'number' || !key) throw new CliError('the background builder cannot start here');
  await serveBuilds({
    socket: where.path,
    key,
    idleMs: idle * 1000,
    memoryLimit: builderMemoryLimit(),
    // The command that started this process disconnects once it has read this; if it is gone already, nothing is lost.
    onListening: () => process.send?.({ listening: true }, undefined, {}, () => {}),
    build: async (args, builder, command) => {
      try {
        const stopped = await buildOnce(args as BuildArgs, undefined, { ...builder, ...command });
        return { code: stopped ? reportCliError(new CliError(stopped)) : 0 };
      } catch (error) {
        return { code: reportCliError(error), unexpected: !(error instanceof CliError) };
      }
    },
  });
  process.exit(0);
}

/**
 * One build in the project's background builder, started when none runs. True when it built (the
 * exit code set); false when no builder could be used, said, for this process to build itself.
 */
async function buildInBackground(parsed: BuildArgs): Promise<boolean> {
  const { idleSeconds } = await import('../build/build-daemon.ts');
  const { buildInDaemon } = await import('../build/daemon-client.ts');
  // Settings the builder reads are checked here, where a mistake can be said.
  const idle = idleSeconds(process.env);
  if (typeof idle === 'object') throw new CliError(idle.problem);
  builderMemoryLimit();
  const lasts = idle % 60 === 0 ? `${idle / 60} idle ${idle === 60 ? 'minute' : 'minutes'}` : `${idle} idle ${idle === 1 ? 'second' : 'seconds'}`;
  // On stderr, also with --json: the JSON on stdout stays as it is.
  const outcome = await buildInDaemon(buildArgsOf(parsed), (reason) =>
    console.error(
      `${reason === 'stale' ? 'The project’s code or settings changed since the background process for builds started: starting a fresh one.' : 'Starting a background process for builds: the next ones start warm.'} It stops after ${lasts} (--no-daemon builds without it).`,
    ),
  );
  if ('code' in outcome) {
    process.exitCode = outcome.code;
    return true;
  }
  if ('lostDuringBuild' in outcome)
    throw new CliError(
      `the background process for builds stopped during the build; ${displayPath(parsed.out)} holds the last site a build finished. Run the build again (--no-daemon builds in this process)`,
    );
  console.error(`Building in this process: ${outcome.unavailable}.`);
  return false;
}

export const buildCommand = defineCommand({
  meta: { name: 'build', description: 'Check the kit, then build the site: kits, share pages, home and testimonials' },
  args,
  async run({ args: parsed }) {
    rejectUnknown(parsed, args);
    if (process.env[serveVariable] === '1') return serveAsDaemon();
    if (parsed['stop-daemon']) {
      const { stopDaemon } = await import('../build/daemon-client.ts');
      const pid = await stopDaemon();
      console.error(pid ? `Stopped the background process for builds (pid ${pid}); a build under way finishes first.` : 'No background process for builds was running.');
      return;
    }
    if (parsed.watch) {
      if (parsed.daemon) throw new CliError('--watch keeps its own process for builds: give --watch or --daemon, not both');
      return process.env[builderVariable] === '1' ? watchAndBuild(parsed) : watchInFreshProcesses(parsed);
    }
    const { daemonWanted } = await import('../build/build-daemon.ts');
    const wanted = daemonWanted(parsed.daemon, process.env, Boolean(process.stdout.isTTY || process.stderr.isTTY));
    if (typeof wanted === 'object') throw new CliError(wanted.problem);
    if (wanted && (await buildInBackground(parsed))) return;
    const stopped = await buildOnce(parsed);
    // With --json, the JSON says why; the exit code tells a script it failed.
    if (stopped) throw new CliError(stopped);
  },
});

export const buildExamples = [
  'referral-kit build',
  'referral-kit build --content clients/maya --out public/maya',
  'referral-kit build --no-cache',
  'referral-kit build --watch',
  'referral-kit build --stop-daemon',
];
