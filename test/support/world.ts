import { afterAll, beforeAll } from 'vitest';
import { ADMIN_PASSWORD, type Auth, createTestApp, type TestApp } from './app.js';

/**
 * A populated cluster for authorization and behaviour tests:
 * - organization A (prefix `acme`): alice (admin), bob (member), dave (member, later disabled), a service user;
 * - organization B (prefix `beta`): carol (admin);
 * - one key per caller kind of PRODUCT.md §11, plus revoked, expired, disabled-owner and wrong-scope keys.
 */
export interface World {
  t: TestApp;
  orgA: string;
  orgB: string;
  users: { admin: string; alice: string; bob: string; carol: string; dave: string };
  serviceUser: string;
  tokens: { admin: string; alice: string; bob: string; carol: string };
  keys: {
    alice: Key;
    bob: Key;
    carol: Key;
    service: Key;
    revoked: Key;
    expired: Key;
    disabledOwner: Key;
    wrongScope: Key;
  };
}

export interface Key {
  id: string;
  secret: string;
}

async function ok(t: TestApp, method: string, url: string, auth: Auth, body?: unknown): Promise<any> {
  const reply = await t.request(method, url, { auth, body });
  if (reply.status >= 300) throw new Error(`${method} ${url} answered ${reply.status}: ${reply.text}`);
  return reply.body;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const adminToken = await t.tokenFor('admin', ADMIN_PASSWORD);
  const admin = { bearer: adminToken };
  const me = await ok(t, 'GET', '/v1/me', admin);
  const user = async (username: string) =>
    (await ok(t, 'POST', '/v1/users', admin, { username, password: `${username}-password-1` })).id as string;
  const alice = await user('alice');
  const bob = await user('bob');
  const carol = await user('carol');
  const dave = await user('dave');
  const tokens = {
    admin: adminToken,
    alice: await t.tokenFor('alice', 'alice-password-1'),
    bob: await t.tokenFor('bob', 'bob-password-1'),
    carol: await t.tokenFor('carol', 'carol-password-1'),
  };
  const orgA = (
    await ok(t, 'POST', '/v1/organizations', { bearer: tokens.alice }, { name: 'Acme', keyPrefix: 'acme' })
  ).id;
  const orgB = (
    await ok(t, 'POST', '/v1/organizations', { bearer: tokens.carol }, { name: 'Beta', keyPrefix: 'beta' })
  ).id;
  await ok(
    t,
    'POST',
    `/v1/organizations/${orgA}/members`,
    { bearer: tokens.alice },
    { userId: bob, role: 'member' },
  );
  await ok(
    t,
    'POST',
    `/v1/organizations/${orgA}/members`,
    { bearer: tokens.alice },
    { userId: dave, role: 'member' },
  );
  const serviceUser = (
    await ok(
      t,
      'POST',
      `/v1/organizations/${orgA}/service-users`,
      { bearer: tokens.alice },
      { name: 'ci', role: 'member' },
    )
  ).id;
  const key = async (org: string, auth: Auth, body: Record<string, unknown>): Promise<Key> => {
    const created = await ok(t, 'POST', `/v1/organizations/${org}/apikeys`, auth, {
      name: 'k',
      role: 'member',
      ...body,
    });
    return { id: created.id, secret: created.apiKey };
  };
  const keys = {
    alice: await key(orgA, { bearer: tokens.alice }, { role: 'admin' }),
    bob: await key(orgA, { bearer: tokens.bob }, {}),
    carol: await key(orgB, { bearer: tokens.carol }, { role: 'admin' }),
    service: await key(orgA, { bearer: tokens.alice }, { ownerId: serviceUser }),
    revoked: await key(orgA, { bearer: tokens.bob }, {}),
    expired: await key(orgA, { bearer: tokens.bob }, { ttl: 60 }),
    disabledOwner: await key(orgA, { bearer: tokens.alice }, { ownerId: dave }),
    wrongScope: await key(orgA, { bearer: tokens.alice }, { ownerId: bob, scopes: ['documents:read'] }),
  };
  await ok(t, 'DELETE', `/v1/apikeys/${keys.revoked.id}`, { bearer: tokens.bob });
  await ok(t, 'PATCH', `/v1/users/${dave}`, admin, { disabled: true });
  t.advance(120_000);
  return { t, orgA, orgB, users: { admin: me.id, alice, bob, carol, dave }, serviceUser, tokens, keys };
}

/**
 * Registers a fresh app and world for the enclosing file (or describe block) and returns accessors.
 * @example const ctx = useWorld(); it('…', () => ctx.t.request('GET', '/v1/me', { auth: { bearer: ctx.w.tokens.bob } }));
 */
export function useWorld(env: Record<string, string> = {}): { readonly t: TestApp; readonly w: World } {
  let t: TestApp | undefined;
  let w: World | undefined;
  beforeAll(async () => {
    t = await createTestApp(undefined, env);
    w = await buildWorld(t);
  });
  afterAll(() => t?.close());
  return {
    get t() {
      if (!t) throw new Error('useWorld: the app is not ready yet (use it inside a test)');
      return t;
    },
    get w() {
      if (!w) throw new Error('useWorld: the world is not ready yet (use it inside a test)');
      return w;
    },
  };
}
