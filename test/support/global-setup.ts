import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { ARTIFACTS, LOG_DIR, SECRETS_DIR } from './paths.js';

export default function setup(): () => Promise<void> {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
  mkdirSync(SECRETS_DIR, { recursive: true });
  // Names this run's PostgreSQL schemas (test/support/postgres.ts); the test processes inherit it.
  process.env.KEYWARD_TEST_RUN ??= randomBytes(4).toString('hex');
  return async () => {
    const { dropTestSchemas } = await import('./postgres.js');
    await dropTestSchemas();
  };
}
