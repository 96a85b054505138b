/**
 * The HTML part of the owner's messages on a phone: a kit link is one long word, and it must wrap
 * inside a 375 px screen rather than run past its edge. The example kit's invitations and a
 * follow-up message, as they leave for the mailbox, are opened in Debian's Chromium; screenshots
 * land in test-results/email/ for a person to look at.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailHtml } from '../src/kit/eml.ts';
import { loadKit } from '../src/kit/load.ts';
import { inviteMessages, type OutgoingMessage } from '../src/mail/messages.ts';
import { horizontalOverflow, launchChromium, screenshot, viewports, watchedContext } from './helpers/browser.ts';
import { repoRoot } from './helpers/fixtures.ts';

let browser: Browser;
let messages: OutgoingMessage[];
let languages: Map<string, string>;

beforeAll(async () => {
  browser = await launchChromium();
  const { content } = await loadKit(join(repoRoot, 'content'));
  const chosen = content!.partners.filter((partner) => ['priya-nair', 'sanne-de-vries', 'layla-haddad'].includes(partner.slug));
  languages = new Map(chosen.map((partner) => [partner.slug, partner.data.language ?? content!.kit.site.language]));
  // Without the example's invite scripts too: the built-in words in each partner's language.
  const builtIn = await inviteMessages({ ...content!, scripts: content!.scripts.filter((script) => script.data.channel !== 'invite') }, chosen);
  messages = [...(await inviteMessages(content!, chosen)).messages, ...builtIn.messages];
});

afterAll(async () => {
  await browser?.close();
});

describe('an email with a kit link at 375 px', () => {
  it('wraps the link inside the screen, left to right and right to left', async () => {
    expect(messages.length).toBe(6);
    const { context, watch } = await watchedContext(browser, { viewport: viewports.phone });
    const page = await context.newPage();
    const found: string[] = [];
    for (const [index, message] of messages.entries()) {
      const language = languages.get(message.partner)!;
      await page.setContent(emailHtml(message.html, message.subject, language));
      const link = page.locator('a[href*="/kit/"]').first();
      expect(await link.count(), message.partner).toBe(1);
      const box = (await link.boundingBox())!;
      if (box.x < 0 || box.x + box.width > viewports.phone.width) found.push(`${message.partner}: the link spans ${Math.round(box.x)}–${Math.round(box.x + box.width)} px`);
      found.push(...(await horizontalOverflow(page)).map((problem) => `${message.partner}: ${problem}`));
      await screenshot(page, 'email', `${index < 3 ? 'script' : 'built-in'}-${message.partner}`);
    }
    expect(found).toEqual([]);
    expect(watch.problems).toEqual([]);
    await context.close();
  });
});
