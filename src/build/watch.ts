/**
 * `referral-kit build --watch`: the content folder watched, and the site built again after each
 * change, in the same process.
 *
 * Why a process that stays: most of a small kit's rebuild is starting up (Node, our modules,
 * Astro's hundreds of modules, code not yet optimised), not building. A second build in the same
 * process finds all that done and the page and image caches warm: a script edit on the example
 * kit is rebuilt in about half the time a new `referral-kit build` takes (docs/benchmarks.md).
 *
 * Builds run one at a time. Changes that arrive while one runs are gathered and build once when
 * it ends; a burst of changes (an editor saving a file in several steps, a `git checkout`) waits
 * `quietMs` of calm and builds once.
 */
import { watch } from 'node:fs';
import { sep } from 'node:path';

/** How long the folder must be calm after a change before the build starts. */
export const quietMs = 200;

/**
 * Changes that never change the site: hidden files and folders (`.git/`, `.DS_Store`, an editor's
 * `.page.yaml.swp`) and editors' backup and scratch files (`page.yaml~`, vim's `4913` probe).
 */
export function ignoredChange(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]/).filter(Boolean);
  const name = parts.at(-1) ?? '';
  return parts.some((part) => part.startsWith('.') && part !== '.') || /(~|\.sw[a-p]|\.tmp)$/i.test(name) || name === '4913';
}

/** Builds on demand, one at a time, each after the folder has been calm for `quiet` ms. */
export interface SerialBuilds {
  /** A file changed (its path relative to the content folder). */
  changed(file: string): void;
  /** No more builds; resolves when the one under way (if any) has ended. */
  stop(): Promise<void>;
  /** True while a build runs. */
  readonly building: boolean;
}

/**
 * `build` is called with the files that changed since it last started, never twice at once;
 * changes during a build lead to one more build after it. A build that throws is the caller's to
 * report inside `build`: here it only ends that build.
 */
export function serialBuilds(build: (changes: string[]) => Promise<void>, quiet = quietMs): SerialBuilds {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const schedule = () => {
    if (stopped || running || pending.size === 0) return;
    clearTimeout(timer);
    timer = setTimeout(start, quiet);
  };
  const start = () => {
    timer = undefined;
    if (stopped || running || pending.size === 0) return;
    const changes = [...pending].sort();
    pending.clear();
    running = build(changes)
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
 * Calls `onChange` with the path (relative to `contentDir`) of each file that changes under it,
 * ignored ones left out; `onError` when the folder cannot be watched any more (it was removed, say).
 * Returns the function that stops watching.
 */
export function watchFolder(contentDir: string, onChange: (file: string) => void, onError: (error: Error) => void): () => void {
  const watcher = watch(contentDir, { recursive: true }, (_event, filename) => {
    // Some platforms do not say which file; then the folder changed as a whole.
    const file = filename ? String(filename).split(sep).join('/') : '.';
    if (!ignoredChange(file)) onChange(file);
  });
  watcher.on('error', onError);
  return () => watcher.close();
}
