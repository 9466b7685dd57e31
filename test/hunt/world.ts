import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { ADMIN_PASSWORD, type Auth, createTestApp, type TestApp } from '../support/app.js';

/**
 * The cluster the attacker starts in, built once and copied for every run:
 * - organization A (`acme`): alice (admin), bob (member), the cluster admin (admin, a shared org), and
 *   two service users, `ci` (member) and `ops` (admin);
 * - organization B (`beta`): carol (admin); nothing of the attacker's reaches it;
 * - pat, a user in no organization.
 * Keys: the cluster admin's own unscoped admin key in A, alice's admin key that expires in an hour, a
 * key of alice's scoped to `apikeys:write` and `serviceusers:write`, `ci`'s key with a quota of 3,
 * bob's key and carol's key.
 */
export interface HuntWorld {
  orgA: string;
  orgB: string;
  users: { admin: string; alice: string; bob: string; carol: string; pat: string };
  services: { ci: string; ops: string };
  keys: Record<'admin' | 'alice' | 'scoped' | 'ci' | 'bob' | 'carol', { id: string; secret: string }>;
  tokens: { admin: string; bob: string; pat: string };
  /** The SQLite file and its WAL, as the world left them: each run starts from a copy. */
  snapshotDir: string;
}

/** What the attacker may start with: a non-empty subset of these. */
export const STARTING = ['patToken', 'bobToken', 'aliceKey', 'scopedKey', 'ciKey'] as const;
export type Starting = (typeof STARTING)[number];

export const QUOTA = 3;
/** alice's admin key lives this long; every canary is probed after it has ended. */
export const ALICE_KEY_TTL_S = 3600;

/** Settings every hunt app runs with: tokens outlive a long hunt, and failures are never throttled. */
export const HUNT_ENV = {
  KEYWARD_ACCESS_TOKEN_TTL: '86400',
  KEYWARD_AUTH_FAILURES_PER_MINUTE: '1000000',
  KEYWARD_LOG_LEVEL: 'info',
};

async function ok(t: TestApp, method: string, url: string, auth: Auth, body?: unknown): Promise<any> {
  const reply = await t.request(method, url, { auth, body });
  if (reply.status >= 300) throw new Error(`${method} ${url} answered ${reply.status}: ${reply.text}`);
  return reply.body;
}

export async function buildHuntWorld(): Promise<HuntWorld> {
  const t = await createTestApp(undefined, HUNT_ENV, 'inject');
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
    };
    const tokens = {
      admin: admin.bearer,
      bob: await t.tokenFor('bob', 'bob-password-1'),
      pat: await t.tokenFor('pat', 'pat-password-1'),
    };
    await t.close({ keep: true });
    const snapshotDir = mkdtempSync(join(tmpdir(), 'keyward-hunt-'));
    copyDatabase(t.dir, snapshotDir);
    return { orgA, orgB, users, services, keys, tokens, snapshotDir };
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
}

function copyDatabase(from: string, to: string): void {
  for (const file of ['keyward.db', 'keyward.db-wal']) {
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
  );
}

export function dropWorld(world: HuntWorld): void {
  rmSync(world.snapshotDir, { recursive: true, force: true });
}
