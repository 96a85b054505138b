/** `referral-kit build`: the kit folder → a static site, swapped in only when complete. */
import { defineCommand } from 'citty';
import { displayPath, summarize } from '../kit/diagnostics.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSite } from '../build/build-site.ts';
import { serialBuilds, watchFolder } from '../build/watch.ts';
import { CliError, reportCliError } from './cli-error.ts';
import { contentOption, rejectUnknown, reportDiagnostics } from './options.ts';
import { terminalProgress } from './progress.ts';

const args = {
  ...contentOption,
  out: { type: 'string', description: 'Folder to write the site to (replaced only when the build succeeds)', default: 'dist', valueHint: 'dir' },
  json: { type: 'boolean', description: 'Print the outcome and its figures as JSON (with --watch, a line of it per build)' },
  cache: {
    type: 'boolean',
    description: 'Reuse images whose inputs did not change',
    negativeDescription: 'Render every image anew (also: REFERRAL_KIT_CACHE=off)',
    default: true,
  },
  watch: { type: 'boolean', description: 'Stay running and build again whenever a file of the kit changes (Ctrl-C stops)' },
} as const;

type BuildArgs = { content: string; out: string; json?: boolean | undefined; cache: boolean };

/**
 * One build, its findings and outcome printed. Resolves to nothing when it succeeded, and
 * otherwise to why it stopped, for the caller to say (empty when the JSON has said it).
 */
async function buildOnce(parsed: BuildArgs, changed?: readonly string[]): Promise<string[] | undefined> {
  const progress = parsed.json ? undefined : terminalProgress(process.stderr);
  const log = (message: string) => {
    progress?.done();
    console.error(message);
  };
  const result = await buildSite({ contentDir: parsed.content, outDir: parsed.out, noCache: !parsed.cache, log, ...(progress ? { onProgress: progress.update } : {}) });
  progress?.done();
  reportDiagnostics(result.diagnostics);
  if (parsed.json) {
    const { diagnostics, ...outcome } = result;
    const figures = {
      ...outcome,
      ...(changed ? { changed } : {}),
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

/**
 * Memory past which `--watch` suggests a restart, once. Each build in the same process keeps some
 * (Astro loads its compiled pages as new modules, and Node cannot unload one): tens of megabytes
 * a build, measured on the example kit.
 */
const watchMemoryHint = 2 * 2 ** 30;

/** `--watch`: a build now, then one after each change, until Ctrl-C. */
async function watchAndBuild(parsed: BuildArgs): Promise<void> {
  // No folder to watch: said as a build without --watch says it.
  if (!existsSync(resolve(parsed.content))) {
    const stopped = await buildOnce(parsed);
    throw new CliError(stopped ?? []);
  }
  let end: () => void = () => {};
  const ended = new Promise<void>((resolve) => (end = resolve));
  let unexpected: { error: unknown } | undefined;
  let lost: Error | undefined;
  let hinted = false;
  const builds = serialBuilds(async (changes) => {
    if (changes.length && !parsed.json) console.error(`${changes.length === 1 ? changes[0] : `${changes.length} files`} changed: building again…`);
    try {
      const stopped = await buildOnce(parsed, changes);
      // A build that stops is said as the command would say it, and the watching goes on.
      if (stopped) reportCliError(new CliError(stopped));
      const held = process.memoryUsage.rss();
      if (held > watchMemoryHint && !hinted) {
        hinted = true;
        console.error(`build --watch now holds ${(held / 2 ** 30).toFixed(1)} GB of memory, which grows with each build: stop it (Ctrl-C) and start it again to give it back.`);
      }
    } catch (error) {
      // Not a problem of the kit's: it ends the watching, as it would end any command.
      unexpected = { error };
      end();
    }
  });
  const onSignal = () => end();
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
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
    await stopWatching();
    if (builds.building && !parsed.json) console.error('Stopping… (Ctrl-C again to stop at once)');
    await builds.stop();
  }
  if (unexpected) throw unexpected.error;
  if (lost) throw new CliError(`stopped watching ${displayPath(parsed.content)}: ${lost.message}`);
  if (!parsed.json) console.error(`Stopped watching. ${displayPath(parsed.out)} holds the last build that succeeded.`);
}

export const buildCommand = defineCommand({
  meta: { name: 'build', description: 'Check the kit, then build the site: kits, share pages, home and testimonials' },
  args,
  async run({ args: parsed }) {
    rejectUnknown(parsed, args);
    if (parsed.watch) return watchAndBuild(parsed);
    const stopped = await buildOnce(parsed);
    // With --json, the JSON says why; the exit code tells a script it failed.
    if (stopped) throw new CliError(stopped);
  },
});

export const buildExamples = ['referral-kit build', 'referral-kit build --content clients/maya --out public/maya', 'referral-kit build --no-cache', 'referral-kit build --watch'];
