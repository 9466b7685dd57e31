import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Three groups run one after the other: the suite; then the tests that measure time, alone, so that the
// rest of the suite does not compete with what they measure; then the scan of everything the others
// logged for the secrets they used (test/logs/no-secrets.test.ts), which must see every other test's
// output.
// The API and authorization suites run three times: through app.inject() on SQLite; over a real socket,
// where the hot path answers as it does in production (test/support/app.ts, Transport); and on
// PostgreSQL (STORE). hot-path.test.ts compares inject and socket itself. The fuzzers run on both stores.

const PG_URL = process.env.KEYWARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether PostgreSQL answers. In CI (`CI=true`) its tests are required, so they run and fail if it does
 * not; elsewhere they are left out, with a line that says so.
 */
function postgresRuns(): boolean {
  if (process.env.CI === 'true') return true;
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const c=new (require('pg').Client)({connectionString:process.argv[1],connectionTimeoutMillis:2000});` +
        `c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))`,
      PG_URL,
    ],
    { timeout: 5000 },
  );
  if (probe.status === 0) return true;
  console.warn(`PostgreSQL does not answer at ${PG_URL}: its API and store suites are skipped`);
  return false;
}

const onPostgres: TestProjectInlineConfiguration[] = postgresRuns()
  ? [
      {
        extends: true,
        test: {
          name: 'api on postgres',
          include: ['test/api/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
          env: { KEYWARD_TEST_STORE: 'postgres' },
          sequence: { groupOrder: 0 },
        },
      },
    ]
  : [];

/**
 * The tests that compare times (issue 18: a verification's p99 during an audit export against its p99
 * alone). They run after the rest of the suite, with nothing else of it beside them.
 */
const MEASURED = ['test/process/export-yields.test.ts'];

/** The Debian package's Chromium, which the console's browser tests drive (test/console). */
const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether the browser tests can run. In CI they are required (.ci/run installs Chromium first), so they
 * run and fail without it; elsewhere they are left out, with a line that says so. The Node 24 pass of CI
 * leaves them out on purpose (KEYWARD_TEST_BROWSER=skip, .ci/node24.sh): what they test runs in Chromium,
 * and the server's side of it is covered on Node 24 by the API suites.
 */
function chromiumRuns(): boolean {
  if (process.env.KEYWARD_TEST_BROWSER === 'skip') {
    console.warn("KEYWARD_TEST_BROWSER=skip: the console's browser tests are skipped");
    return false;
  }
  if (process.env.CI === 'true' || existsSync(CHROMIUM)) return true;
  console.warn(`Chromium is not installed at ${CHROMIUM}: the console's browser tests are skipped`);
  return false;
}

const inBrowser: TestProjectInlineConfiguration[] = chromiumRuns()
  ? [
      {
        extends: true,
        test: {
          name: 'console in a browser',
          include: ['test/console/**/*.test.ts'],
          // A test here is a user's whole errand, with axe run in two colour schemes at each page: on a
          // loaded 2-CPU machine one has taken a minute. The limit only stops a hang.
          testTimeout: 180_000,
          sequence: { groupOrder: 0 },
        },
      },
    ]
  : [];

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two files at a time, whatever the CPU count: much of the suite waits on spawned servers, sockets
    // and PostgreSQL rather than computing, and vitest's default of one worker fewer than the CPUs left a
    // 2-CPU machine running one file at a time.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/logs/**', 'test/console/**', ...MEASURED],
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
      ...onPostgres,
      ...inBrowser,
      {
        extends: true,
        test: { name: 'measured alone', include: MEASURED, sequence: { groupOrder: 1 } },
      },
      {
        extends: true,
        test: { name: 'logs', include: ['test/logs/**/*.test.ts'], sequence: { groupOrder: 2 } },
      },
    ],
  },
});
