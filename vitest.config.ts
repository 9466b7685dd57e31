import { defineConfig } from 'vitest/config';

// Two groups run one after the other: the suite, then the scan of everything the suite logged for the
// secrets it used (test/logs/no-secrets.test.ts), which must see every other test's output.
export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/logs/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'logs', include: ['test/logs/**/*.test.ts'], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
