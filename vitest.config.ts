import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Build tests run real Astro builds of fixture kits; builds of one project take turns.
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
