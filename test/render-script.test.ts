import { describe, expect, it } from 'vitest';
import { compileScript } from '../src/kit/render-script.ts';
import type { ScriptContext } from '../src/kit/script-variables.ts';
import { writeKit } from './helpers/kit.ts';
import { join } from 'node:path';

const context: ScriptContext = {
  partner: { name: 'Jane Smith', first_name: 'Jane', company: undefined, occupation: 'Tax <b>accountant</b>' },
  owner: { name: 'Alex Rivera', first_name: 'Alex', business: 'Rivera & Co', email: 'alex@example.com', phone: undefined },
  value: { one_liner: 'Alex does the books.', pitch: 'Monthly bookkeeping.' },
  intro: { prospect: '', date: '', status: '' },
  share_url: 'https://example.com/for/jane/',
  kit_url: 'https://example.com/kit/abc/',
  booking_url: 'https://cal.example/alex',
};

async function render(body: string) {
  const dir = writeKit({ 'scripts/invite.mdx': `---\ntitle: Invite\nchannel: invite\n---\n${body}` });
  return (await compileScript(join(dir, 'scripts', 'invite.mdx')))(context);
}

describe('compileScript', () => {
  it('links to a variable written as a link address, and leaves the words unlinked when it is empty', async () => {
    const body = 'Please [book a call]({booking_url}) or read [my page]({share_url}).\n';
    expect((await render(body)).html).toBe('<p>Please <a href="https://cal.example/alex">book a call</a> or read <a href="https://example.com/for/jane/">my page</a>.</p>');
    const dir = writeKit({ 'scripts/invite.mdx': `---\ntitle: Invite\nchannel: invite\n---\n${body}` });
    const empty = (await compileScript(join(dir, 'scripts', 'invite.mdx')))({ ...context, booking_url: '' });
    expect(empty.html).toBe('<p>Please <a>book a call</a> or read <a href="https://example.com/for/jane/">my page</a>.</p>');
  });

  it('fills the variables, with fallbacks, as HTML and as the text a reader sees', async () => {
    const { html, text } = await render('Hi {partner.first_name}, at {partner.company ?? "your firm"}: {kit_url}\n\n{owner.first_name}\n');
    expect(html).toBe('<p>Hi Jane, at your firm: https://example.com/kit/abc/</p>\n<p>Alex</p>');
    expect(text).toBe('Hi Jane, at your firm: https://example.com/kit/abc/\n\nAlex');
  });

  it('keeps markup in values as text', async () => {
    const { html, text } = await render('{partner.occupation} at {owner.business}\n');
    expect(html).toBe('<p>Tax &#x3C;b>accountant&#x3C;/b> at Rivera &#x26; Co</p>');
    expect(text).toBe('Tax <b>accountant</b> at Rivera & Co');
  });

  it('applies the Markdown the site applies: GFM and smart punctuation', async () => {
    const { html } = await render('It\'s **bold**, ~~gone~~ -- and "quoted"... see https://example.com/x\n');
    expect(html).toBe('<p>It’s <strong>bold</strong>, <del>gone</del> — and “quoted”… see <a href="https://example.com/x">https://example.com/x</a></p>');
  });
});
