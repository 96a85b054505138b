/**
 * How `referral-kit build` reaches the project's background builder (src/build/build-daemon.ts):
 * it asks the one that runs, or starts one and then asks it, and prints what the build prints
 * as the build goes. Where no builder can be used, it says so and the command builds itself.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { typeScriptFlags } from '../kit/node-flags.ts';
import { connect, daemonKey, daemonKeyVariable, daemonSocket, type DaemonReply, type DaemonRequest, isOwnSocket, jsonLines, messageLine, serveVariable, waitingSentence } from './build-daemon.ts';
import { withLock } from './lock.ts';
import { projectCacheDir, projectRoot } from './project-root.ts';

/**
 * The outcome of a build asked of the builder; or why none could be asked (the command then
 * builds itself); or that the builder went away during the build (the command fails: building
 * again could repeat what took the builder down, and would print the build's output twice).
 */
export type DaemonOutcome = { code: number; pid: number; builds: number } | { unavailable: string } | { lostDuringBuild: true };

/** Why a builder is being started, for the owner. */
export type StartReason = 'none' | 'stale';

/** How long a command waits for a builder it started to listen, before it builds itself. */
const startTimeoutMs = 30_000;

type Asked = { reply: 'stale' | 'none' } | { reply: 'exit'; code: number; pid: number; builds: number } | { reply: 'stopping'; pid: number } | { reply: 'lost'; started: boolean };

/** Sends `request` and relays the replies (a build's output to this process's own streams) until the builder closes the connection. */
async function ask(socketPath: string, request: DaemonRequest): Promise<Asked> {
  const socket = await connect(socketPath);
  if (!socket) return { reply: 'none' };
  return new Promise((resolve) => {
    let outcome: Asked | undefined;
    let started = false;
    socket.on(
      'data',
      jsonLines((message) => {
        const reply = message as DaemonReply;
        if (reply.type === 'output') (reply.fd === 1 ? process.stdout : process.stderr).write(reply.text);
        else if (reply.type === 'waiting') process.stderr.write(`${waitingSentence}\n`);
        else if (reply.type === 'started') started = true;
        else if (reply.type === 'stale') outcome = { reply: 'stale' };
        else if (reply.type === 'exit') outcome = { reply: 'exit', code: reply.code, pid: reply.pid, builds: reply.builds };
        else if (reply.type === 'stopping') outcome = { reply: 'stopping', pid: reply.pid };
      }),
    );
    socket.on('error', () => {});
    socket.on('close', () => resolve(outcome ?? { reply: 'lost', started }));
    socket.write(messageLine(request));
  });
}

/**
 * Starts the builder, unless another command started one meanwhile, and waits until it listens.
 * Under a lock, so that two builds started at once start one builder.
 */
async function startBuilder(socketPath: string, key: string, onStart: () => void): Promise<string | undefined> {
  return withLock(
    join(projectCacheDir, 'build-daemon.lock'),
    () => {},
    async () => {
      const running = await connect(socketPath);
      if (running) {
        running.destroy();
        return undefined;
      }
      // Left by a builder that was killed: nothing listens on it.
      rmSync(socketPath, { force: true });
      onStart();
      const bin = fileURLToPath(new URL('../../bin/referral-kit.js', import.meta.url));
      // Not this process's own flags (a debugger's --inspect would clash): only those for TypeScript, where Node needs them.
      const builder = spawn(process.execPath, [...typeScriptFlags, bin, 'build'], {
        cwd: projectRoot,
        detached: true,
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
        env: { ...process.env, [serveVariable]: '1', [daemonKeyVariable]: key },
      });
      const timer = setTimeout(() => builder.kill('SIGKILL'), startTimeoutMs);
      try {
        const [first] = (await Promise.race([once(builder, 'message'), once(builder, 'exit').then(() => [undefined]), once(builder, 'error').then(() => [undefined])])) as [unknown];
        if ((first as { listening?: boolean } | undefined)?.listening !== true) return 'the background process did not start';
      } finally {
        clearTimeout(timer);
      }
      builder.disconnect();
      builder.unref();
      return undefined;
    },
    { maxWaitMs: startTimeoutMs },
  );
}

/** Node's flags of this process that a builder would not have: a heap size, a debugger, a preloaded module. */
function ownNodeFlags(): string[] {
  return process.execArgv.filter((flag) => !typeScriptFlags.includes(flag));
}

/**
 * Builds with `args` (the `build` command's parsed options) in the project's background builder,
 * starting it when none runs or the one running is stale. `onStart` is called as a builder is
 * started, with why, to tell the owner.
 */
export async function buildInDaemon(args: Record<string, unknown>, onStart: (reason: StartReason) => void): Promise<DaemonOutcome> {
  const flags = ownNodeFlags();
  if (flags.length) return { unavailable: `Node was started with flags of its own (${flags.join(' ')}), which the background process would not have` };
  const where = daemonSocket(projectRoot);
  if ('problem' in where) return { unavailable: where.problem };
  // Something in its place that is not the owner's socket is never asked.
  if (existsSync(where.path) && !isOwnSocket(where.path)) return { unavailable: `${where.path} is not a socket of yours` };
  const key = daemonKey(projectRoot);
  const request: DaemonRequest = {
    type: 'build',
    key,
    cwd: process.cwd(),
    args,
    stderrIsTerminal: Boolean(process.stderr.isTTY),
  };
  // Bounded: a builder that is stale or goes away before it builds is replaced, twice at most.
  for (let attempt = 0; ; attempt++) {
    const asked = await ask(where.path, request);
    if (asked.reply === 'exit') return { code: asked.code, pid: asked.pid, builds: asked.builds };
    if (asked.reply === 'lost' && asked.started) return { lostDuringBuild: true };
    if (attempt === 2) return { unavailable: 'the background process kept stopping before it built' };
    let problem: string | undefined;
    try {
      problem = await startBuilder(where.path, key, () => onStart(asked.reply === 'stale' ? 'stale' : 'none'));
    } catch (error) {
      problem = `the background process could not start (${(error as Error).message})`;
    }
    if (problem) return { unavailable: problem };
  }
}

/** Asks the project's builder to stop; resolves to its pid, or undefined when none runs. */
export async function stopDaemon(): Promise<number | undefined> {
  const where = daemonSocket(projectRoot);
  if ('problem' in where || !isOwnSocket(where.path)) return undefined;
  const asked = await ask(where.path, { type: 'stop' });
  return asked.reply === 'stopping' ? asked.pid : undefined;
}
