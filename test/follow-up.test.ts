/**
 * `referral-kit follow-up` against real servers on 127.0.0.1: today's report of the example kit
 * becomes sent messages on an SMTP server and drafts in a Dovecot Drafts folder, each parsed back
 * with mailparser; faults on the server never lose a message nor send one twice, and the ledger
 * records exactly what the server accepted.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { simpleParser, type AddressObject } from 'mailparser';
import { parse, parseDocument } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSentLog, latestStates, sentLogPath, type SentRecord } from '../src/mail/sent-log.ts';
import { runCli } from './helpers/cli.ts';
import { repoRoot, tempDir } from './helpers/fixtures.ts';
import { startDovecot, startSmtpServer, type SmtpTestServer } from './helpers/mail-servers.ts';

const today = '2026-12-01';

/** The partners the example kit's report of 2026-12-01 has a message for, with an email. */
const expectedMessages = [
  ['outcome', 'tomas@brightline.example', 'Felix Braun: how it went'],
  ['outcome', 'lena@makersguild.example', 'Diego Alvarez: how it went'],
  ['thank-you', 'lena@makersguild.example', 'Thank you for introducing Diego Alvarez'],
  ['thank-you', 'lena@makersguild.example', 'Thank you for introducing Olivia Grant'],
  ['give-back', 'tomas@brightline.example', 'Who can I introduce you to, Tomás?'],
  ['give-back', 'lena@makersguild.example', 'Who can I introduce you to, Lena?'],
  ['re-educate', 'tomas@brightline.example', 'Thank you, and who I can help most'],
  ['ask-again', 'sanne@studionoord.example', 'Ken jij iemand die wakker ligt van de boekhouding, Sanne?'],
  ['ask-again', 'layla@nakhla.example', 'هل تعرف أحدًا تُقلقه حساباته يا ليلى؟'],
  ['ask-again', 'sam@whitfieldbooks.example', 'Anyone whose books keep them up at night, Sam?'],
  ['ask-again', 'marcus.chen@harbormutual.example', 'Anyone whose books keep them up at night, Marcus?'],
] as const;

const messageCount = expectedMessages.length;
/** The example kit's partners with an email: each gets an invitation. */
const invitationCount = readdirSync(join(repoRoot, 'content', 'partners')).filter((file) => /^email:/m.test(readFileSync(join(repoRoot, 'content', 'partners', file), 'utf8'))).length;

function exampleKit(): string {
  const content = join(tempDir('follow-up'), 'content');
  cpSync(join(repoRoot, 'content'), content, { recursive: true });
  return content;
}

const savedEnv = { ...process.env };
let settingsFile: string;

beforeEach(() => {
  // No pause between messages in tests, and never the user's own settings file.
  settingsFile = join(tempDir('mail-settings'), 'mail.yaml');
  writeFileSync(settingsFile, 'pause_seconds: 0\n');
  process.env.REFERRAL_KIT_MAIL_SETTINGS = settingsFile;
});

afterEach(() => {
  for (const key of Object.keys(process.env)) if (key.startsWith('REFERRAL_KIT_')) delete process.env[key];
  Object.assign(process.env, savedEnv);
});

function useSmtp(server: SmtpTestServer, password = server.password): void {
  process.env.REFERRAL_KIT_SMTP_URL = `smtp://${encodeURIComponent(server.user)}@127.0.0.1:${server.port}`;
  process.env.REFERRAL_KIT_SMTP_PASSWORD = password;
}

const send = (content: string, ...more: string[]) => runCli(['follow-up', '--content', content, '--today', today, '--send', ...more]);

const addresses = (field: AddressObject | AddressObject[] | undefined) => [field ?? []].flat().flatMap((a) => a.value.map((v) => v.address));

function ledgerOf(content: string) {
  return parse(readFileSync(join(content, 'referrals.yaml'), 'utf8')) as {
    received: { from: string; prospect: string; thanked?: string; outcome_shared?: string }[];
    asks: { date: string; partner: string; reeducated?: boolean }[];
  };
}

/** Message-IDs the sent log calls sent (or recorded). */
async function loggedSent(content: string): Promise<string[]> {
  const states = latestStates(await readSentLog(sentLogPath(content)));
  return [...states.values()]
    .filter((r) => r.state === 'sent' || r.state === 'recorded')
    .map((r) => r.message_id)
    .sort();
}

function receivedIds(server: SmtpTestServer): string[] {
  return server.received.map((message) => message.mail.messageId!).sort();
}

/**
 * The set the server received equals the set the log calls sent, with no message twice, and the
 * ledger records exactly the accepted messages: a thank-you or outcome per introduction, an ask
 * per ask-again or re-educate. Right after a kill, a message the log calls "sent" but not yet
 * "recorded" may still be missing from the ledger (the next run records it): `afterKill` allows
 * that, and nothing else.
 */
async function expectConsistent(server: SmtpTestServer, content: string, afterKill = false): Promise<void> {
  const ids = receivedIds(server);
  expect(new Set(ids).size).toBe(ids.length);
  expect(await loggedSent(content)).toEqual(ids);
  const ledger = ledgerOf(content);
  const records = [...latestStates(await readSentLog(sentLogPath(content))).values()];
  const accepted = records.filter((r) => ids.includes(r.message_id));
  const pending = (r: SentRecord) => afterKill && r.state === 'sent';
  const compare = (recorded: string[], expected: SentRecord[], name: (r: SentRecord) => string) => {
    const must = expected.filter((r) => !pending(r)).map(name);
    const may = expected.map(name);
    for (const entry of must) expect(recorded).toContain(entry);
    for (const entry of recorded) expect(may).toContain(entry);
    expect(recorded.length).toBe(new Set(recorded).size);
  };
  const asked = ledger.asks.filter((ask) => ask.date === today).map((a) => `${a.partner}${a.reeducated ? '+re' : ''}`);
  compare(
    asked,
    accepted.filter((r) => r.channel === 'ask-again' || r.channel === 're-educate'),
    (r) => `${r.partner}${r.channel === 're-educate' ? '+re' : ''}`,
  );
  for (const channel of ['thank-you', 'outcome'] as const) {
    const field = channel === 'thank-you' ? 'thanked' : 'outcome_shared';
    const recorded = ledger.received.filter((entry) => entry[field] === today).map((entry) => entry.prospect);
    compare(
      recorded,
      accepted.filter((r) => r.channel === channel),
      (r) => r.prospect!,
    );
  }
}

describe('referral-kit follow-up', () => {
  it('lists what it would send without --send, and sends nothing', async () => {
    const content = exampleKit();
    const { code, stdout, stderr } = await runCli(['follow-up', '--content', content, '--today', today]);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Would send ${messageCount} messages \\(dry run: nothing was sent\\):`));
    for (const [channel] of expectedMessages) expect(stdout).toContain(`${channel}  to `);
    for (const [, to, subject] of expectedMessages) expect(stdout).toMatch(new RegExp(`<${to.replace(/\./g, '\\.')}>: ${subject.replace(/[?.]/g, '\\$&')}`));
    expect(stderr).toBe('skipped ask-again for dana-wu (Dana Wu): no email in their partner file');
    expect(existsSync(sentLogPath(content))).toBe(false);
  });

  it("sends today's messages over SMTP, each readable and correct, and records them in the ledger", async () => {
    const server = await startSmtpServer();
    try {
      const content = exampleKit();
      useSmtp(server);
      const ledgerBefore = readFileSync(join(content, 'referrals.yaml'), 'utf8');
      const { code, stdout, stderr } = await send(content);
      expect(stderr).toBe('skipped ask-again for dana-wu (Dana Wu): no email in their partner file');
      expect(code).toBe(0);
      expect(stdout).toContain(`${messageCount} sent from maya@ledgerandline.example`);
      expect(server.received.map(({ mail }) => [addresses(mail.to)[0], mail.subject]).sort()).toEqual(expectedMessages.map(([, to, subject]) => [to, subject]).sort());
      for (const { mail, envelopeTo } of server.received) {
        expect(addresses(mail.from)).toEqual(['maya@ledgerandline.example']);
        expect(envelopeTo).toEqual(addresses(mail.to));
        expect(mail.headers.has('x-unsent')).toBe(false);
        expect(mail.text).toMatch(/\nMaya$/);
      }
      const thanks = server.received.find(({ mail }) => mail.subject === 'Thank you for introducing Olivia Grant')!.mail;
      expect(thanks.text).toBe(
        'Hi Lena,\n\nThank you for introducing me to Olivia Grant. It means a lot that you thought of me, and I’ll look after them.\n\nI’ll let you know how it goes, whatever happens.\n\nMaya',
      );
      const outcome = server.received.find(({ mail }) => mail.subject === 'Diego Alvarez: how it went')!.mail;
      expect(outcome.text).toContain('whom you introduced on October 8, 2026. Where it landed: won.');
      // The kit link is clickable in the HTML part.
      const ask = server.received.find(({ mail }) => mail.subject?.endsWith('Sam?'))!.mail;
      const kitLink = /https:\/\/ledgerandline\.example\/kit\/[\w-]+\//.exec(ask.text!)![0];
      expect(ask.html).toContain(`<a href="${kitLink}" style="overflow-wrap:anywhere;word-break:break-all">${kitLink}</a>`);

      // The ledger: dates recorded for exactly those, every comment kept.
      const ledgerText = readFileSync(join(content, 'referrals.yaml'), 'utf8');
      for (const line of ledgerBefore.split('\n').filter((l) => l.trim().startsWith('#'))) expect(ledgerText).toContain(line);
      const ledger = ledgerOf(content);
      const diego = ledger.received.find((entry) => entry.prospect === 'Diego Alvarez')!;
      expect([diego.thanked, diego.outcome_shared]).toEqual([today, today]);
      expect(
        ledger.asks
          .filter((a) => a.date === today)
          .map((a) => [a.partner, Boolean(a.reeducated)])
          .sort(),
      ).toEqual([
        ['layla-haddad', false],
        ['marcus-chen', false],
        ['sam-whitfield', false],
        ['sanne-de-vries', false],
        ['tomas-herrera', true],
      ]);
      await expectConsistent(server, content);
      const log = sentLogPath(content);
      expect(statSync(log).mode & 0o777).toBe(0o600);

      // Run again: nothing new to send, nothing sent twice.
      const again = await send(content);
      expect(again.code).toBe(0);
      expect(server.received).toHaveLength(messageCount);
      const report = await runCli(['report', '--content', content, '--today', today, '--json']);
      const actions = (JSON.parse(report.stdout) as { todo: { action: string; partner: string }[] }).todo.map((t) => `${t.action}:${t.partner}`);
      expect(actions.filter((a) => /^(thank|share-outcome|ask|re-educate):/.test(a))).toEqual(['ask:dana-wu']);
    } finally {
      await server.close();
    }
  });

  it('puts the messages in a Dovecot Drafts folder once, however often it runs', async () => {
    const dovecot = await startDovecot();
    try {
      const content = exampleKit();
      process.env.REFERRAL_KIT_IMAP_URL = `imap://${encodeURIComponent(dovecot.user)}@127.0.0.1:${dovecot.port}`;
      process.env.REFERRAL_KIT_IMAP_PASSWORD = dovecot.password;
      const ledgerBefore = readFileSync(join(content, 'referrals.yaml'), 'utf8');
      const first = await runCli(['follow-up', '--content', content, '--today', today, '--imap']);
      expect(first.stderr).toBe('skipped ask-again for dana-wu (Dana Wu): no email in their partner file');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain(`✓ ${messageCount} new drafts in Drafts.`);
      const second = await runCli(['follow-up', '--content', content, '--today', today, '--imap']);
      expect(second.stdout).toContain('✓ 0 new drafts in Drafts.');

      const folder = join(dovecot.dir, 'mail', dovecot.user, '.Drafts');
      const files = ['new', 'cur'].flatMap((sub) => (existsSync(join(folder, sub)) ? readdirSync(join(folder, sub)).map((f) => join(folder, sub, f)) : []));
      expect(files).toHaveLength(messageCount);
      // Maildir keeps flags in the file name: D for draft.
      for (const file of files) expect(file).toMatch(/:2,[A-Z]*D/);
      const drafts = await Promise.all(files.map(async (file) => simpleParser(readFileSync(file))));
      expect(drafts.map((mail) => [addresses(mail.to)[0], mail.subject]).sort()).toEqual(expectedMessages.map(([, to, subject]) => [to, subject]).sort());
      for (const mail of drafts) {
        expect(addresses(mail.from)).toEqual(['maya@ledgerandline.example']);
        expect(mail.html).toMatch(/^<!doctype html><html lang="en">/);
      }
      // A draft is not sent: the ledger waits for the owner.
      expect(readFileSync(join(content, 'referrals.yaml'), 'utf8')).toBe(ledgerBefore);
    } finally {
      await dovecot.stop();
    }
  });

  it('says so when the mailbox refuses the password', async () => {
    const dovecot = await startDovecot();
    try {
      const content = exampleKit();
      process.env.REFERRAL_KIT_IMAP_URL = `imap://${encodeURIComponent(dovecot.user)}@127.0.0.1:${dovecot.port}`;
      process.env.REFERRAL_KIT_IMAP_PASSWORD = 'wrong';
      const run = await runCli(['follow-up', '--content', content, '--today', today, '--imap']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('referral-kit: the mailbox refused the user name or password');
    } finally {
      await dovecot.stop();
    }
  });
});

describe('referral-kit follow-up --send limits', () => {
  it("stops at the daily cap, and sends the rest on the next day's run", async () => {
    const server = await startSmtpServer();
    try {
      const content = exampleKit();
      writeFileSync(settingsFile, 'pause_seconds: 0\ndaily_cap: 4\n');
      useSmtp(server);
      const run = await send(content);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("stopped: today's limit of 4 messages is reached (daily_cap in your mail settings)");
      expect(server.received).toHaveLength(4);
      await expectConsistent(server, content);
      expect((await send(content)).code).toBe(1);
      expect(server.received).toHaveLength(4);
    } finally {
      await server.close();
    }
  });

  it('refuses to send in clear text to anything but this computer', async () => {
    const server = await startSmtpServer();
    try {
      const content = exampleKit();
      // The same loopback server, named so that it does not count as localhost: STARTTLS is required, and it offers none.
      process.env.REFERRAL_KIT_SMTP_URL = `smtp://${encodeURIComponent(server.user)}@[::ffff:127.0.0.1]:${server.port}`;
      process.env.REFERRAL_KIT_SMTP_PASSWORD = server.password;
      const run = await send(content);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('stopped: the server would not encrypt the connection (STARTTLS)');
      expect(server.received).toHaveLength(0);
      await expectConsistent(server, content);
    } finally {
      await server.close();
    }
  });

  it('does not send with a --today in the future, whose date would go in the ledger', async () => {
    const run = await runCli(['follow-up', '--content', exampleKit(), '--today', '2999-01-01', '--send']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--today: 2999-01-01 is in the future');
  });
});

describe('referral-kit follow-up --send under faults', () => {
  it('the connection dropped after the 3rd message: the rest go on the next run, the unsure one once the owner says so', async () => {
    const server = await startSmtpServer({ dropAfter: 3 });
    try {
      const content = exampleKit();
      useSmtp(server);
      const first = await send(content);
      expect(first.code).toBe(1);
      expect(server.received).toHaveLength(3);
      await expectConsistent(server, content);
      // The 4th was on its way when the line dropped: it is neither sent again nor forgotten.
      const unsure = [...latestStates(await readSentLog(sentLogPath(content))).values()].filter((r) => r.state === 'sending');
      expect(unsure).toHaveLength(1);
      expect(first.stderr).toContain('stopped: Connection closed unexpectedly');

      server.faults.dropAfter = undefined;
      const second = await send(content);
      expect(second.stderr).toContain(`${unsure[0]!.id} to `);
      expect(second.stderr).toContain('look in your Sent folder');
      expect(server.received).toHaveLength(messageCount - 1);
      await expectConsistent(server, content);

      const resend = await runCli(['follow-up', '--content', content, '--resend', unsure[0]!.id]);
      expect(resend.code).toBe(0);
      const third = await send(content);
      expect(third.code).toBe(0);
      expect(server.received).toHaveLength(messageCount);
      await expectConsistent(server, content);
    } finally {
      await server.close();
    }
  });

  it('stopped between the server taking a thank-you and the ledger saying so: the next run records it on the day the first was for', async () => {
    const server = await startSmtpServer();
    try {
      const content = exampleKit();
      useSmtp(server);
      // --today is the example kit's day, before the clock's (every day from 2026-12-02): its date is
      // what the ledger says, as for every other message.
      expect((await send(content)).code).toBe(0);
      // As a run killed after the server's reply and before the ledger was written leaves it:
      // the message's last record "sent", and the ledger without its date.
      const log = sentLogPath(content);
      const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
      const last = lines.findLastIndex((line) => {
        const record = JSON.parse(line) as SentRecord;
        return record.state === 'recorded' && record.channel === 'thank-you';
      });
      const record = JSON.parse(lines[last]!) as SentRecord;
      writeFileSync(log, `${lines.filter((_, index) => index !== last).join('\n')}\n`);
      const ledgerFile = join(content, 'referrals.yaml');
      const ledger = parseDocument(readFileSync(ledgerFile, 'utf8'));
      const entry = (ledger.get('received') as { items: { get(key: string): unknown; delete(key: string): void }[] }).items.find((item) => item.get('prospect') === record.prospect);
      expect(entry?.get('thanked')).toBe(today);
      entry!.delete('thanked');
      writeFileSync(ledgerFile, ledger.toString());

      expect((await send(content)).code).toBe(0);
      expect(server.received).toHaveLength(messageCount);
      await expectConsistent(server, content);
    } finally {
      await server.close();
    }
  });

  it("a recipient rejected: that partner's messages fail, the others go, and the ledger records only those", async () => {
    const server = await startSmtpServer({ rejectRecipients: ['lena@makersguild.example'] });
    try {
      const content = exampleKit();
      useSmtp(server);
      const run = await send(content);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('not sent to Lena Park <lena@makersguild.example>: the server replied "550 No such user here"');
      expect(server.received).toHaveLength(messageCount - expectedMessages.filter(([, to]) => to === 'lena@makersguild.example').length);
      expect(server.received.flatMap(({ mail }) => addresses(mail.to))).not.toContain('lena@makersguild.example');
      await expectConsistent(server, content);
      const diego = ledgerOf(content).received.find((entry) => entry.prospect === 'Diego Alvarez')!;
      expect(diego.thanked).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  for (const [code, text] of [
    [421, 'Service not available, closing transmission channel'],
    [452, 'Too much mail sent today, try again later'],
  ] as const) {
    it(`a ${code} reply after the 2nd message stops the run; the next run sends the rest, none twice`, async () => {
      const server = await startSmtpServer({ replyAfter: { accepted: 2, code, message: text } });
      try {
        const content = exampleKit();
        useSmtp(server);
        const first = await send(content);
        expect(first.code).toBe(1);
        expect(first.stderr).toContain(`stopped: the server replied "${code} ${text}"`);
        expect(server.received).toHaveLength(2);
        await expectConsistent(server, content);
        server.faults.replyAfter = undefined;
        const second = await send(content);
        expect(second.code).toBe(0);
        expect(server.received).toHaveLength(messageCount);
        await expectConsistent(server, content);
      } finally {
        await server.close();
      }
    });
  }

  it('a wrong password: nothing is sent, the message says what to check, and the ledger is untouched', async () => {
    const server = await startSmtpServer();
    try {
      const content = exampleKit();
      useSmtp(server, 'not the password');
      const ledgerBefore = readFileSync(join(content, 'referrals.yaml'), 'utf8');
      const run = await send(content);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('the mail server refused the user name or password');
      expect(run.stderr).toContain('app password');
      expect(server.received).toHaveLength(0);
      expect(readFileSync(join(content, 'referrals.yaml'), 'utf8')).toBe(ledgerBefore);
      await expectConsistent(server, content);
    } finally {
      await server.close();
    }
  });

  it('killed at random points, again and again, then run to the end: every message once, and the ledger matches', async () => {
    const server = await startSmtpServer();
    try {
      const content = exampleKit();
      writeFileSync(settingsFile, 'pause_seconds: 0.3\n');
      const env = {
        ...process.env,
        REFERRAL_KIT_SMTP_URL: `smtp://${encodeURIComponent(server.user)}@127.0.0.1:${server.port}`,
        REFERRAL_KIT_SMTP_PASSWORD: server.password,
      };
      /**
       * Runs the command in its own process. With `killAt`, it is killed with SIGKILL once the sent
       * log shows that many messages begun in this run, plus a random few milliseconds, so the kill
       * lands anywhere: before the SMTP call, during it, or between "sent" and the ledger update.
       */
      const runChild = async (killAt: number | undefined): Promise<number | null> => {
        const before = (await readSentLog(sentLogPath(content))).filter((r) => r.state === 'sending').length;
        const child = spawn(process.execPath, [join(repoRoot, 'bin', 'referral-kit.js'), 'follow-up', '--content', content, '--today', today, '--send'], { env, stdio: 'ignore' });
        const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
        if (killAt !== undefined) {
          for (let poll = 0; poll < 500 && child.exitCode === null; poll++) {
            const begun = (await readSentLog(sentLogPath(content))).filter((r) => r.state === 'sending').length - before;
            if (begun >= killAt) break;
            await sleep(20);
          }
          await sleep(Math.floor(Math.random() * 300));
          child.kill('SIGKILL');
        }
        return exited;
      };
      /** The owner's check of their Sent folder, for each message a kill left unsure. */
      const checkSentFolder = async () => {
        const received = new Set(receivedIds(server));
        const unsure = [...latestStates(await readSentLog(sentLogPath(content))).values()].filter((r: SentRecord) => r.state === 'sending');
        for (const record of unsure) {
          const option = received.has(record.message_id) ? '--confirm-sent' : '--resend';
          expect((await runCli(['follow-up', '--content', content, option, record.id])).code).toBe(0);
        }
      };
      // Bounded: a few kills, each at a random moment while the batch is being sent.
      const counts: number[] = [];
      for (let round = 0; round < 5 && server.received.length < messageCount; round++) {
        await runChild(1 + Math.floor(Math.random() * 3));
        counts.push(server.received.length);
        await checkSentFolder();
        await expectConsistent(server, content, true);
      }
      let code: number | null = null;
      for (let round = 0; round < 3 && code !== 0; round++) {
        code = await runChild(undefined);
        await checkSentFolder();
      }
      expect(code).toBe(0);
      // The kills did land mid-batch: some messages were out before the end.
      expect(counts.some((count) => count > 0 && count < messageCount)).toBe(true);
      expect(receivedIds(server)).toHaveLength(messageCount);
      await expectConsistent(server, content);
    } finally {
      await server.close();
    }
  }, 120_000);
});

describe('referral-kit invite over the same delivery layer', () => {
  it('sends each invitation once over SMTP, after a dry run that sends nothing', async () => {
    const server = await startSmtpServer();
    try {
      const content = exampleKit();
      useSmtp(server);
      const dry = await runCli(['invite', '--content', content, '--send', '--dry-run']);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(new RegExp(`^Would send ${invitationCount} messages \\(dry run: nothing was sent\\):`));
      expect(server.received).toHaveLength(0);
      const sent = await runCli(['invite', '--content', content, '--send']);
      expect(sent.code).toBe(0);
      expect(server.received).toHaveLength(invitationCount);
      const priya = server.received.find(({ mail }) => addresses(mail.to)[0] === 'priya@fieldnote.example')!.mail;
      expect(priya.subject).toBe('Priya, a small favour (and a page I made for you)');
      const kitLink = /https:\/\/ledgerandline\.example\/kit\/[\w-]+\//.exec(priya.text!)![0];
      expect(priya.html).toContain(`<a href="${kitLink}" style="overflow-wrap:anywhere;word-break:break-all">${kitLink}</a>`);
      const again = await runCli(['invite', '--content', content, '--send']);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('already sent to Priya Nair <priya@fieldnote.example>');
      expect(server.received).toHaveLength(invitationCount);
      await expectConsistent(server, content);
    } finally {
      await server.close();
    }
  });

  it('puts invitations in the Drafts folder with --imap', async () => {
    const dovecot = await startDovecot();
    try {
      const content = exampleKit();
      process.env.REFERRAL_KIT_IMAP_URL = `imap://${encodeURIComponent(dovecot.user)}@127.0.0.1:${dovecot.port}`;
      process.env.REFERRAL_KIT_IMAP_PASSWORD = dovecot.password;
      const run = await runCli(['invite', 'priya-nair', '--content', content, '--imap']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('✓ 1 new draft in Drafts.');
    } finally {
      await dovecot.stop();
    }
  });
});
