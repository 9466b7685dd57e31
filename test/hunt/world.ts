import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { ADMIN_PASSWORD, type Auth, createTestApp, type TestApp } from '../support/app.js';
import { type FakeProvider, fakeSentinelOne } from '../support/providers.js';
import { testTls } from '../support/tls.js';

/**
 * The cluster the attacker starts in, built once and copied for every run:
 * - organization A (`acme`): alice (admin), bob (member), the cluster admin (admin, a shared org), and
 *   two service users, `ci` (member) and `ops` (admin);
 * - organization B (`beta`): carol (admin); nothing of the attacker's reaches it;
 * - pat, a user in no organization.
 * Keys: the cluster admin's own unscoped admin key in A, alice's admin key that expires in an hour, a
 * key of alice's scoped to `apikeys:write` and `serviceusers:write`, `ci`'s key with a quota of 3,
 * bob's key, carol's key, and a key of alice's scoped to `connections:read` and `apikeys:write`.
 * Connections: A's and B's, each to a SentinelOne of its own (real HTTPS servers on loopback) with a
 * token only that provider should ever see; and the attacker's own SentinelOne, which accepts the
 * attacker's token and must never see either of the others.
 */
export interface HuntWorld {
  orgA: string;
  orgB: string;
  users: { admin: string; alice: string; bob: string; carol: string; pat: string };
  services: { ci: string; ops: string };
  keys: Record<
    'admin' | 'alice' | 'scoped' | 'ci' | 'bob' | 'carol' | 'conn',
    { id: string; secret: string }
  >;
  tokens: { admin: string; bob: string; pat: string };
  /** Each organization's connection, and the provider it goes to. */
  connections: { a: string; b: string };
  providers: Providers;
  /** The SQLite file and its WAL, as the world left them: each run starts from a copy. */
  snapshotDir: string;
}

/** What the attacker may start with: a non-empty subset of these. */
export const STARTING = ['patToken', 'bobToken', 'aliceKey', 'scopedKey', 'ciKey', 'connKey'] as const;
export type Starting = (typeof STARTING)[number];

export const QUOTA = 3;
/** alice's admin key lives this long; every canary is probed after it has ended. */
export const ALICE_KEY_TTL_S = 3600;

/**
 * Settings every hunt app runs with: tokens outlive a long hunt, failures are never throttled, and the
 * providers on loopback may be reached.
 */
export const HUNT_ENV = {
  KEYWARD_ACCESS_TOKEN_TTL: '86400',
  KEYWARD_AUTH_FAILURES_PER_MINUTE: '1000000',
  KEYWARD_LOG_LEVEL: 'info',
  KEYWARD_OUTBOUND_ALLOW: '127.0.0.1/32,::1/128',
};
const OUTBOUND = { ca: testTls().trusted.ca };

/** The token each provider accepts: A's and B's are stored secrets, the attacker's is its own. */
export const PROVIDER_TOKENS = {
  a: 'S1-hunt-acme-token-0123456789abcdefgh',
  b: 'S1-hunt-beta-token-0123456789abcdefgh',
  attacker: 'S1-hunt-attacker-token-0123456789abcd',
} as const;
export type ProviderName = keyof typeof PROVIDER_TOKENS;
export type Providers = Record<ProviderName, FakeProvider>;

async function startProviders(): Promise<Providers> {
  const started: Partial<Providers> = {};
  try {
    for (const name of Object.keys(PROVIDER_TOKENS) as ProviderName[])
      started[name] = await fakeSentinelOne(PROVIDER_TOKENS[name]);
    return started as Providers;
  } catch (error) {
    await Promise.all(Object.values(started).map((provider) => provider.close()));
    throw error;
  }
}

/** A SentinelOne connection to one of the world's providers, with the token given. */
export const sentinelOne = (provider: FakeProvider, token: string) => ({
  provider: 'sentinelone',
  config: { hostname: provider.hostname },
  credentials: { apiKey: token },
});

async function ok(t: TestApp, method: string, url: string, auth: Auth, body?: unknown): Promise<any> {
  const reply = await t.request(method, url, { auth, body });
  if (reply.status >= 300) throw new Error(`${method} ${url} answered ${reply.status}: ${reply.text}`);
  return reply.body;
}

export async function buildHuntWorld(): Promise<HuntWorld> {
  const providers = await startProviders();
  const t = await createTestApp(undefined, HUNT_ENV, 'inject', OUTBOUND);
  try {
    const admin = { bearer: await t.tokenFor('admin', ADMIN_PASSWORD) };
    const me = await ok(t, 'GET', '/v1/me', admin);
    const user = async (name: string) =>
      (await ok(t, 'POST', '/v1/users', admin, { username: name, password: `${name}-password-1` }))
        .id as string;
    const users = {
      admin: me.id as string,
      alice: await user('alice'),
      bob: await user('bob'),
      carol: await user('carol'),
      pat: await user('pat'),
    };
    const orgA = (await ok(t, 'POST', '/v1/organizations', admin, { name: 'Acme', keyPrefix: 'acme' })).id;
    const orgB = (await ok(t, 'POST', '/v1/organizations', admin, { name: 'Beta', keyPrefix: 'beta' })).id;
    const member = (org: string, userId: string, role: string) =>
      ok(t, 'POST', `/v1/organizations/${org}/members`, admin, { userId, role });
    await member(orgA, users.alice, 'admin');
    await member(orgA, users.bob, 'member');
    await member(orgB, users.carol, 'admin');
    const service = async (name: string, role: string) =>
      (await ok(t, 'POST', `/v1/organizations/${orgA}/service-users`, admin, { name, role })).id as string;
    const services = { ci: await service('ci', 'member'), ops: await service('ops', 'admin') };
    const key = async (org: string, body: Record<string, unknown>) => {
      const created = await ok(t, 'POST', `/v1/organizations/${org}/apikeys`, admin, { name: 'k', ...body });
      return { id: created.id as string, secret: created.apiKey as string };
    };
    const keys = {
      admin: await key(orgA, { role: 'admin' }),
      alice: await key(orgA, { role: 'admin', ownerId: users.alice, ttl: ALICE_KEY_TTL_S }),
      scoped: await key(orgA, {
        role: 'admin',
        ownerId: users.alice,
        scopes: ['apikeys:write', 'serviceusers:write'],
      }),
      ci: await key(orgA, { role: 'member', ownerId: services.ci, quota: { remaining: QUOTA } }),
      bob: await key(orgA, { role: 'member', ownerId: users.bob }),
      carol: await key(orgB, { role: 'admin', ownerId: users.carol }),
      conn: await key(orgA, {
        role: 'admin',
        ownerId: users.alice,
        scopes: ['connections:read', 'apikeys:write'],
      }),
    };
    const connection = async (org: string, name: 'a' | 'b') =>
      (
        await ok(
          t,
          'POST',
          `/v1/organizations/${org}/connections`,
          admin,
          sentinelOne(providers[name], PROVIDER_TOKENS[name]),
        )
      ).id as string;
    const connections = { a: await connection(orgA, 'a'), b: await connection(orgB, 'b') };
    const tokens = {
      admin: admin.bearer,
      bob: await t.tokenFor('bob', 'bob-password-1'),
      pat: await t.tokenFor('pat', 'pat-password-1'),
    };
    await t.close({ keep: true });
    const snapshotDir = mkdtempSync(join(tmpdir(), 'keyward-hunt-'));
    copyDatabase(t.dir, snapshotDir);
    return { orgA, orgB, users, services, keys, tokens, connections, providers, snapshotDir };
  } catch (error) {
    await Promise.all(Object.values(providers).map((provider) => provider.close()));
    throw error;
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
}

function copyDatabase(from: string, to: string): void {
  // vault.json holds the master key that opens the connections' credentials.
  for (const file of ['keyward.db', 'keyward.db-wal', 'vault.json']) {
    if (existsSync(join(from, file))) copyFileSync(join(from, file), join(to, file));
  }
}

/** A fresh app over a copy of the world, listening on loopback with the hot path as in production. */
export function appOver(world: HuntWorld): Promise<TestApp> {
  return createTestApp(
    (dir, onQuery) => {
      copyDatabase(world.snapshotDir, dir);
      return openSqliteStore(join(dir, 'keyward.db'), { onQuery });
    },
    HUNT_ENV,
    'socket',
    OUTBOUND,
  );
}

export async function dropWorld(world: HuntWorld): Promise<void> {
  rmSync(world.snapshotDir, { recursive: true, force: true });
  await Promise.all(Object.values(world.providers).map((provider) => provider.close()));
}
