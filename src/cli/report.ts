/**
 * `referral-kit report`: who to call today, and which sources send the best introductions, from
 * the private ledger. As text, JSON, or a self-contained HTML page that stays on your computer.
 */
import { testimonialAskedOf } from '../kit/testimonial-file.ts';
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { defineCommand, type ArgsDef } from 'citty';
import { projectRoot } from '../build/project-root.ts';
import { localToday } from '../kit/dates.ts';
import { displayPath, summarize } from '../kit/diagnostics.ts';
import { readContent } from '../kit/load.ts';
import { publishedPlace } from '../kit/published.ts';
import { loadMailAccount } from '../mail/account.ts';
import { draftCommand } from '../mail/draft-command.ts';
import { absoluteUrl, kitPath } from '../kit/urls.ts';
import { writeFileAtomically } from '../ledger/edit.ts';
import { renderTextReport } from '../ledger/render-text.ts';
import { followUpReport } from '../ledger/report.ts';
import { dateFromOption } from './ledger.ts';
import { CliError } from './cli-error.ts';
import { contentOption, rejectUnknown, reportDiagnostics, requireContentFolder } from './options.ts';

const args = {
  ...contentOption,
  today: { type: 'string', description: 'Count days from this date instead of today: to look ahead, or to reproduce a report', valueHint: 'YYYY-MM-DD' },
  json: { type: 'boolean', description: 'Print the report as JSON' },
  html: { type: 'string', description: 'Write the report as a web page with charts, to open in your browser (private: keep it off your site)', valueHint: 'file' },
} satisfies ArgsDef;

export const reportCommand = defineCommand({
  meta: { name: 'report', description: 'Who to follow up with today, and which partners send the best introductions' },
  args,
  async run({ args: parsed }) {
    rejectUnknown(parsed, args);
    const today = dateFromOption('today', parsed.today, localToday(), true);
    if (parsed.html !== undefined) {
      const target = resolve(parsed.html);
      const reason = !parsed.html.trim() || (existsSync(target) && statSync(target).isDirectory()) ? 'it needs a file name, like report.html' : await publishedPlace(target, projectRoot);
      if (reason) {
        throw new CliError(`--html: not writing the report there: ${reason}. It names your prospects; write it elsewhere, like report.html`);
      }
    }

    // The page's "Write it" links fill in each message: only then is the whole kit read.
    const setup = await readContent(parsed.content, parsed.html !== undefined ? ['kitFile', 'partners', 'ledger', 'content'] : ['kitFile', 'partners', 'ledger'], { today });
    requireContentFolder(setup);
    const {
      kitFile: { kit, diagnostics: kitDiagnostics },
      ledger,
    } = setup;
    const problems = [...(kit ? [] : kitDiagnostics), ...setup.partners.diagnostics, ...ledger.diagnostics];
    const errors = problems.filter((d) => d.severity === 'error');
    if (!kit || !ledger.data || errors.length) {
      reportDiagnostics(errors);
      throw new CliError(`${summarize(errors)}: fix the errors above before the report`);
    }
    // The ledger's own warnings (an introduction written twice) change the numbers: say so.
    reportDiagnostics(ledger.diagnostics);

    const testimonialAsked = await testimonialAskedOf(setup.contentDir);
    const report = followUpReport({
      today,
      followUp: kit.follow_up,
      partners: setup.partners.partners.map(({ slug, data }) => ({
        slug,
        name: data.name,
        category: data.category,
        kitUrl: absoluteUrl(kit.site, kitPath(data.token)),
        testimonialAsked: testimonialAsked.has(slug),
      })),
      ledger: ledger.data,
    });

    // The command that drafts each to-do's message, for partners who have an email.
    const emails = new Map(setup.partners.partners.map(({ slug, data }) => [slug, data.email]));
    // Drafts go to the mailbox when one is set up, to files otherwise.
    const account = await loadMailAccount(setup.contentDir);
    const via = 'imap' in account && account.imap ? 'imap' : 'eml';
    const draftCommands = report.todo.map((item) => (emails.get(item.partner) ? draftCommand(item, via) : undefined));

    if (parsed.html !== undefined) {
      // Loaded for the page only: filling messages in renders scripts, which the terminal report never does.
      const [{ followUpMessages }, { mailtoUrl }, { renderHtmlReport }] = await Promise.all([import('../mail/messages.ts'), import('../kit/mailto.ts'), import('../ledger/render-html.ts')]);
      const file = resolve(parsed.html);
      // "Write it": each message filled in, opened in the owner's mail app. Scripts with errors
      // leave the page without these links rather than without a report.
      let writeLinks: (string | undefined)[] | undefined;
      const whole = 'content' in setup ? setup.content : undefined;
      if (whole) {
        const { messages } = await followUpMessages(whole, report.todo);
        writeLinks = report.todo.map((item) => {
          const message = messages.find((candidate) => candidate.todo === item);
          return message && mailtoUrl({ to: message.to.address, subject: message.subject, body: message.text });
        });
      }
      try {
        await mkdir(dirname(file), { recursive: true });
      } catch (error) {
        throw new CliError(`--html: could not make the folder for ${displayPath(file)} (${(error as Error).message})`);
      }
      const html = renderHtmlReport(report, {
        owner: kit.owner.name,
        business: kit.owner.business,
        language: kit.site.language,
        accent: kit.site.accent,
        hasLedger: ledger.exists,
        currency: kit.currency,
        writeLinks,
        draftCommands,
      });
      try {
        await writeFileAtomically(file, html);
      } catch (error) {
        throw new CliError(`--html: could not write ${displayPath(file)} (${(error as Error).message})`);
      }
      const done = `✓ Wrote ${displayPath(file)}: ${report.todo.length} to do, ${report.sources.total.received} introductions from ${report.sources.total.partners} partners. Open it in your browser; it stays on this computer.`;
      (parsed.json ? console.error : console.log)(done);
    }
    if (parsed.json) console.log(JSON.stringify(report, null, 2));
    else if (parsed.html === undefined) console.log(renderTextReport(report, { owner: kit.owner.name, language: kit.site.language, hasLedger: ledger.exists, currency: kit.currency, draftCommands }));
  },
});

export const reportExamples = [
  'referral-kit report',
  'referral-kit report --html report.html   # a page with charts, to open in your browser',
  'referral-kit report --json',
  'referral-kit report --today 2026-12-01   # what will be due by then',
];
