import { defineConfig } from 'vitest/config';

// Two groups run one after the other: the suite, then the scan of everything the suite logged for the
// secrets it used (test/logs/no-secrets.test.ts), which must see every other test's output.
// The API and authorization suites run twice: through app.inject(), and over a real socket, where the
// hot path answers as it does in production (test/support/app.ts, Transport). hot-path.test.ts compares
// the two itself.
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
        test: {
          name: 'api over a socket',
          include: ['test/api/**/*.test.ts'],
          exclude: ['test/api/hot-path.test.ts'],
          env: { KEYWARD_TEST_TRANSPORT: 'socket' },
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
