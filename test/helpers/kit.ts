/** Small kits written on the fly, for loader and CLI tests that need one specific mistake. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from './fixtures.ts';

export const minimalKit = `owner:
  name: Alex Rivera
  business: Rivera Books
  email: alex@example.com
site:
  url: https://example.com
value:
  one_liner: Alex does the books for studios.
  pitch: Monthly bookkeeping.
ideal_client:
  description: Studios.
  signals: [Our books are a mess.]
promise: I reply within a day.
`;

export const minimalScript = `---
title: Phone
channel: phone
---
Call {owner.name}.
`;

export function partnerYaml(name: string, token: string, extra = ''): string {
  return `name: ${name}\ntoken: ${token}\ncategory: client\nemail: ${token.slice(0, 6).toLowerCase()}@example.com\n${extra}`;
}

/** Writes a kit folder; `kit.yaml` and one script are added unless given. Returns its path. */
export function writeKit(files: Record<string, string | Buffer>): string {
  const dir = join(tempDir('kit'), 'content');
  const all = { 'kit.yaml': minimalKit, 'scripts/phone.mdx': minimalScript, ...files };
  for (const [name, content] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}
