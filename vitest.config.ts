import { defineConfig } from 'vitest/config';

// One `vitest run` runs every project; `npm test` is exactly what CI runs.
//
// Limits are for a busy machine, not an idle one (issue 13, kind 12): with a load average of 9 on
// two cores, a jsdom test's 5 s default and a Playwright action's 30 s were reached by waits that
// would have succeeded. Tests wait for conditions; these only stop a test that is truly stuck.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          include: ['tests/core/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'app',
          include: ['tests/app/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['tests/app/setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          // Any Content-Security-Policy violation in a page fails the test (issue 14, kind 7).
          setupFiles: ['tests/e2e/csp-guard.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          // One Chromium at a time: the machine has two cores and the server needs one.
          fileParallelism: false,
        },
      },
    ],
  },
});
