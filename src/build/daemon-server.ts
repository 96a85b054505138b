/**
 * The background builder's process (see src/build/build-daemon.ts). It listens on the project's
 * socket and runs one build at a time, each in the asking command's working folder, with the
 * build's output sent back to that command as it is written. It ends after its idle time, when
 * a command runs other code or another environment, when it has grown past its memory limit,
 * when asked to stop, and at once when the command whose build it runs goes away (Ctrl-C): the
 * build then stops as a killed build stops, and the next build tidies up after it.
 */
import { existsSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { type DaemonReply, type DaemonRequest, jsonLines, messageLine } from './build-daemon.ts';
import { waitingSentence } from './build-site.ts';

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
  build: (args: Record<string, unknown>, builder: { pid: number; build: number }) => Promise<{ code: number; unexpected?: boolean }>;
  /** Called once the socket listens: the command that started this process waits for it. */
  onListening: () => void;
}

/** Whether something answers on `socket`. */
async function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(socket);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

/**
 * While `work` runs, what is written to this process's stdout and stderr goes to `send` instead,
 * and the streams say they are terminals as the command's own are.
 */
async function withOutputTo<T>(send: (fd: 1 | 2, text: string) => void, terminals: { stdout: boolean; stderr: boolean }, work: () => Promise<T>): Promise<T> {
  const redirected = [
    { stream: process.stdout, fd: 1 as const, isTerminal: terminals.stdout },
    { stream: process.stderr, fd: 2 as const, isTerminal: terminals.stderr },
  ].map(({ stream, fd, isTerminal }) => {
    const saved = { write: stream.write, isTTY: Object.getOwnPropertyDescriptor(stream, 'isTTY') };
    stream.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
      send(fd, typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    }) as NodeJS.WriteStream['write'];
    Object.defineProperty(stream, 'isTTY', { value: isTerminal, configurable: true, writable: true });
    return { stream, saved };
  });
  try {
    return await work();
  } finally {
    for (const { stream, saved } of redirected) {
      stream.write = saved.write;
      if (saved.isTTY) Object.defineProperty(stream, 'isTTY', saved.isTTY);
      else delete (stream as { isTTY?: boolean }).isTTY;
    }
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
  let closing = false;
  let idleTimer: NodeJS.Timeout | undefined;
  let ended: () => void = () => {};
  const done = new Promise<void>((resolve) => (ended = resolve));

  const server: Server = createServer((socket) => {
    socket.on('error', () => {});
    const read = jsonLines((message) => {
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
        if (queue.length > 1) reply(socket, { type: 'output', fd: 2, text: `${waitingSentence}\n` });
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
    if (!queue.length) finish();
  }

  function finish(): void {
    clearTimeout(idleTimer);
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
      // The command went away (Ctrl-C, a closed terminal) during its build: the build stops as
      // it would have in the command's own process, killed with everything it started.
      const onGone = () => killOwnGroup();
      socket.once('close', onGone);
      let outcome: { code: number; unexpected?: boolean };
      const workingFolder = process.cwd();
      try {
        process.chdir(request.cwd);
        outcome = await withOutputTo(
          (fd, text) => reply(socket, { type: 'output', fd, text }),
          { stdout: request.stdoutIsTerminal, stderr: request.stderrIsTerminal },
          () => options.build(request.args, { pid: process.pid, build: builds + 1 }),
        );
      } catch (error) {
        reply(socket, { type: 'output', fd: 2, text: `referral-kit: ${(error as Error).message}\n` });
        outcome = { code: 1, unexpected: true };
      } finally {
        process.chdir(workingFolder);
      }
      builds++;
      socket.off('close', onGone);
      queue.shift();
      // Decided before the reply, so that a command that comes right after finds no socket and starts a fresh builder.
      if (outcome.unexpected || process.memoryUsage.rss() > options.memoryLimit) closeAndEndWhenIdle();
      reply(socket, { type: 'exit', code: outcome.code, pid: process.pid, builds });
      socket.end();
    }
    if (closing) finish();
    else waitIdle();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.socket, () => {
      server.off('error', reject);
      resolve();
    });
  });
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
