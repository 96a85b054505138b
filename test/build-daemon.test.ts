/**
 * `build --daemon`: the background process that stays between builds (src/build/build-daemon.ts,
 * daemon-server.ts, daemon-client.ts). Every build here is a real `referral-kit` process, and the
 * background builder a real process it starts; each test has a runtime folder of its own, so
 * each has its own builder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { daemonKey, daemonWanted } from '../src/build/build-daemon.ts';
import { isRunning } from '../src/build/lock.ts';
import { fingerprint } from './helpers/files.ts';
import { groupProcesses } from './helpers/process-memory.ts';
import { copyFixture, fixture, repoRoot, tempDir } from './helpers/fixtures.ts';

const bin = join(repoRoot, 'bin', 'referral-kit.js');

type Run = { code: number; stdout: string; stderr: string };

/** Every runtime folder a test made, with the pids of the builders seen there: each is stopped after its test. */
const runtimes: { env: NodeJS.ProcessEnv; pids: Set<number> }[] = [];

/** An environment whose builder is its own: a runtime folder only this test uses. */
function ownRuntime(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { REFERRAL_KIT_BUILD_DAEMON: _, CI: __, ...env } = process.env;
  const own = { ...env, XDG_RUNTIME_DIR: tempDir('runtime'), ...extra };
  runtimes.push({ env: own, pids: new Set() });
  return own;
}

function start(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [bin, ...args], { env, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return finished(start(args, env));
}

/** What a started command printed, and its exit code, once it has ended. */
async function finished(child: ChildProcess): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  return { code, stdout, stderr };
}

/** `build --daemon --json`: its outcome, and the builder's pid and build number when it built there. */
async function build(content: string, out: string, env: NodeJS.ProcessEnv, extra: string[] = ['--daemon']): Promise<Run & { json: { ok: boolean; daemon?: { pid: number; build: number } } }> {
  const run = await cli(['build', '--json', '--content', content, '--out', out, ...extra], env);
  const json = JSON.parse(run.stdout) as { ok: boolean; daemon?: { pid: number; build: number } };
  if (json.daemon) runtimes.find((runtime) => runtime.env.XDG_RUNTIME_DIR === env.XDG_RUNTIME_DIR)?.pids.add(json.daemon.pid);
  return { ...run, json };
}

/**
 * A builder that has built `basic` once, then a second `build --daemon --no-cache` of it under
 * way: the command, the builder's pid, and the site as the first build left it.
 */
async function secondBuildUnderWay(): Promise<{ env: NodeJS.ProcessEnv; content: string; target: string; builder: number; before: Record<string, string>; command: ChildProcess }> {
  const env = ownRuntime();
  const content = copyFixture('basic');
  const target = out();
  const first = await build(content, target, env);
  const before = site(target);
  const command = start(['build', '--daemon', '--no-cache', '--content', content, '--out', target], env);
  await buildUnderWay(target);
  return { env, content, target, builder: first.json.daemon!.pid, before, command };
}

/** Whether `pid` runs: a process that has ended and waits for its parent to read its status (a zombie) does not. */
function runs(pid: number): boolean {
  if (!isRunning(pid)) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Waits (10 s at most) for `pid` to end; false if it did not. */
async function ends(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && runs(pid); i++) await sleep(100);
  return !runs(pid);
}

/** Waits (60 s at most) until a build into `out` has made its staging folder beside it: the build is under way. */
async function buildUnderWay(out: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (readdirSync(dirname(out)).some((name) => name.startsWith(`.${basename(out)}.building-`))) return;
    await sleep(100);
  }
  throw new Error('the build never started');
}

const site = fingerprint;

const out = () => join(tempDir('out'), 'dist');

afterEach(async () => {
  for (const { env, pids } of runtimes.splice(0)) {
    await cli(['build', '--stop-daemon'], env);
    for (const pid of pids) {
      if (await ends(pid)) continue;
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {}
    }
  }
});

describe('build --daemon', () => {
  it("builds in a background process that stays, and makes the same site as a build in the command's own process", async () => {
    const env = ownRuntime();
    const content = copyFixture('basic');
    const [there, here] = [out(), out()];
    const first = await build(content, there, env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('Starting a background process for builds');
    expect(first.json.daemon).toMatchObject({ build: 1 });
    const edited = join(content, 'partners', 'jane-smith.yaml');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace(/^name: .*$/m, 'name: Janet Smith'));
    const second = await build(content, there, env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toContain('Starting a background process');
    expect(second.json.daemon).toEqual({ pid: first.json.daemon!.pid, build: 2 });
    const inProcess = await build(content, here, env, ['--no-daemon']);
    expect(inProcess.code, inProcess.stderr).toBe(0);
    expect(inProcess.json.daemon).toBeUndefined();
    expect(site(there)).toEqual(site(here));
    expect(readFileSync(join(there, 'for', 'jane-smith', 'index.html'), 'utf8')).toContain('Janet');

    const stopped = await cli(['build', '--stop-daemon'], env);
    expect(stopped.stderr).toContain(`pid ${first.json.daemon!.pid}`);
    expect(await ends(first.json.daemon!.pid)).toBe(true);
    expect((await cli(['build', '--stop-daemon'], env)).stderr).toContain('No background process for builds was running.');
  });

  it('is used by default at a terminal, and shows the progress line there', async () => {
    const env = ownRuntime();
    const target = out();
    // `script` gives the command a pseudo-terminal, as an owner at a keyboard would have.
    const command = `stty cols 120 rows 40; ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} build --no-cache --content ${JSON.stringify(fixture('basic'))} --out ${JSON.stringify(target)}`;
    const atTerminal = async () => {
      const child = spawn('script', ['-qfec', command, '/dev/null'], { env, cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk));
      const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
      return { code, output };
    };
    const first = await atTerminal();
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain('Starting a background process for builds');
    // The line rewritten in place as the images are drawn, then the summary.
    expect(first.output).toMatch(/\r\x1b\[2KDrawing images: \d+ of 17/);
    expect(first.output).toContain('✓ Built');
    const second = await atTerminal();
    expect(second.code, second.output).toBe(0);
    expect(second.output).not.toContain('Starting a background process');
    expect(second.output).toContain('Drawing images:');
    const stopped = await cli(['build', '--stop-daemon'], env);
    expect(stopped.stderr).toMatch(/Stopped the background process for builds \(pid \d+\)/);
  });

  it('builds another kit folder in the same process as it would be built alone', async () => {
    const env = ownRuntime();
    expect((await build(fixture('basic'), out(), env)).code).toBe(0);
    const [there, here] = [out(), out()];
    const other = await build(fixture('rtl'), there, env);
    expect(other.json.daemon?.build).toBe(2);
    expect((await build(fixture('rtl'), here, env, ['--no-daemon'])).code).toBe(0);
    expect(site(there)).toEqual(site(here));
  });

  it("says a kit's errors as a build in the command's own process says them, with its exit code", async () => {
    const env = ownRuntime();
    const target = out();
    const args = (where: string) => ['build', '--content', fixture('invalid'), '--out', target, where];
    const there = await cli(args('--daemon'), env);
    const here = await cli(args('--no-daemon'), env);
    expect(here.code).toBe(1);
    expect(there.code).toBe(1);
    expect(there.stdout).toBe(here.stdout);
    expect(there.stderr.replace(/^Starting a background process.*\n/, '')).toBe(here.stderr);
    expect(here.stderr).toContain('referral-kit: build stopped: the content has errors');
  });

  it('starts a fresh process when the environment changed, and the stale one ends', async () => {
    const env = ownRuntime();
    const first = await build(fixture('basic'), out(), env);
    const changed = await build(fixture('basic'), out(), { ...env, TZ: 'Pacific/Auckland' });
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.json.daemon).toMatchObject({ build: 1 });
    expect(changed.json.daemon!.pid).not.toBe(first.json.daemon!.pid);
    expect(await ends(first.json.daemon!.pid)).toBe(true);
  });

  it('ends with everything it started when the command is stopped during its build, and the next build starts afresh', async () => {
    const { env, content, target, builder, before, command } = await secondBuildUnderWay();
    expect(groupProcesses(builder).length).toBeGreaterThan(1);
    command.kill('SIGINT');
    expect(await ends(builder)).toBe(true);
    // The image workers and whatever else the build had started went with it.
    expect(groupProcesses(builder)).toEqual([]);
    // The site is the last one a build finished, whole.
    expect(site(target)).toEqual(before);
    const next = await build(content, target, env);
    expect(next.code, next.stderr).toBe(0);
    expect(next.json.daemon).toMatchObject({ build: 1 });
    expect(site(target)).toEqual(before);
  });

  it('ends after its idle time, and gives way to a fresh process past its memory limit', async () => {
    const idle = ownRuntime({ REFERRAL_KIT_BUILD_DAEMON_IDLE_SECONDS: '1' });
    const built = await build(fixture('basic'), out(), idle);
    expect(await ends(built.json.daemon!.pid)).toBe(true);

    // Not after its first build: a fresh process would be past the limit as soon.
    const small = ownRuntime({ REFERRAL_KIT_WATCH_MEMORY_MB: '1' });
    const first = await build(fixture('basic'), out(), small);
    const second = await build(fixture('basic'), out(), small);
    expect(second.json.daemon).toEqual({ pid: first.json.daemon!.pid, build: 2 });
    expect(await ends(first.json.daemon!.pid)).toBe(true);
    const third = await build(fixture('basic'), out(), small);
    expect(third.code, third.stderr).toBe(0);
    expect(third.json.daemon).toMatchObject({ build: 1 });
  });

  it('builds in the command itself, saying why, when the socket folder is open to others', async () => {
    const env = ownRuntime();
    const folder = join(env.XDG_RUNTIME_DIR!, `referral-kit-${process.getuid!()}`);
    mkdirSync(folder);
    chmodSync(folder, 0o777);
    const run = await build(fixture('basic'), out(), env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json.daemon).toBeUndefined();
    expect(run.stderr).toContain(`Building in this process: ${folder} is not a folder that only you can open (remove it, and the next build makes it anew).`);
  });

  it('fails the build, without building it again here, when the background process is killed during it', async () => {
    const { target, builder, before, command } = await secondBuildUnderWay();
    const running = finished(command);
    process.kill(-builder, 'SIGKILL');
    const run = await running;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('referral-kit: the background process for builds stopped during the build;');
    expect(run.stderr).not.toContain('Building in this process');
    expect(site(target)).toEqual(before);
  });

  it('builds in the command itself when the socket folder is a link, even to a folder of yours', async () => {
    const env = ownRuntime();
    const elsewhere = tempDir('elsewhere');
    const folder = join(env.XDG_RUNTIME_DIR!, `referral-kit-${process.getuid!()}`);
    symlinkSync(elsewhere, folder);
    const run = await build(fixture('basic'), out(), env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json.daemon).toBeUndefined();
    expect(run.stderr).toContain('is not a folder that only you can open');
  });

  it('refuses a setting it cannot read, and --daemon with --watch', async () => {
    const idle = await cli(['build', '--daemon', '--content', fixture('basic'), '--out', out()], ownRuntime({ REFERRAL_KIT_BUILD_DAEMON_IDLE_SECONDS: 'soon' }));
    expect(idle.code).toBe(1);
    expect(idle.stderr).toContain('referral-kit: REFERRAL_KIT_BUILD_DAEMON_IDLE_SECONDS must be a number of seconds, like 600, not "soon"');
    const bad = await cli(['build', '--content', fixture('basic'), '--out', out()], ownRuntime({ REFERRAL_KIT_BUILD_DAEMON: 'sometimes' }));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('referral-kit: REFERRAL_KIT_BUILD_DAEMON must be on or off, not "sometimes"');
    const both = await cli(['build', '--watch', '--daemon', '--content', fixture('basic'), '--out', out()], ownRuntime());
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('referral-kit: --watch keeps its own process for builds: give --watch or --daemon, not both');
  });
});

describe('whether a build uses the background process', () => {
  it('follows the flag, then REFERRAL_KIT_BUILD_DAEMON, then whether an owner is at a terminal outside CI', () => {
    expect(daemonWanted(false, { REFERRAL_KIT_BUILD_DAEMON: 'on' }, true)).toBe(false);
    expect(daemonWanted(true, { REFERRAL_KIT_BUILD_DAEMON: 'off' }, false)).toBe(true);
    expect(daemonWanted(undefined, { REFERRAL_KIT_BUILD_DAEMON: 'On' }, false)).toBe(true);
    expect(daemonWanted(undefined, { REFERRAL_KIT_BUILD_DAEMON: 'off' }, true)).toBe(false);
    expect(daemonWanted(undefined, {}, true)).toBe(true);
    expect(daemonWanted(undefined, {}, false)).toBe(false);
    expect(daemonWanted(undefined, { CI: 'true' }, true)).toBe(false);
    expect(daemonWanted(undefined, { CI: 'false' }, true)).toBe(true);
  });

  it("keys the process on the project's code and the environment, not on what differs between terminals", () => {
    const root = tempDir('daemon-key');
    mkdirSync(join(root, 'src', 'pages'), { recursive: true });
    writeFileSync(join(root, 'src', 'pages', 'index.astro'), '<p>one</p>');
    writeFileSync(join(root, 'package.json'), '{}');
    const env = { PATH: '/usr/bin', TZ: 'UTC' };
    const key = daemonKey(root, env);
    // As `npm run build` and another terminal tab differ from the command typed in the first.
    expect(
      daemonKey(root, {
        ...env,
        PWD: '/elsewhere',
        TERM: 'xterm',
        npm_lifecycle_event: 'build',
        SHLVL: '3',
        PATH: `${root}/node_modules/.bin:/usr/bin`,
        NODE: '/usr/bin/node',
        GNOME_TERMINAL_SCREEN: '/org/gnome/Terminal/screen/2',
      }),
    ).toBe(key);
    // An editor's swap file beside the code is not code.
    writeFileSync(join(root, 'src', 'pages', '.index.astro.swp'), 'x');
    expect(daemonKey(root, env)).toBe(key);
    expect(daemonKey(root, { ...env, TZ: 'Europe/Amsterdam' })).not.toBe(key);
    expect(daemonKey(root, { ...env, REFERRAL_KIT_CACHE: 'off' })).not.toBe(key);
    writeFileSync(join(root, 'src', 'pages', 'index.astro'), '<p>two</p>');
    utimesSync(join(root, 'src', 'pages', 'index.astro'), new Date(), new Date(Date.now() + 5000));
    const edited = daemonKey(root, env);
    expect(edited).not.toBe(key);
    writeFileSync(join(root, 'src', 'pages', 'new.astro'), '<p>new</p>');
    expect(daemonKey(root, env)).not.toBe(edited);
    const added = daemonKey(root, env);
    writeFileSync(join(root, '.env'), 'PUBLIC_X=1');
    const withEnvFile = daemonKey(root, env);
    expect(withEnvFile).not.toBe(added);
    // The site's files are made with the builder's umask: a terminal with another one gets a builder of its own.
    const umask = process.umask();
    process.umask(umask === 0o077 ? 0o022 : 0o077);
    try {
      expect(daemonKey(root, env)).not.toBe(withEnvFile);
    } finally {
      process.umask(umask);
    }
  });
});
