import { join } from 'node:path';

/**
 * Where every test writes its logs and the secrets it used, so that `test/logs/no-secrets.test.ts` can
 * check that none of the secrets reached any log. Cleared by the global setup at the start of each run.
 */
export const ARTIFACTS = join(import.meta.dirname, '..', '..', '.test-artifacts');
export const LOG_DIR = join(ARTIFACTS, 'logs');
export const SECRETS_DIR = join(ARTIFACTS, 'secrets');
