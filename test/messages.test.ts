import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { loadKit } from '../src/kit/load.ts';
import { readScript } from '../src/kit/script-source.ts';
import { linkifyHtml } from '../src/mail/linkify.ts';
import { draftCommand } from '../src/mail/draft-command.ts';
import { followUpMessages } from '../src/mail/messages.ts';
import type { TodoItem } from '../src/ledger/report.ts';
import { runCli } from './helpers/cli.ts';
import { copyFixture, fixture, tempDir } from './helpers/fixtures.ts';

const thank: TodoItem = {
  action: 'thank',
  partner: 'jane-smith',
  partner_name: 'Jane Smith',
  prospect: 'Dana <b>Wu</b>',
  status: 'won',
  since: '2026-09-01',
  days: 3,
  title: 'Thank Jane Smith for introducing Dana Wu',
  why: '',
  link: null,
};

describe('follow-through messages', () => {
  it('fall back to a neutral built-in message when the kit has no script of the channel', async () => {
    const { content } = await loadKit(fixture('basic'), { today: '2026-10-01' });
    const { messages, skipped } = await followUpMessages(content!, [thank, { ...thank, action: 'contact' }, { ...thank, partner: 'quiet-partner', partner_name: 'Quinn Quiet' }]);
    expect(skipped).toEqual([{ partner: 'quiet-partner', name: 'Quinn Quiet', channel: 'thank-you', reason: 'no email in their partner file' }]);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message).toMatchObject({
      channel: 'thank-you',
      to: { name: 'Jane Smith', address: 'jane-private-marker@example.com' },
      subject: 'Thank you for introducing Dana <b>Wu</b>',
      script: null,
      ledger: { list: 'received', date: '2026-09-01', from: 'jane-smith', prospect: 'Dana <b>Wu</b>', field: 'thanked' },
    });
    expect(message!.text).toBe('Hi Jane,\n\nThank you for introducing me to Dana <b>Wu</b>. I appreciate you thinking of me.\n\nAlex');
    // A name is text in the HTML part, never markup.
    expect(message!.html).toContain('Dana &#x3C;b>Wu&#x3C;/b>');
    // The same to-do makes the same message, whatever run makes it.
    const again = await followUpMessages(content!, [thank]);
    expect(again.messages[0]!.id).toBe(message!.id);
    expect(message!.messageId).toBe(`<referral-kit.${message!.id}@rivera.test>`);
  });

  it('writes .eml drafts for --eml, with the built-in words where the kit has none', async () => {
    const content = copyFixture('basic');
    const out = join(tempDir('outbox'), 'outbox');
    const run = await runCli(['follow-up', '--content', content, '--today', '2026-10-01', '--eml', '--out', out, '--kind', 'outcome']);
    expect(run.code).toBe(0);
    const files = readdirSync(out);
    expect(files.every((file) => file.startsWith('outcome-'))).toBe(true);
    const mail = await simpleParser(readFileSync(join(out, files.find((f) => f.includes('jane-smith'))!)));
    expect(files).toHaveLength(1);
    expect(mail.subject).toBe('How it went with PROSPECT-MARKER-5521 Dana');
    expect(mail.text).toContain('whom you introduced to me on September 1, 2026');
    expect(mail.headers.get('x-unsent')).toBe('1');
  });

  it('names the command that drafts each to-do', () => {
    expect(draftCommand(thank)).toBe('referral-kit follow-up "Dana <b>Wu</b>" --kind thank-you --eml');
    expect(draftCommand({ ...thank, action: 'ask', prospect: null }, 'imap')).toBe('referral-kit follow-up jane-smith --kind ask-again --imap');
    expect(draftCommand({ ...thank, prospect: 'a"$(rm -rf)`' })).toBe('referral-kit follow-up "a\\"\\$(rm -rf)\\`" --kind thank-you --eml');
    expect(draftCommand({ ...thank, action: 'contact' })).toBeUndefined();
  });
});

describe('introduction variables', () => {
  it("are refused in a script a partner sees, and allowed in the owner's own messages", () => {
    const partnerFacing = readScript('/k/scripts/phone.mdx', 'phone', '---\ntitle: Phone\nchannel: phone\n---\nAbout {intro.prospect}.\n');
    expect(partnerFacing.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual([
      '5:8: {intro.prospect} is only for your own messages to a partner (thank-you, outcome and the other follow-through channels), not for channel phone',
    ]);
    const owner = readScript(
      '/k/scripts/thanks.mdx',
      'thanks',
      '---\ntitle: Thanks\nchannel: thank-you\nsubject: "Thanks for {intro.prospect}"\n---\nThank you for {intro.prospect} on {intro.date} ({intro.status}).\n',
    );
    expect(owner.diagnostics).toEqual([]);
  });
});

describe('linkifyHtml', () => {
  it('makes bare web addresses clickable, leaving links and other text alone', () => {
    expect(linkifyHtml('<p>Your page: https://example.com/kit/abc/. Thanks</p>')).toBe('<p>Your page: <a href="https://example.com/kit/abc/">https://example.com/kit/abc/</a>. Thanks</p>');
    expect(linkifyHtml('<p><a href="https://a.test/">https://a.test/</a> and javascript:alert(1)</p>')).toBe('<p><a href="https://a.test/">https://a.test/</a> and javascript:alert(1)</p>');
  });
});
