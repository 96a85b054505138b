/**
 * Astro's telemetry stays off in the builds Referral Kit runs: a build of a fixture kit, in this
 * process, with every request it makes recorded, asks nothing of Astro's telemetry server. The
 * machine's own Astro settings are kept out of it (a fresh config folder, no variable that turns
 * telemetry off), so that the build alone decides; a request to the telemetry server is answered
 * here, never sent.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSite } from '../src/build/build-site.ts';
import { fixture, tempDir } from './helpers/fixtures.ts';

const saved = { ...process.env };

afterEach(() => {
  vi.restoreAllMocks();
  process.env = { ...saved };
});

describe('a build', () => {
  it("sends Astro's telemetry nothing", async () => {
    delete process.env.ASTRO_TELEMETRY_DISABLED;
    delete process.env.TELEMETRY_DISABLED;
    process.env.XDG_CONFIG_HOME = tempDir('astro-config');
    const requested: string[] = [];
    const fetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      requested.push(url);
      return url.includes('telemetry') ? Promise.resolve(new Response('{}')) : fetch(input, init);
    });
    const result = await buildSite({ contentDir: fixture('basic'), outDir: join(tempDir('telemetry'), 'dist') });
    expect(result.ok).toBe(true);
    expect(requested.filter((url) => url.includes('telemetry'))).toEqual([]);
  });
});
