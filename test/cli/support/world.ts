import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { rememberSecret } from '../../support/secrets.js';
import { cleanupServe, type Serve, startServe, tempDir } from '../../support/server.js';
import { Cli, cleanupClis } from './cli.js';

export const ADMIN_PASSWORD = 'cli-admin-password';
export const ALICE_PASSWORD = 'alice-password-1';

/**
 * One real `keyward serve` per test file, with the organization Acme (prefix `acme`), its member alice,
 * and an admin whose CLI is logged in (by username, the password piped in).
 */
export interface CliWorld {
  server: Serve;
  /** The cluster admin's access token, for checking what the CLI did through the API itself. */
  token: string;
  admin: Cli;
  org: { id: string; name: 'Acme'; prefix: 'acme' };
  alice: { id: string };
  /** An API request as the admin that must succeed. */
  api(method: string, path: string, body?: unknown): Promise<any>;
  /** The verify code of a key, as a service would ask for it. */
  verify(key: string): Promise<string>;
}

async function startWorld(env: Record<string, string> = {}): Promise<CliWorld> {
  rememberSecret(ADMIN_PASSWORD);
  rememberSecret(ALICE_PASSWORD);
  const server = await startServe(join(tempDir(), 'data'), {
    env: { KEYWARD_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env },
  });
  const token = await server.signIn('admin', ADMIN_PASSWORD);
  const api = async (method: string, path: string, body?: unknown) => {
    const reply = await server.request(method, path, { auth: { bearer: token }, body });
    if (reply.status >= 300) throw new Error(`${method} ${path} answered ${reply.status}: ${reply.text}`);
    return reply.body;
  };
  const org = await api('POST', '/v1/organizations', { name: 'Acme', keyPrefix: 'acme' });
  const alice = await api('POST', '/v1/users', { username: 'alice', password: ALICE_PASSWORD });
  await api('POST', `/v1/organizations/${org.id}/members`, { userId: alice.id, role: 'member' });
  const admin = new Cli();
  await admin.ok(['login', '--url', server.url, '--username', 'admin'], { input: `${ADMIN_PASSWORD}\n` });
  admin.storedSecret();
  return {
    server,
    token,
    admin,
    org: { id: org.id, name: 'Acme', prefix: 'acme' },
    alice: { id: alice.id },
    api,
    verify: async (key) => (await api('POST', '/v1/keys/verify', { key })).code,
  };
}

/**
 * The file's world: started before its tests, stopped after them. Its fields are there once the tests run.
 * @example const world = worldForFile(); it('…', () => world.admin.run(['whoami']));
 */
export function worldForFile(env: Record<string, string> = {}): CliWorld {
  const world = {} as CliWorld;
  beforeAll(async () => {
    Object.assign(world, await startWorld(env));
  });
  afterAll(async () => {
    await cleanupServe();
    cleanupClis();
  });
  return world;
}
