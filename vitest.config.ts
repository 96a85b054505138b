import { defineConfig } from 'vitest/config';

/**
 * Test files that build real sites or drive Chromium: most of `npm test`'s time. Everything else
 * is the `unit` project, which `npm run test:unit` runs on its own in seconds.
 */
const buildTests = [
  'test/build.test.ts',
  'test/cache.test.ts',
  'test/page-cache.test.ts',
  'test/cli.test.ts',
  'test/copy-overrides.test.ts',
  'test/hostile.test.ts',
  'test/dev.test.ts',
  'test/init.test.ts',
  'test/languages.test.ts',
  'test/testimonial.test.ts',
  // Faults made real: killed processes, full and read-only disks, commands racing each other.
  'test/*-faults.test.ts',
  'test/partner-writes.test.ts',
  // Mail through real servers on 127.0.0.1: smtp-server and Debian's Dovecot.
  'test/follow-up.test.ts',
  'test/introductions.test.ts',
  // Builds in a real background process.
  'test/build-daemon.test.ts',
];
const browserTests = ['test/browser-*.test.ts', 'test/static-server.test.ts'];

export default defineConfig({
  test: {
    // A folder where browser tests build each site once per run (test/helpers/sites.ts).
    globalSetup: ['test/global-setup.ts'],
    // Build tests run real Astro builds of fixture kits; builds of one project take turns.
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // Browser tests poll for what a page does after its script runs; on a busy 2-core machine
    // that can take longer than the default second (it did, once in a full run).
    expect: { poll: { timeout: 10_000 } },
    // An owner's REFERRAL_KIT_BUILD_DAEMON=on must not send the tests' builds to a background
    // process; test/build-daemon.test.ts turns it on where it is under test.
    env: { REFERRAL_KIT_BUILD_DAEMON: 'off' },
    projects: [
      // Unit files share one module graph per worker instead of each importing it anew: the
      // imports (Astro's markdown stack, satori, the fonts) were a third of the project's time.
      // A unit test that needs a fresh module asks for it (vi.resetModules, as fonts.test.ts does).
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...buildTests, ...browserTests], isolate: false } },
      { extends: true, test: { name: 'build', include: buildTests } },
      { extends: true, test: { name: 'browser', include: browserTests } },
    ],
  },
});
