/**
 * `referral-kit build --watch`: the content folder watched, and the site built again after each
 * change, in the same process.
 *
 * Why a process that stays: most of a small kit's rebuild is starting up (Node, our modules,
 * Astro's hundreds of modules, code not yet optimised), not building. A second build in the same
 * process finds all that done and the page and image caches warm (docs/benchmarks.md has the
 * figures).
 *
 * Builds run one at a time. Changes that arrive while one runs are gathered and build once when
 * it ends; a burst of changes (an editor saving a file in several steps, a `git checkout`) waits
 * `quietMs` of calm (`longestWaitMs` at most) and builds once.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { watch } from 'chokidar';
import { isInside, realPathOfSync } from '../kit/real-path.ts';

/** How long the folder must be calm after a change before the build starts. */
export const quietMs = 200;

/** The longest a change waits for calm: a folder that never stops changing still builds. */
export const longestWaitMs = 3000;

/**
 * Changes that never change the site: hidden files and folders (`.git/`, `.DS_Store`, an editor's
 * `.page.yaml.swp`), editors' backup and scratch files (`page.yaml~`, vim's `4913` probe), and
 * packages (`node_modules/`).
 */
export function ignoredChange(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]/).filter(Boolean);
  const name = parts.at(-1) ?? '';
  return parts.some((part) => (part.startsWith('.') && part !== '.') || part === 'node_modules') || /(~|\.sw[a-p]|\.tmp)$/i.test(name) || name === '4913';
}

/** Builds on demand, one at a time, each after the folder has been calm for `quiet` ms. */
export interface SerialBuilds {
  /** A file changed (its path relative to the content folder). */
  changed(file: string): void;
  /** A build now, without waiting for calm (the first one, say), unless one is under way. */
  buildNow(): void;
  /** No more builds; resolves when the one under way (if any) has ended. */
  stop(): Promise<void>;
  /** True while a build runs. */
  readonly building: boolean;
}

/**
 * `build` is called with the files that changed since it last started, never twice at once;
 * changes during a build lead to one more build after it. A change waits for `quiet` ms of calm,
 * but never more than `longest` ms in all. What `build` throws is the caller's to report inside
 * `build`: here it only ends that build.
 */
export function serialBuilds(build: (changes: string[]) => Promise<void>, quiet = quietMs, longest = longestWaitMs): SerialBuilds {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let firstWaiting: number | undefined;
  let running: Promise<void> | undefined;
  let forced = false;
  let stopped = false;

  const schedule = () => {
    if (stopped || running || (pending.size === 0 && !forced)) return;
    clearTimeout(timer);
    firstWaiting ??= Date.now();
    const wait = forced ? 0 : Math.max(0, Math.min(quiet, firstWaiting + longest - Date.now()));
    timer = setTimeout(start, wait);
  };
  const start = () => {
    timer = undefined;
    if (stopped || running || (pending.size === 0 && !forced)) return;
    const changes = [...pending].sort();
    pending.clear();
    forced = false;
    firstWaiting = undefined;
    running = Promise.resolve()
      .then(() => build(changes))
      .catch(() => {})
      .finally(() => {
        running = undefined;
        schedule();
      });
  };

  return {
    changed(file) {
      if (stopped) return;
      pending.add(file);
      schedule();
    },
    buildNow() {
      if (stopped) return;
      forced = true;
      schedule();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    get building() {
      return running !== undefined;
    },
  };
}

/**
 * Watches the kit folder: `onChange` gets the path (relative to `contentDir`, with forward
 * slashes) of each file or folder added, changed or removed under it, ignored ones left out, and
 * `onError` is called when the folder cannot be watched any more (it was removed, say). Resolves,
 * once every folder is watched, to the function that stops watching.
 *
 * chokidar rather than `fs.watch(…, { recursive: true })`: on Node 22 that follows each file, and
 * after an editor saves a file by writing a copy and renaming it over (vim, JetBrains, `git
 * checkout`), later saves of that file are never reported. chokidar watches folders and notices
 * those saves on every Node the kit supports.
 *
 * `skip` is a folder whose changes are not the kit's: the output, when the owner keeps it inside
 * the content folder, since each build's swap into it would otherwise start another build.
 */
export async function watchFolder(contentDir: string, onChange: (file: string) => void, onError: (error: Error) => void, skip?: string): Promise<() => Promise<void>> {
  const root = resolve(contentDir);
  // Compared by real path: the content folder (or the output) may be reached through a link.
  const realRoot = realPathOfSync(root);
  const realSkip = skip === undefined ? undefined : realPathOfSync(skip);
  // Only an output strictly inside the kit folder: one that holds it is refused by the build anyway.
  const inSkipped = (file: string) => realSkip !== undefined && realSkip !== realRoot && isInside(realSkip, realRoot) && isInside(join(realRoot, file), realSkip);
  const relativeOf = (path: string) => relative(root, path).split(sep).join('/');
  const watcher = watch(root, {
    ignoreInitial: true,
    ignored: (path) => {
      const file = relativeOf(path);
      return file !== '' && (ignoredChange(file) || inSkipped(file));
    },
  });
  watcher.on('all', (event, path) => {
    const file = relativeOf(path);
    if (file === '' && (event === 'unlinkDir' || !existsSync(root))) onError(new Error('the folder was removed or moved'));
    else if (file !== '') onChange(file);
  });
  watcher.on('error', (error) => onError(error instanceof Error ? error : new Error(String(error))));
  await new Promise<void>((ready, failed) => {
    watcher.once('ready', ready);
    watcher.once('error', failed);
  });
  return () => watcher.close();
}
