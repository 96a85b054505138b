/**
 * The background builder's process (see src/build/build-daemon.ts). It listens on the project's
 * socket and runs one build at a time, each in the asking command's working folder, with the
 * build's output sent back to that command as it is written. It ends after its idle time, when
 * a command runs other code or another environment, when it has grown past its memory limit,
 * when asked to stop, and at once when the command whose build it runs goes away (Ctrl-C): the
 * build then stops as a killed build stops, and the next build tidies up after it.
 */
import { existsSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { connect, type DaemonReply, type DaemonRequest, isOwnSocket, jsonLines, messageLine } from './build-daemon.ts';

export interface ServeOptions {
  /** The socket to listen on (daemonSocket). */
  socket: string;
  /** The key of the code and environment this process runs (daemonKey, computed by the command that started it). */
  key: string;
  idleMs: number;
  /** Past this resident memory after a build, the process ends and the next build starts a fresh one. */
  memoryLimit: number;
  /**
   * Runs one build as the `build` command would, printing through process.stdout and
   * process.stderr, and resolves to its exit code. `unexpected` is true when the build failed
   * for a reason of the code's, after which this process takes no more builds.
   */
  build: (args: Record<string, unknown>, builder: { pid: number; build: number }, command: { stderrIsTerminal: boolean }) => Promise<{ code: number; unexpected?: boolean }>;
  /** Called once the socket listens: the command that started this process waits for it. */
  onListening: () => void;
}

/** Whether something answers on `socket`. */
async function answers(socket: string): Promise<boolean> {
  const connection = await connect(socket);
  connection?.destroy();
  return connection !== undefined;
}

/**
 * While `work` runs, what is written to this process's stdout and stderr goes to `send` instead.
 * The streams still say they are not terminals: code that finds one calls a terminal's own
 * methods (Astro's logger clears lines); whether to show progress is handed to the build.
 */
async function withOutputTo<T>(send: (fd: 1 | 2, text: string) => void, work: () => Promise<T>): Promise<T> {
  const redirected = [
    { stream: process.stdout, fd: 1 as const },
    { stream: process.stderr, fd: 2 as const },
  ].map(({ stream, fd }) => {
    const saved = stream.write;
    stream.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
      send(fd, typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    }) as NodeJS.WriteStream['write'];
    return { stream, saved };
  });
  try {
    return await work();
  } finally {
    for (const { stream, saved } of redirected) stream.write = saved;
  }
}

/** Listens on `options.socket` and builds what commands ask, until one of the endings above; resolves when it has ended. */
export async function serveBuilds(options: ServeOptions): Promise<void> {
  // A socket left by a builder that was killed answers nothing: it is removed. One that answers is another builder's.
  if (existsSync(options.socket)) {
    if (await answers(options.socket)) throw new Error('another background builder is already running for this project');
    rmSync(options.socket, { force: true });
  }
  let builds = 0;
  /** The builds asked for and not yet finished, the first one running. */
  const queue: { socket: Socket; request: Extract<DaemonRequest, { type: 'build' }> }[] = [];
  /** Every command connected now: the process ends only once what it sent them has gone out. */
  const connected = new Set<Socket>();
  let closing = false;
  /** After a failure of the code's own, the builds still queued go to a fresh builder. */
  let broken = false;
  let idleTimer: NodeJS.Timeout | undefined;
  let ended: () => void = () => {};
  const done = new Promise<void>((resolve) => (ended = resolve));

  const server: Server = createServer((socket) => {
    connected.add(socket);
    socket.on('close', () => connected.delete(socket));
    socket.on('error', () => {});
    let asked = false;
    const read = jsonLines((message) => {
      // One request per connection: anything after it is not read.
      if (asked) return;
      asked = true;
      socket.off('data', read);
      const request = message as DaemonRequest;
      if (request?.type === 'stop') {
        reply(socket, { type: 'stopping', pid: process.pid });
        socket.end();
        closeAndEndWhenIdle();
      } else if (request?.type === 'build') {
        if (request.key !== options.key || closing) {
          reply(socket, { type: 'stale' });
          socket.end();
          // A builder for other code or another environment would only be asked again: it gives way to a fresh one.
          if (request.key !== options.key) closeAndEndWhenIdle();
          return;
        }
        queue.push({ socket, request });
        if (queue.length > 1) reply(socket, { type: 'waiting' });
        else void runQueue();
      } else socket.end();
    });
    socket.on('data', read);
  });

  function reply(socket: Socket, message: DaemonReply): void {
    if (!socket.destroyed) socket.write(messageLine(message));
  }

  /** Takes no more builds (the socket goes with the server), and ends once the queue is empty. */
  function closeAndEndWhenIdle(): void {
    if (!closing) {
      closing = true;
      server.close();
    }
    if (!queue.length) void finish();
  }

  /** Ends, once every command has read what it was sent (10 s at most: a command stopped with Ctrl-Z is not waited for). */
  async function finish(): Promise<void> {
    clearTimeout(idleTimer);
    for (let waited = 0; connected.size && waited < 100; waited++) await new Promise((resolve) => setTimeout(resolve, 100));
    ended();
  }

  function waitIdle(): void {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(closeAndEndWhenIdle, options.idleMs);
  }

  async function runQueue(): Promise<void> {
    clearTimeout(idleTimer);
    while (queue.length) {
      const { socket, request } = queue[0]!;
      if (socket.destroyed) {
        queue.shift();
        continue;
      }
      if (broken) {
        queue.shift();
        reply(socket, { type: 'stale' });
        socket.end();
        continue;
      }
      // The command went away (Ctrl-C, a closed terminal) during its build: the build stops as
      // it would have in the command's own process, killed with everything it started.
      const onGone = () => killOwnGroup();
      socket.once('close', onGone);
      reply(socket, { type: 'started' });
      let outcome: { code: number; unexpected?: boolean };
      const workingFolder = process.cwd();
      // Astro puts the values of the project's .env files into the environment as it loads; the
      // next build starts from the environment this process was given, as a new process would.
      const environment = { ...process.env };
      try {
        process.chdir(request.cwd);
        outcome = await withOutputTo(
          (fd, text) => reply(socket, { type: 'output', fd, text }),
          () => options.build(request.args, { pid: process.pid, build: builds + 1 }, { stderrIsTerminal: request.stderrIsTerminal }),
        );
      } catch (error) {
        reply(socket, { type: 'output', fd: 2, text: `referral-kit: ${(error as Error).message}\n` });
        outcome = { code: 1, unexpected: true };
      } finally {
        process.chdir(workingFolder);
        for (const name of Object.keys(process.env)) if (!(name in environment)) delete process.env[name];
        Object.assign(process.env, environment);
      }
      builds++;
      socket.off('close', onGone);
      queue.shift();
      broken ||= Boolean(outcome.unexpected);
      // Not after its first build: past the limit already, a fresh builder would only do the same, at a new start's cost.
      const tooLarge = builds > 1 && process.memoryUsage.rss() > options.memoryLimit;
      // Decided before the reply, so that a command that comes right after finds no socket and starts a fresh builder.
      if (broken || tooLarge) closeAndEndWhenIdle();
      reply(socket, { type: 'exit', code: outcome.code, pid: process.pid, builds });
      socket.end();
    }
    if (closing) await finish();
    else waitIdle();
  }

  // The socket is made for the owner alone, whatever the umask of the terminal that started this process.
  const umask = process.umask(0o077);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.socket, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    process.umask(umask);
  }
  if (!isOwnSocket(options.socket)) {
    server.close();
    throw new Error('the socket is not the one this process made');
  }
  options.onListening();
  waitIdle();
  await done;
}

/**
 * Ends this process and every process it started (image workers, the bundler's), as Ctrl-C ends
 * a build in a terminal. The builder leads its own process group (it was started detached).
 */
function killOwnGroup(): never {
  try {
    process.kill(-process.pid, 'SIGKILL');
  } catch {}
  process.exit(130);
}
