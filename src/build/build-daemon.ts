/**
 * The background builder (`build --daemon`, the default in a terminal): a process that stays
 * after a build, so that the next `referral-kit build` of the project runs in a process where
 * Astro, the bundler and our own code are already loaded and compiled. A new process spends
 * about three seconds on that before it builds anything: most of a rebuild's time.
 *
 * This module holds what the builder and the commands that use it share: where its socket is,
 * the key that says whether it runs the code and environment a command would, and the messages
 * they exchange (a line of JSON each). The builder itself is src/build/daemon-server.ts; a
 * command reaches it through src/build/daemon-client.ts.
 *
 * The socket is in a folder of the owner's only (`$XDG_RUNTIME_DIR/referral-kit-<uid>/`, else
 * the system's temporary folder), checked before each use: only the owner can ask for a build.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Raised with every change to the messages below: a builder of another version is then stale. */
const protocolVersion = 1;

/** What a build says while another build of the project runs (here, or in the background builder). */
export const waitingSentence = 'Waiting for another build of this project to finish…';

/** `on` or `off`: whether `build` uses the background builder when neither --daemon nor --no-daemon is given. */
export const daemonVariable = 'REFERRAL_KIT_BUILD_DAEMON';

/** Set in the environment of the builder by the command that starts it (src/build/daemon-client.ts), so that `build` serves. */
export const serveVariable = 'REFERRAL_KIT_BUILD_DAEMON_SERVE';

/** Set in the environment of the builder by the command that starts it: the key it serves. */
export const daemonKeyVariable = 'REFERRAL_KIT_BUILD_DAEMON_KEY';

/** How long the builder waits for the next build before it ends; `REFERRAL_KIT_BUILD_DAEMON_IDLE_SECONDS` sets it. */
export const idleVariable = 'REFERRAL_KIT_BUILD_DAEMON_IDLE_SECONDS';
export const defaultIdleSeconds = 600;

/** What a command sends, as the first line on a new connection. */
export type DaemonRequest =
  | {
      type: 'build';
      /** The key of the code and environment the command would build with (daemonKey). */
      key: string;
      /** The command's working folder: its paths, and the paths it prints, are relative to it. */
      cwd: string;
      /** The command's parsed options, as `build` takes them. */
      args: Record<string, unknown>;
      /** Whether the command's error stream is a terminal: the progress line is shown only there. */
      stderrIsTerminal: boolean;
    }
  | { type: 'stop' };

/** What the builder sends back, a line each. */
export type DaemonReply =
  /** The builder runs other code or another environment than the command: it ends, and the command starts a fresh one. */
  | { type: 'stale' }
  /** Another command's build runs first: this one waits. */
  | { type: 'waiting' }
  /** This build has started: from here, a builder that goes away has taken the build with it. */
  | { type: 'started' }
  /** Output of the build, for the command's stdout (1) or stderr (2). */
  | { type: 'output'; fd: 1 | 2; text: string }
  /** The build is over: the command's exit code, the builder's pid, and how many builds it has made. */
  | { type: 'exit'; code: number; pid: number; builds: number }
  /** The builder was asked to stop: it takes no more builds and ends once those under way are done. */
  | { type: 'stopping'; pid: number };

/** Splits a stream of text into lines of JSON, one call per complete line. */
export function jsonLines(onMessage: (message: unknown) => void): (chunk: Buffer | string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString();
    for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n')) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      if (!line.trim()) continue;
      let message: unknown;
      try {
        message = JSON.parse(line);
      } catch {
        continue;
      }
      onMessage(message);
    }
  };
}

export const messageLine = (message: DaemonRequest | DaemonReply) => `${JSON.stringify(message)}\n`;

/** Connects to `socket`; undefined when nothing listens there. */
export async function connect(socket: string): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const connection = createConnection(socket);
    const onError = () => resolve(undefined);
    connection.once('error', onError);
    connection.once('connect', () => {
      connection.off('error', onError);
      resolve(connection);
    });
  });
}

/** Where the socket of a project's builder is, or why there can be none (a folder that is not the owner's alone). */
export function daemonSocket(projectRoot: string, env: NodeJS.ProcessEnv = process.env): { path: string } | { problem: string } {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return { problem: 'there is no background builder on Windows' };
  const uid = process.getuid();
  const parent = env.XDG_RUNTIME_DIR || tmpdir();
  const dir = join(parent, `referral-kit-${uid}`);
  try {
    // Someone who can rename entries of the folder above could swap ours for theirs between a check and its use:
    // it must be the owner's or root's, and either closed to others or sticky (as /tmp is).
    const above = statSync(parent);
    if ((above.uid !== uid && above.uid !== 0) || ((above.mode & 0o022) !== 0 && (above.mode & 0o1000) === 0)) {
      return { problem: `${parent} can be changed by others, so it cannot hold the socket` };
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const folder = lstatSync(dir);
    // Anyone who can write here could put a socket of their own in its place and read the builds asked of it.
    if (!folder.isDirectory() || folder.uid !== uid || (folder.mode & 0o077) !== 0) {
      return { problem: `${dir} is not a folder that only you can open (remove it, and the next build makes it anew)` };
    }
  } catch (error) {
    return { problem: `${dir} cannot be made (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  const project = createHash('sha256').update(realpathSync(projectRoot)).digest('hex').slice(0, 16);
  const path = join(dir, `build-${project}.sock`);
  // Longer paths than this cannot name a socket (104 bytes on macOS, 108 on Linux).
  if (Buffer.byteLength(path) > 100) return { problem: `the socket's path would be too long (${path})` };
  return { path };
}

/** Whether `path` is a socket of the owner's: checked after listening and before asking, against one put in its place. */
export function isOwnSocket(path: string): boolean {
  try {
    const entry = lstatSync(path);
    return entry.isSocket() && entry.uid === process.getuid?.();
  } catch {
    return false;
  }
}

/**
 * Variables that differ between two terminals, or between `npm run build` and the command
 * itself (npm adds to PATH and sets NODE, COLOR, EDITOR, npm_*), and that no build reads: a
 * builder started from one serves the others. The build starts Node by its own path, never
 * through PATH.
 */
const volatileVariable =
  /^(PWD|OLDPWD|SHLVL|_|PATH|NODE|COLOR|EDITOR|VISUAL|NO_COLOR|FORCE_COLOR|COLORTERM|TERM|TERM_.*|COLUMNS|LINES|WINDOWID|TMUX|TMUX_.*|STY|SSH_.*|DISPLAY|WAYLAND_DISPLAY|GPG_TTY|PS1|PS2|PROMPT_COMMAND|HISTFILE|HISTSIZE|INIT_CWD|npm_.*|NPM_.*|VSCODE_.*|ITERM_.*|KITTY_.*|WEZTERM_.*|ALACRITTY_.*|GNOME_TERMINAL_.*|KONSOLE_.*|GIO_LAUNCHED_.*|ZELLIJ.*|XDG_SESSION_.*|XDG_RUNTIME_DIR|REFERRAL_KIT_BUILD_DAEMON.*)$/;

/**
 * The files whose change means the builder runs old code or settings: the project's own code,
 * its config and `.env` files (Astro reads them into the process once), its installed packages
 * (the lockfile each package manager keeps in node_modules, and the project's own).
 */
const codeFiles = [
  'package.json',
  'package-lock.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'bun.lock',
  'bun.lockb',
  'astro.config.mjs',
  'tsconfig.json',
  '.env',
  '.env.local',
  '.env.production',
  '.env.production.local',
  join('node_modules', '.package-lock.json'),
  join('node_modules', '.modules.yaml'),
  join('node_modules', '.yarn-state.yml'),
];
const codeFolders = ['src', 'bin'];

/**
 * The key of a builder: Node (its binary and version), the project's code (the size and time of
 * each of its source files, its config and its installed packages), and the environment, but
 * for variables no build reads. A command whose key is not the builder's builds in a fresh one:
 * an edit to a component, `npm install`, another TZ all reach the next build.
 */
export function daemonKey(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash('sha256');
  // The umask too: the files of the site are made with the builder's.
  hash.update(`${protocolVersion}\0${process.execPath}\0${process.version}\0${process.umask()}\0`);
  const stamp = (path: string) => {
    try {
      const s = statSync(path);
      hash.update(`${path}\0${s.size}\0${s.mtimeMs}\0`);
    } catch {
      hash.update(`${path}\0none\0`);
    }
  };
  for (const file of codeFiles) stamp(join(projectRoot, file));
  for (const folder of codeFolders) {
    let files: string[] = [];
    try {
      // Files only, not their folders, whose times change with every editor's scratch file beside the code.
      files = readdirSync(join(projectRoot, folder), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && !/(~|\.sw[a-p]|\.tmp|^4913)$/.test(entry.name))
        .map((entry) => join(entry.parentPath, entry.name))
        .sort();
    } catch {}
    for (const file of files) stamp(file);
  }
  for (const [name, value] of Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!volatileVariable.test(name)) hash.update(`${name}=${value}\0`);
  }
  return hash.digest('hex');
}

/**
 * Whether `build` uses the background builder: --daemon or --no-daemon if given, else
 * REFERRAL_KIT_BUILD_DAEMON, else only where an owner is at a terminal and not in CI (a script
 * or a pipeline that builds once would only leave a process behind).
 */
export function daemonWanted(flag: boolean | undefined, env: NodeJS.ProcessEnv, atTerminal: boolean): boolean | { problem: string } {
  if (flag !== undefined) return flag;
  const setting = env[daemonVariable]?.trim().toLowerCase();
  if (setting === 'on') return true;
  if (setting === 'off') return false;
  if (setting) return { problem: `${daemonVariable} must be on or off, not "${env[daemonVariable]}"` };
  const inCi = Boolean(env.CI) && !['false', '0'].includes(env.CI!.trim().toLowerCase());
  return atTerminal && !inCi && process.platform !== 'win32';
}

/** The builder's idle time, from REFERRAL_KIT_BUILD_DAEMON_IDLE_SECONDS; a value that is not a number of seconds is a problem to say. */
export function idleSeconds(env: NodeJS.ProcessEnv): number | { problem: string } {
  const value = env[idleVariable]?.trim();
  if (!value) return defaultIdleSeconds;
  if (!/^\d+$/.test(value) || Number(value) === 0) return { problem: `${idleVariable} must be a number of seconds, like 600, not "${env[idleVariable]}"` };
  return Number(value);
}
