import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type FakeProvider, fakeSentinelOne } from '../../support/providers.js';
import { rememberSecret } from '../../support/secrets.js';
import { tempDir } from '../../support/server.js';
import { testTls } from '../../support/tls.js';
import type { Run } from './cli.js';

/**
 * The environment a `keyward serve` needs to reach the fake providers of test/support/providers.ts: loopback
 * allowed, and the test CA trusted. The CA goes in a file of this test's own, since another run's global
 * setup may replace `.test-artifacts/tls` meanwhile; and it is set explicitly, since the machine's own
 * NODE_EXTRA_CA_CERTS would otherwise be inherited.
 */
export function outboundEnv(): Record<string, string> {
  const caPath = join(tempDir(), 'ca.pem');
  writeFileSync(caPath, testTls().trusted.ca);
  return { KEYWARD_OUTBOUND_ALLOW: '127.0.0.1/32,::1/128', NODE_EXTRA_CA_CERTS: caPath };
}

/** A provider's secret for one test, recorded for the log scan and for {@link printedSecrets}. */
export function providerSecret(label: string, secrets: Set<string>): string {
  const secret = `${label}-${randomBytes(12).toString('hex')}`;
  rememberSecret(secret);
  secrets.add(secret);
  return secret;
}

/** The id of `Created: /v1/connections/<id>`, the whole of a table `add`'s stdout. */
export function createdConnection(run: Run): string {
  expect(run.code, run.stderr).toBe(0);
  const match = /^Created: \/v1\/connections\/(con_[0-9A-Za-z]{22})\n$/.exec(run.stdout);
  expect(match, run.stdout).not.toBeNull();
  return match?.[1] ?? '';
}

/** `keyward …` of each run that printed one of the secrets, on stdout, stderr or a terminal. */
export function printedSecrets(runs: Run[], secrets: Iterable<string>): string[] {
  const all = [...secrets];
  return runs
    .filter((run) => all.some((secret) => `${run.stdout}${run.stderr}`.includes(secret)))
    .map((run) => `keyward ${run.args.join(' ')}`);
}

/**
 * A SentinelOne of one test's own, with a token of its own, for a test that revokes the token there or
 * moves a connection to it; closed after `use`, even when it fails.
 * @example await ownSentinelOne('moved', secrets, async (fake, token) => { … });
 */
export async function ownSentinelOne<T>(
  label: string,
  secrets: Set<string>,
  use: (fake: FakeProvider, token: string) => Promise<T>,
): Promise<T> {
  const token = providerSecret(label, secrets);
  const fake = await fakeSentinelOne(token);
  try {
    return await use(fake, token);
  } finally {
    await fake.close();
  }
}
