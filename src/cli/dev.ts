/** `referral-kit dev`: a live preview of a kit folder, with a start page listing every page. */
import { resolve } from 'node:path';
import { defineCommand } from 'citty';
import { displayPath, hasErrors, summarize } from '../kit/diagnostics.ts';
import { readContent } from '../kit/load.ts';
import { turnOffAstroTelemetry } from '../build/astro-telemetry.ts';
import { projectRoot } from '../build/project-root.ts';
import { openHandoff } from '../integration/build-handoff.ts';
import { devIndexPath } from '../site/dev-index.ts';
import { CliError } from './cli-error.ts';
import { contentOption, rejectUnknown, reportDiagnostics } from './options.ts';

const args = {
  ...contentOption,
  port: { type: 'string', description: 'Port to serve on (default: 4321, or the next free one)', valueHint: 'number' },
} as const;

export const devCommand = defineCommand({
  meta: { name: 'dev', description: "Preview the kit on your computer, updated as you save; lists every page, each partner's kit too" },
  args,
  async run({ args: parsed }) {
    rejectUnknown(parsed, args);
    const contentDir = resolve(parsed.content);
    const port = parsed.port === undefined ? undefined : Number(parsed.port);
    if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
      throw new CliError(`--port: ${parsed.port} is not a port number, like 4321`);
    }
    const { content, diagnostics } = await readContent(contentDir, ['content']);
    reportDiagnostics(diagnostics);
    if (!content || hasErrors(diagnostics)) {
      throw new CliError(`the preview needs a kit without errors (${summarize(diagnostics)}); fix them and run it again`);
    }
    const shownDir = displayPath(contentDir);
    // The kit folder, for as long as the server runs; its findings are printed above already.
    openHandoff({ contentDir, findingsShown: true });
    // Astro resolves the pages' imports from the project; the kit folder stays as it is.
    process.chdir(projectRoot);
    turnOffAstroTelemetry();
    const { dev } = await import('astro');
    const server = await dev({ root: projectRoot, logLevel: 'warn', server: { host: '127.0.0.1', ...(port ? { port } : {}) } });
    const origin = `http://127.0.0.1:${server.address.port}`;
    const base = content.kit.site.base;
    console.log(`Previewing ${shownDir} (changes show when you save; Ctrl-C to stop)`);
    console.log(`  Every page of your kit: ${origin}${base}${devIndexPath}`);
    console.log(`  Your home page:         ${origin}${base}`);
  },
});

export const devExamples = ['referral-kit dev', 'referral-kit dev --content my-kit --port 4000'];
