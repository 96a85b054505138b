/**
 * Astro's telemetry stays off in the builds Referral Kit runs: a build of a fixture kit, in this
 * process, with every request it makes recorded, asks nothing of Astro's telemetry server.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSite } from '../src/build/build-site.ts';
import { fixture, tempDir } from './helpers/fixtures.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a build', () => {
  it("sends Astro's telemetry nothing", async () => {
    const requested: string[] = [];
    const fetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      requested.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    });
    const result = await buildSite({ contentDir: fixture('basic'), outDir: join(tempDir('telemetry'), 'dist') });
    expect(result.ok).toBe(true);
    expect(requested.filter((url) => url.includes('telemetry'))).toEqual([]);
  });
});
