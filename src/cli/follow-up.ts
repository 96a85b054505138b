/**
 * `referral-kit follow-up [who…]`: the message for each of today's to-dos (thank, tell the
 * outcome, ask again, give back, re-educate), written in the owner's words from their scripts,
 * ready to review as drafts or to send from their own account. Without a way chosen, a dry run.
 */
import { testimonialAskedOf } from '../kit/testimonial-file.ts';
import { defineCommand, type ArgsDef } from 'citty';
import { addDays, localToday } from '../kit/dates.ts';
import { futureGraceDays } from '../schemas/ledger.ts';
import { quote } from '../kit/diagnostics.ts';
import { hasErrors, summarize } from '../kit/diagnostics.ts';
import { readContent } from '../kit/load.ts';
import { absoluteUrl, kitPath } from '../kit/urls.ts';
import { prospectKey } from '../ledger/load.ts';
import { followUpReport } from '../ledger/report.ts';
import { finishRecording } from '../mail/smtp.ts';
import { actionChannels } from '../mail/draft-command.ts';
import { followUpMessages } from '../mail/messages.ts';
import { appendSentRecord, latestStates, readSentLog, sentLogPath } from '../mail/sent-log.ts';
import { followThroughChannels } from '../schemas/script.ts';
import { mailSentences } from '../mail/default-messages.ts';
import { deliver, deliveryMode, deliveryOptions } from './deliver.ts';
import { dateFromOption, ledgerSchemaPath } from './ledger.ts';
import { CliError } from './cli-error.ts';
import { contentOption, rejectUnknown, reportDiagnostics, requireContentFolder } from './options.ts';

const args = {
  ...contentOption,
  who: { type: 'positional', description: "Only the to-dos about these partners (slug or name) or prospects (default: all of today's)", required: false, valueHint: 'name…' },
  kind: { type: 'string', description: `Only this kind of message: ${followThroughChannels.join(', ')}`, valueHint: 'kind' },
  today: { type: 'string', description: 'Count days from this date instead of today, as report does', valueHint: 'YYYY-MM-DD' },
  ...deliveryOptions,
  out: { type: 'string', description: 'Folder for --eml drafts', default: 'outbox', valueHint: 'dir' },
  force: { type: 'boolean', description: 'With --eml: replace drafts already in the folder' },
  'confirm-sent': { type: 'string', description: 'A message left unsure by a stopped run is in your Sent folder: record it as sent', valueHint: 'id' },
  resend: { type: 'string', description: 'A message left unsure by a stopped run is not in your Sent folder: let the next --send send it', valueHint: 'id' },
  json: { type: 'boolean', description: 'Print the messages (or what was done) as JSON' },
} satisfies ArgsDef;

export const followUpCommand = defineCommand({
  meta: { name: 'follow-up', description: 'Write the message for each follow-up to-do, as drafts or sent from your own account' },
  args,
  async run({ args: parsed }) {
    rejectUnknown(parsed, args);
    const today = dateFromOption('today', parsed.today, localToday(), true);
    const mode = deliveryMode(parsed, 'dry-run');
    // What is sent is recorded in the ledger with this date: it must not be in the future.
    if (mode === 'send' && today > addDays(localToday(), futureGraceDays)) {
      throw new CliError(mailSentences.futureToday(today));
    }
    if (parsed.kind !== undefined && !(Object.values(actionChannels) as string[]).includes(parsed.kind)) {
      throw new CliError(mailSentences.unknownKind(Object.values(actionChannels), quote(parsed.kind)));
    }
    const setup = await readContent(parsed.content, ['content', 'ledger'], { today });
    requireContentFolder(setup);
    const ledgerTarget = { file: setup.ledger.file, context: setup.ledger.context, schemaPath: ledgerSchemaPath(setup.contentDir) };
    const logFile = sentLogPath(setup.contentDir);

    for (const [option, state] of [
      ['confirm-sent', 'sent'],
      ['resend', 'resend'],
    ] as const) {
      const id = parsed[option]?.trim();
      if (id === undefined) continue;
      const record = latestStates(await readSentLog(logFile)).get(id);
      if (record?.state !== 'sending') {
        throw new CliError(mailSentences.notWaiting(option, quote(id), logFile, record?.state));
      }
      await appendSentRecord(logFile, { ...record, state });
      if (state === 'sent') {
        const problems = await finishRecording(logFile, ledgerTarget, (iso) => localToday(new Date(iso)));
        console.log(mailSentences.confirmedSent(quote(record.subject), record.to));
        // Recorded as sent all the same; what could not be written to the ledger is said last.
        if (problems.length) throw new CliError(problems);
      } else console.log(mailSentences.willResend(quote(record.subject), record.to));
      return;
    }

    // The whole kit's findings include the ledger's.
    const { content, diagnostics, ledger } = setup;
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (!content || !ledger.data || hasErrors(errors)) {
      reportDiagnostics(errors);
      throw new CliError(mailSentences.fixBeforeFollowUp(summarize(errors)));
    }
    const testimonialAsked = await testimonialAskedOf(setup.contentDir);
    const report = followUpReport({
      today,
      followUp: content.kit.follow_up,
      partners: content.partners.map(({ slug, data }) => ({
        slug,
        name: data.name,
        category: data.category,
        kitUrl: absoluteUrl(content.kit.site, kitPath(data.token)),
        testimonialAsked: testimonialAsked.has(slug),
      })),
      ledger: ledger.data,
    });
    const wanted = parsed._.map((name) => prospectKey(name));
    const todo = report.todo.filter((item) => {
      if (parsed.kind !== undefined && actionChannels[item.action] !== parsed.kind) return false;
      // Asking for a testimonial is personal: drafted when the owner names the partner or the
      // kind (as the report's command does), never swept into a run of every to-do.
      if (item.action === 'ask-testimonial' && parsed.kind === undefined && !wanted.length) return false;
      if (!wanted.length) return true;
      const names = [item.partner, item.partner_name, item.prospect ?? ''].map(prospectKey);
      return wanted.some((name) => names.includes(name));
    });
    if (wanted.length && !todo.some((item) => actionChannels[item.action])) {
      throw new CliError(mailSentences.noSuchTodo(parsed._.map((name) => quote(name)).join(', '), parsed.kind));
    }
    const { messages, skipped } = await followUpMessages(content, todo);
    await deliver({
      content,
      messages,
      skipped,
      mode,
      out: parsed.out,
      force: Boolean(parsed.force),
      json: Boolean(parsed.json),
      mailSettings: parsed['mail-settings'],
      ledger: ledgerTarget,
      today,
    });
  },
});

export const followUpExamples = [
  'referral-kit follow-up                          # what would be sent today (a dry run)',
  'referral-kit follow-up --imap                   # drafts in your mailbox, to read and send',
  'referral-kit follow-up --send                   # send them from your own account',
  'referral-kit follow-up "Dana Wu" --kind thank-you --eml',
];
