import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A folder where browser tests build each site once per run (test/helpers/sites.ts).
    globalSetup: ['test/global-setup.ts'],
    // Build tests run real Astro builds of fixture kits; builds of one project take turns.
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // Browser tests poll for what a page does after its script runs; on a busy 2-core machine
    // that can take longer than the default second (it did, once in a full run).
    expect: { poll: { timeout: 10_000 } },
  },
});
