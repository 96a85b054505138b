/**
 * The cache of partner files' values (src/kit/yaml-cache.ts): a second reading of a kit gives
 * exactly what the first did, findings and their positions included; it takes its values from
 * the cache, by each file's text; an edited file, a cache of other code and a damaged cache are
 * read anew; the cache file is the owner's only.
 */
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { loadKit } from '../src/kit/load.ts';
import { yamlCacheFile } from '../src/kit/yaml-cache.ts';
import { copyFixture } from './helpers/fixtures.ts';

type Stored = { version: string; values: Map<string, unknown> };
const stored = (content: string) => deserialize(readFileSync(yamlCacheFile(content))) as Stored;

/** Makes the cache say that `partner`'s file holds `name`, as if an earlier run had read that. */
function plant(content: string, partner: string, name: string, version = stored(content).version): void {
  const { values } = stored(content);
  const text = readFileSync(join(content, 'partners', `${partner}.yaml`), 'utf8');
  const key = [...values.keys()].find((k) => (values.get(k) as { token?: string }).token && text.includes((values.get(k) as { token: string }).token));
  expect(key).toBeDefined();
  values.set(key!, { ...(values.get(key!) as object), name });
  writeFileSync(yamlCacheFile(content), serialize({ version, values }));
}

const nameOf = async (content: string, partner: string) => (await loadKit(content)).content?.partners.find((p) => p.slug === partner)?.data.name;

describe('the partner-file cache', () => {
  it('gives a second reading exactly what the first gave, findings and their positions included', async () => {
    const content = copyFixture('basic');
    // Her name on the last line: the "no email" warning points there.
    const eve = join(content, 'partners', 'eve-hostile.yaml');
    const [nameLine, ...rest] = readFileSync(eve, 'utf8').trimEnd().split('\n');
    writeFileSync(eve, `${[...rest, nameLine].join('\n')}\n`);
    const first = await loadKit(content);
    expect(existsSync(yamlCacheFile(content))).toBe(true);
    const second = await loadKit(content);
    expect(second).toEqual(first);
    // A finding in a file whose value came from the cache still points at its line.
    const warning = second.diagnostics.find((d) => d.file === eve);
    expect(warning).toMatchObject({ line: rest.length + 1, column: 7, severity: 'warning' });
  });

  it('takes a file’s value from the cache by its text, and reads an edited file anew', async () => {
    const content = copyFixture('basic');
    await loadKit(content);
    plant(content, 'jane-smith', 'Planted Name');
    expect(await nameOf(content, 'jane-smith')).toBe('Planted Name');
    const file = join(content, 'partners', 'jane-smith.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^name: .*$/m, 'name: Jane Edited'));
    expect(await nameOf(content, 'jane-smith')).toBe('Jane Edited');
  });

  it('is not used when it was written by other code, or is damaged', async () => {
    const content = copyFixture('basic');
    const truth = await nameOf(content, 'jane-smith');
    plant(content, 'jane-smith', 'Planted Name', 'other code');
    expect(await nameOf(content, 'jane-smith')).toBe(truth);
    writeFileSync(yamlCacheFile(content), 'not a cache');
    expect(await nameOf(content, 'jane-smith')).toBe(truth);
    expect(stored(content).values.size).toBeGreaterThan(0);
  });

  it('gives hostile files back as they were read, a __proto__ key included', async () => {
    const content = copyFixture('hostile');
    writeFileSync(join(content, 'partners', 'proto-partner.yaml'), 'name: Proto\ntoken: pr0toPartnerT0kenAAbbCCdd\ncategory: other\n__proto__:\n  polluted: true\n');
    const first = await loadKit(content);
    expect(first.diagnostics.some((d) => d.file.endsWith('proto-partner.yaml') && d.message.includes('__proto__'))).toBe(true);
    expect(await loadKit(content)).toEqual(first);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('is off with REFERRAL_KIT_CACHE=off: nothing kept, nothing read', async () => {
    const content = copyFixture('basic');
    process.env.REFERRAL_KIT_CACHE = 'off';
    try {
      await loadKit(content);
      expect(existsSync(yamlCacheFile(content))).toBe(false);
    } finally {
      delete process.env.REFERRAL_KIT_CACHE;
    }
  });

  it('is for the owner’s eyes only: it holds private fields', async () => {
    const content = copyFixture('basic');
    await loadKit(content);
    expect(statSync(yamlCacheFile(content)).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(yamlCacheFile(content))).mode & 0o777).toBe(0o700);
  });

  it('forgets the folders unread for 30 days, and keeps those still read', async () => {
    const gone = copyFixture('basic');
    const kept = copyFixture('basic');
    await loadKit(gone);
    await loadKit(kept);
    const longAgo = new Date(Date.now() - 31 * 24 * 3600 * 1000);
    utimesSync(yamlCacheFile(gone), longAgo, longAgo);
    utimesSync(yamlCacheFile(kept), longAgo, longAgo);
    // Unchanged, so not rewritten: its time is renewed all the same.
    await loadKit(kept);
    // Another folder's new cache file is what tidies up.
    await loadKit(copyFixture('basic'));
    expect(existsSync(yamlCacheFile(gone))).toBe(false);
    expect(existsSync(yamlCacheFile(kept))).toBe(true);
  });
});
