import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMailAccount, parseEndpoint } from '../src/mail/account.ts';
import { runCli } from './helpers/cli.ts';
import { copyFixture, tempDir } from './helpers/fixtures.ts';

describe('mail account settings', () => {
  it('reads an address as TLS from the first byte on 465/993, STARTTLS that must succeed otherwise', () => {
    expect(parseEndpoint('smtp', 'smtp://maya%40example.com@smtp.fastmail.com:465', 'pw', 'REFERRAL_KIT_SMTP_URL')).toEqual({
      host: 'smtp.fastmail.com',
      port: 465,
      secure: true,
      requireTLS: false,
      user: 'maya@example.com',
      password: 'pw',
    });
    expect(parseEndpoint('smtp', 'smtp://maya%40outlook.com@smtp.office365.com', undefined, 'x')).toMatchObject({ port: 587, secure: false, requireTLS: true });
    expect(parseEndpoint('imap', 'imaps://maya%40icloud.com@imap.mail.me.com', undefined, 'x')).toMatchObject({ port: 993, secure: true });
    expect(parseEndpoint('imap', 'imap://maya@imap.example.com:143', undefined, 'x')).toMatchObject({ secure: false, requireTLS: true });
    // Only this computer may be reached without encryption.
    expect(parseEndpoint('smtp', 'smtp://maya@127.0.0.1:2525', undefined, 'x')).toMatchObject({ secure: false, requireTLS: false });
    expect(parseEndpoint('smtp', 'smtp://maya@localhost:2525', undefined, 'x')).toMatchObject({ requireTLS: false });
  });

  it('refuses a password written into the address, and an address of another kind', () => {
    expect(parseEndpoint('smtp', 'smtps://maya:hunter2@smtp.example.com', undefined, 'REFERRAL_KIT_SMTP_URL')).toEqual({
      problem: 'REFERRAL_KIT_SMTP_URL: the password must not be in the address; put it in REFERRAL_KIT_SMTP_PASSWORD',
    });
    expect(parseEndpoint('imap', 'https://imap.example.com', undefined, 'imap_url')).toEqual({ problem: 'imap_url: must start with imaps:// or imap://' });
  });

  it('takes the settings file, with the environment winning, and refuses one inside the content folder', async () => {
    const content = copyFixture('basic');
    const settings = join(tempDir('settings'), 'mail.yaml');
    writeFileSync(settings, 'smtp_url: smtps://maya%40example.com@smtp.example.com\nimap_url: imaps://maya%40example.com@imap.example.com\npause_seconds: 2\n');
    const account = await loadMailAccount(content, { settingsFile: settings, env: { REFERRAL_KIT_SMTP_URL: 'smtp://other@127.0.0.1:2525', REFERRAL_KIT_IMAP_PASSWORD: 'secret' } });
    expect(account).toMatchObject({
      settings: { pause_seconds: 2, daily_cap: 50 },
      smtp: { host: '127.0.0.1', user: 'other', requireTLS: false },
      imap: { host: 'imap.example.com', secure: true, password: 'secret' },
    });

    const inside = join(content, 'mail.yaml');
    writeFileSync(inside, 'pause_seconds: 2\n');
    const refused = await loadMailAccount(content, { settingsFile: inside, env: {} });
    expect(refused).toEqual({ problems: [expect.stringContaining('mail.yaml: a mail password or mail settings file in the content folder')] });
    // A link from outside that points in is inside all the same.
    const link = join(tempDir('link'), 'mail.yaml');
    symlinkSync(inside, link);
    expect(await loadMailAccount(content, { settingsFile: link, env: {} })).toHaveProperty('problems');

    const unknown = join(tempDir('settings'), 'mail.yaml');
    writeFileSync(unknown, 'smtp_password: hunter2\n');
    expect(await loadMailAccount(content, { settingsFile: unknown, env: {} })).toEqual({ problems: [expect.stringMatching(/mail\.yaml:1:1: error: .*smtp_password/)] });
  });

  it('check refuses a kit that holds a mail password or mail settings', async () => {
    const content = copyFixture('basic');
    writeFileSync(join(content, '.env'), 'REFERRAL_KIT_SMTP_PASSWORD=hunter2\n');
    mkdirSync(join(content, 'notes'));
    writeFileSync(join(content, 'notes', 'setup.yaml'), '# how I send\nsmtp: smtps://maya:hunter2@smtp.example.com\n');
    const { code, stderr } = await runCli(['check', '--content', content]);
    expect(code).toBe(1);
    const lines = stderr.split('\n').filter((line) => line.includes('mail password'));
    expect(lines).toEqual([
      expect.stringMatching(/content\/\.env:1:1: error: a mail password or mail settings file in the content folder: keep them outside it/),
      expect.stringMatching(/content\/notes\/setup\.yaml:2:1: error: a mail password/),
    ]);
  });
});
