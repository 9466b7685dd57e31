import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Auth, createTestApp, STORE, type TestApp } from '../support/app.js';
import { type FakeProvider, fakeSentinelOne } from '../support/providers.js';
import { testTls } from '../support/tls.js';
import { buildWorld, type World } from '../support/world.js';

/**
 * Every route against every caller kind of PRODUCT.md §11, with the exact status for each.
 * C cluster admin (token) · A org admin · M member · X admin of another org · S service user ·
 * W a key whose scopes grant nothing in Keyward. Revoked, expired, disabled-owner keys and no
 * credentials are 401 on every protected route. The connection routes also run with an admin's keys
 * scoped to `connections:read`, `:write` and `:use` alone: each reaches only what its permission names.
 */
type Kind = 'C' | 'A' | 'M' | 'X' | 'S' | 'W';
type Expect = Record<Kind, number>;

interface Case {
  method: string;
  route: string;
  /** Builds the URL and body, creating a fresh target first when the request would consume it. */
  make(w: World, fresh: Fresh): Promise<{ url: string; body?: unknown }>;
  expect: Expect;
  /** The route destroys what every caller needs (the organization itself): a new world per caller. */
  newWorld?: boolean;
}

type Fresh = {
  key(): Promise<string>;
  user(): Promise<string>;
  member(): Promise<string>;
  serviceUser(): Promise<string>;
  /** A new connection of organization A, to the table's fake provider. */
  connection(): Promise<string>;
  /** A new connect session of organization A, for SentinelOne. */
  connectSession(): Promise<string>;
  /** The connection of organization A that every caller reads, checks and uses in turn. */
  readonly sharedConnection: string;
  /** A new webhook of organization A. */
  webhook(): Promise<string>;
};

const all = (status: number): Expect => ({
  C: status,
  A: status,
  M: status,
  X: status,
  S: status,
  W: status,
});
const orgAdminOnly = (ok: number): Expect => ({ C: ok, A: ok, M: 403, X: 404, S: 403, W: 403 });
const orgRead = (ok: number): Expect => ({ C: ok, A: ok, M: ok, X: 404, S: ok, W: 403 });
const ownKey = (ok: number): Expect => ({ C: ok, A: ok, M: ok, X: 404, S: 404, W: 403 });
const clusterOnly = (ok: number, others: number): Expect => ({
  C: ok,
  A: others,
  M: others,
  X: others,
  S: others,
  W: others,
});
let n = 0;
const unique = () => `${Date.now().toString(36)}${(++n).toString(36)}`;

const CASES: Case[] = [
  { method: 'GET', route: '/v1/me', make: async () => ({ url: '/v1/me' }), expect: all(200) },
  // The console's session answers to its cookie alone (test/api/console-session.test.ts): every header
  // credential authenticates, and has no session.
  {
    method: 'GET',
    route: '/v1/console/session',
    make: async () => ({ url: '/v1/console/session' }),
    expect: all(401),
  },
  {
    method: 'DELETE',
    route: '/v1/console/session',
    make: async () => ({ url: '/v1/console/session' }),
    expect: all(401),
  },
  {
    method: 'POST',
    route: '/v1/organizations',
    make: async () => ({ url: '/v1/organizations', body: { name: 'New' } }),
    expect: clusterOnly(201, 403),
  },
  {
    method: 'GET',
    route: '/v1/organizations',
    make: async () => ({ url: '/v1/organizations' }),
    expect: all(200),
  },
  {
    method: 'GET',
    route: '/v1/organizations/:orgId',
    make: async (w) => ({ url: `/v1/organizations/${w.orgA}` }),
    expect: orgRead(200),
  },
  {
    method: 'PATCH',
    route: '/v1/organizations/:orgId',
    make: async (w) => ({ url: `/v1/organizations/${w.orgA}`, body: { name: 'Renamed' } }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'DELETE',
    route: '/v1/organizations/:orgId',
    make: async (w) => ({ url: `/v1/organizations/${w.orgA}` }),
    expect: orgAdminOnly(200),
    newWorld: true,
  },
  {
    method: 'POST',
    route: '/v1/organizations/:orgId/members',
    make: async (w, f) => ({
      url: `/v1/organizations/${w.orgA}/members`,
      body: { userId: await f.user(), role: 'member' },
    }),
    expect: orgAdminOnly(201),
  },
  {
    method: 'GET',
    route: '/v1/organizations/:orgId/members',
    make: async (w) => ({ url: `/v1/organizations/${w.orgA}/members` }),
    expect: orgRead(200),
  },
  {
    method: 'PATCH',
    route: '/v1/organizations/:orgId/members/:userId',
    make: async (w, f) => ({
      url: `/v1/organizations/${w.orgA}/members/${await f.member()}`,
      body: { role: 'admin' },
    }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'DELETE',
    route: '/v1/organizations/:orgId/members/:userId',
    make: async (w, f) => ({ url: `/v1/organizations/${w.orgA}/members/${await f.member()}` }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'POST',
    route: '/v1/users',
    make: async () => ({ url: '/v1/users', body: { username: `u${unique()}`, password: 'long-enough-pw' } }),
    expect: clusterOnly(201, 403),
  },
  {
    method: 'GET',
    route: '/v1/users',
    make: async () => ({ url: '/v1/users' }),
    expect: clusterOnly(200, 403),
  },
  {
    method: 'GET',
    route: '/v1/users/:userId',
    make: async (w) => ({ url: `/v1/users/${w.users.bob}` }),
    expect: { C: 200, A: 404, M: 200, X: 404, S: 404, W: 403 },
  },
  {
    method: 'PATCH',
    route: '/v1/users/:userId',
    make: async (_w, f) => ({ url: `/v1/users/${await f.user()}`, body: { disabled: true } }),
    expect: clusterOnly(200, 404),
  },
  {
    method: 'DELETE',
    route: '/v1/users/:userId',
    make: async (_w, f) => ({ url: `/v1/users/${await f.user()}` }),
    expect: clusterOnly(200, 404),
  },
  {
    method: 'POST',
    route: '/v1/organizations/:orgId/service-users',
    make: async (w) => ({
      url: `/v1/organizations/${w.orgA}/service-users`,
      body: { name: `bot-${unique()}`, role: 'member' },
    }),
    expect: orgAdminOnly(201),
  },
  {
    method: 'GET',
    route: '/v1/organizations/:orgId/service-users',
    make: async (w) => ({ url: `/v1/organizations/${w.orgA}/service-users` }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'GET',
    route: '/v1/organizations/:orgId/service-users/:serviceUserId',
    make: async (w) => ({ url: `/v1/organizations/${w.orgA}/service-users/${w.serviceUser}` }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'PATCH',
    route: '/v1/organizations/:orgId/service-users/:serviceUserId',
    make: async (w, f) => ({
      url: `/v1/organizations/${w.orgA}/service-users/${await f.serviceUser()}`,
      body: { name: `renamed-${unique()}` },
    }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'DELETE',
    route: '/v1/organizations/:orgId/service-users/:serviceUserId',
    make: async (w, f) => ({ url: `/v1/organizations/${w.orgA}/service-users/${await f.serviceUser()}` }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'POST',
    route: '/v1/organizations/:orgId/apikeys',
    make: async (w) => ({
      url: `/v1/organizations/${w.orgA}/apikeys`,
      body: { name: 'x', role: 'member', ownerId: w.users.bob },
    }),
    expect: { C: 201, A: 201, M: 201, X: 404, S: 403, W: 403 },
  },
  {
    method: 'GET',
    route: '/v1/organizations/:orgId/apikeys',
    make: async (w) => ({ url: `/v1/organizations/${w.orgA}/apikeys` }),
    expect: orgRead(200),
  },
  {
    method: 'GET',
    route: '/v1/apikeys/:keyId',
    make: async (w) => ({ url: `/v1/apikeys/${w.keys.bob.id}` }),
    expect: ownKey(200),
  },
  {
    method: 'POST',
    route: '/v1/apikeys/lookup',
    make: async (w) => ({ url: '/v1/apikeys/lookup', body: { key: w.keys.bob.secret } }),
    // As GET by id, except that a caller without apikeys:read gets 404: a 403 would confirm the key.
    expect: { ...ownKey(200), W: 404 },
  },
  {
    method: 'PATCH',
    route: '/v1/apikeys/:keyId',
    make: async (w) => ({ url: `/v1/apikeys/${w.keys.bob.id}`, body: { name: 'renamed' } }),
    expect: ownKey(200),
  },
  {
    method: 'DELETE',
    route: '/v1/apikeys/:keyId',
    make: async (_w, f) => ({ url: `/v1/apikeys/${await f.key()}` }),
    expect: ownKey(200),
  },
  {
    method: 'POST',
    route: '/v1/apikeys/:keyId/rotate',
    make: async (_w, f) => ({ url: `/v1/apikeys/${await f.key()}/rotate`, body: {} }),
    expect: ownKey(201),
  },
  {
    method: 'POST',
    route: '/v1/organizations/:orgId/apikeys/import',
    make: async (w) => ({
      url: `/v1/organizations/${w.orgA}/apikeys/import`,
      body: {
        keys: [
          {
            apiKey: `acme_imported-${unique()}-${'i'.repeat(24)}`,
            name: 'i',
            ownerId: w.users.bob,
            role: 'member',
          },
        ],
      },
    }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'POST',
    route: '/v1/keys/verify',
    make: async (w) => ({ url: '/v1/keys/verify', body: { key: w.keys.bob.secret } }),
    expect: { ...all(200), W: 403 },
  },
  {
    method: 'GET',
    route: '/v1/events',
    make: async (w) => ({ url: `/v1/events?orgId=${w.orgA}` }),
    expect: orgRead(200),
  },
  {
    method: 'POST',
    route: '/v1/organizations/:orgId/webhooks',
    make: async (w) => ({
      url: `/v1/organizations/${w.orgA}/webhooks`,
      body: { url: 'https://hooks.example.com/keyward' },
    }),
    expect: orgAdminOnly(201),
  },
  {
    method: 'GET',
    route: '/v1/organizations/:orgId/webhooks',
    make: async (w) => ({ url: `/v1/organizations/${w.orgA}/webhooks` }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'GET',
    route: '/v1/webhooks/:webhookId',
    make: async (_w, f) => ({ url: `/v1/webhooks/${await f.webhook()}` }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'PATCH',
    route: '/v1/webhooks/:webhookId',
    make: async (_w, f) => ({ url: `/v1/webhooks/${await f.webhook()}`, body: { enabled: false } }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'DELETE',
    route: '/v1/webhooks/:webhookId',
    make: async (_w, f) => ({ url: `/v1/webhooks/${await f.webhook()}` }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'POST',
    route: '/v1/webhooks/:webhookId/rotate-secret',
    make: async (_w, f) => ({ url: `/v1/webhooks/${await f.webhook()}/rotate-secret` }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'GET',
    route: '/v1/webhooks/:webhookId/deliveries',
    make: async (_w, f) => ({ url: `/v1/webhooks/${await f.webhook()}/deliveries` }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'POST',
    route: '/v1/keys/report-leak',
    make: async () => ({ url: '/v1/keys/report-leak', body: { keys: [`acme_unknown-${'u'.repeat(30)}`] } }),
    expect: all(200),
  },
  {
    method: 'GET',
    route: '/v1/providers',
    make: async () => ({ url: '/v1/providers?search=sentinel' }),
    expect: all(200),
  },
  {
    method: 'GET',
    route: '/v1/providers/:name',
    make: async () => ({ url: '/v1/providers/sentinelone' }),
    expect: all(200),
  },
  {
    method: 'POST',
    route: '/v1/organizations/:orgId/connections',
    make: async (w) => ({ url: `/v1/organizations/${w.orgA}/connections`, body: sentinelOne() }),
    expect: orgAdminOnly(201),
  },
  {
    method: 'GET',
    route: '/v1/organizations/:orgId/connections',
    make: async (w) => ({ url: `/v1/organizations/${w.orgA}/connections` }),
    expect: orgRead(200),
  },
  {
    method: 'GET',
    route: '/v1/connections/:connectionId',
    make: async (_w, f) => ({ url: `/v1/connections/${f.sharedConnection}` }),
    expect: orgRead(200),
  },
  {
    method: 'PATCH',
    route: '/v1/connections/:connectionId',
    make: async (_w, f) => ({ url: `/v1/connections/${f.sharedConnection}`, body: { name: 'renamed' } }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'DELETE',
    route: '/v1/connections/:connectionId',
    make: async (_w, f) => ({ url: `/v1/connections/${await f.connection()}` }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'POST',
    route: '/v1/connections/:connectionId/check',
    make: async (_w, f) => ({ url: `/v1/connections/${f.sharedConnection}/check` }),
    expect: orgAdminOnly(200),
  },
  ...(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).map(
    (method): Case => ({
      method,
      route: '/v1/connections/:connectionId/proxy/*',
      make: async (_w, f) => ({
        url: `/v1/connections/${f.sharedConnection}/proxy/web/api/v2.1/agents?limit=1`,
        ...(method === 'POST' || method === 'PUT' || method === 'PATCH' ? { body: { data: {} } } : {}),
      }),
      expect: orgAdminOnly(200),
    }),
  ),
  {
    method: 'POST',
    route: '/v1/organizations/:orgId/connect-sessions',
    make: async (w) => ({
      url: `/v1/organizations/${w.orgA}/connect-sessions`,
      body: { providers: ['sentinelone'] },
    }),
    expect: orgAdminOnly(201),
  },
  {
    method: 'GET',
    route: '/v1/organizations/:orgId/connect-sessions',
    make: async (w) => ({ url: `/v1/organizations/${w.orgA}/connect-sessions` }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'DELETE',
    route: '/v1/connect-sessions/:sessionId',
    make: async (_w, f) => ({ url: `/v1/connect-sessions/${await f.connectSession()}` }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'GET',
    route: '/v1/vault',
    make: async () => ({ url: '/v1/vault' }),
    expect: clusterOnly(200, 403),
  },
  {
    method: 'POST',
    route: '/v1/vault/rotate',
    make: async () => ({ url: '/v1/vault/rotate' }),
    expect: clusterOnly(200, 403),
  },
  {
    method: 'GET',
    route: '/v1/audit',
    make: async (w) => ({ url: `/v1/audit?orgId=${w.orgA}` }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'GET',
    route: '/v1/audit/export',
    make: async (w) => ({ url: `/v1/audit/export?orgId=${w.orgA}` }),
    expect: orgAdminOnly(200),
  },
  {
    method: 'GET',
    route: '/v1/audit/verify',
    make: async (w) => ({ url: `/v1/audit/verify?orgId=${w.orgA}` }),
    expect: orgAdminOnly(200),
  },
];

const callers = (w: World): Record<Kind, Auth> => ({
  C: { bearer: w.tokens.admin },
  A: { key: w.keys.alice.secret },
  M: { key: w.keys.bob.secret },
  X: { key: w.keys.carol.secret },
  S: { key: w.keys.service.secret },
  W: { key: w.keys.wrongScope.secret },
});

const rejected = (w: World): Record<string, Auth> => ({
  revoked: { key: w.keys.revoked.secret },
  expired: { xApiKey: w.keys.expired.secret },
  'disabled owner': { bearer: w.keys.disabledOwner.secret },
  none: null,
});

// Every failure from one address would otherwise be throttled to 429 long before the table ends.
const ENV = { KEYWARD_AUTH_FAILURES_PER_MINUTE: '1000000' };
/** The fake provider listens on loopback, which a cluster reaches only when told to. */
const OUTBOUND = { ...ENV, KEYWARD_OUTBOUND_ALLOW: '127.0.0.1/32,::1/128' };

/** The token the table's fake SentinelOne accepts. */
const PROVIDER_TOKEN = 'S1-authorization-table-0123456789ab';
let provider: FakeProvider | undefined;

/** A valid connection to the table's fake provider. */
function sentinelOne() {
  if (!provider) throw new Error('the fake provider is not running');
  return {
    provider: 'sentinelone',
    config: { hostname: provider.hostname },
    credentials: { apiKey: PROVIDER_TOKEN },
  };
}

/** The one permission a connection route asks for (docs/connections.md, The API). */
function permissionOf(c: Case): string {
  if (c.route.includes('/proxy/')) return 'connections:use';
  // Connect links are credentials of a kind: listing them, too, is for those who may connect.
  if (c.route.includes('connect-sessions')) return 'connections:write';
  return c.method === 'GET' ? 'connections:read' : 'connections:write';
}

function freshMaker(t: TestApp, w: World, sharedConnection = ''): Fresh {
  const admin = { bearer: w.tokens.admin };
  const post = async (url: string, body: unknown) => {
    const reply = await t.request('POST', url, { auth: admin, body });
    if (reply.status !== 201) throw new Error(`${url}: ${reply.text}`);
    return reply.body.id as string;
  };
  const user = () => post('/v1/users', { username: `u${unique()}`, password: 'long-enough-pw' });
  return {
    user,
    key: () =>
      post(`/v1/organizations/${w.orgA}/apikeys`, { name: 'fresh', role: 'member', ownerId: w.users.bob }),
    async member() {
      const id = await user();
      await t.request('POST', `/v1/organizations/${w.orgA}/members`, {
        auth: admin,
        body: { userId: id, role: 'member' },
      });
      return id;
    },
    serviceUser: () =>
      post(`/v1/organizations/${w.orgA}/service-users`, { name: `fresh-${unique()}`, role: 'member' }),
    connection: () => post(`/v1/organizations/${w.orgA}/connections`, sentinelOne()),
    connectSession: () =>
      post(`/v1/organizations/${w.orgA}/connect-sessions`, { providers: ['sentinelone'] }),
    sharedConnection,
    webhook: () => post(`/v1/organizations/${w.orgA}/webhooks`, { url: 'https://hooks.example.com/keyward' }),
  };
}

describe('authorization table', () => {
  let t: TestApp;
  let w: World;
  let connection: string;
  beforeAll(async () => {
    provider = await fakeSentinelOne(PROVIDER_TOKEN);
    t = await createTestApp(STORE, OUTBOUND, undefined, { ca: testTls().trusted.ca });
    w = await buildWorld(t);
    connection = await freshMaker(t, w).connection();
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  for (const c of CASES.filter((x) => !x.newWorld)) {
    it(`${c.method} ${c.route}`, async () => {
      const got: Record<string, number> = {};
      for (const [kind, auth] of Object.entries(callers(w))) {
        const { url, body } = await c.make(w, freshMaker(t, w, connection));
        got[kind] = (await t.request(c.method, url, { auth, body })).status;
      }
      for (const [kind, auth] of Object.entries(rejected(w))) {
        const { url, body } = await c.make(w, freshMaker(t, w, connection));
        const reply = await t.request(c.method, url, { auth, body });
        got[kind] = reply.status;
        expect(reply.body?.error?.code, `${kind}: ${reply.text}`).toBe('UNAUTHORIZED');
      }
      expect(got).toEqual({ ...c.expect, revoked: 401, expired: 401, 'disabled owner': 401, none: 401 });
    });
  }

  describe('keys of an organization admin scoped to one connections permission', () => {
    const scoped: Record<string, Auth> = {};
    beforeAll(async () => {
      for (const action of ['read', 'write', 'use']) {
        const reply = await t.request('POST', `/v1/organizations/${w.orgA}/apikeys`, {
          auth: { bearer: w.tokens.alice },
          body: { name: `only ${action}`, role: 'admin', scopes: [`connections:${action}`] },
        });
        if (reply.status !== 201) throw new Error(`a connections:${action} key: ${reply.text}`);
        scoped[`connections:${action}`] = { key: reply.body.apiKey };
      }
    });

    for (const c of CASES.filter((x) => /\/connections|\/connect-sessions/.test(x.route))) {
      it(`${c.method} ${c.route}`, async () => {
        const got: Record<string, number> = {};
        for (const [scope, auth] of Object.entries(scoped)) {
          const { url, body } = await c.make(w, freshMaker(t, w, connection));
          got[scope] = (await t.request(c.method, url, { auth, body })).status;
        }
        const needed = permissionOf(c);
        const want = Object.fromEntries(
          Object.keys(scoped).map((scope) => [scope, scope === needed ? c.expect.A : 403]),
        );
        expect(got).toEqual(want);
      });
    }
  });

  it('runs through the path that serves real traffic when it runs over a socket', () => {
    // The table's reads and verifications by key are what the hot path answers in production.
    if (t.transport === 'socket') expect(t.deps.metrics.hotPathRequests).toBeGreaterThan(0);
    else expect(t.deps.metrics.hotPathRequests).toBe(0);
  });

  it('covers every protected route of the OpenAPI document', async () => {
    const doc = (await t.request('GET', '/openapi.json')).body;
    const documented = Object.entries(
      doc.paths as Record<string, Record<string, { security?: unknown[] }>>,
    ).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !(Array.isArray(op.security) && op.security.length === 0))
        .filter(([, op]) => !/basic|connectLink/.test(JSON.stringify(op.security ?? [])))
        .map(
          ([method]) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1').replace('{*}', '*')}`,
        ),
    );
    expect(CASES.map((c) => `${c.method} ${c.route}`).sort()).toEqual(documented.sort());
  });
});

describe('authorization table: routes that consume the organization', () => {
  for (const c of CASES.filter((x) => x.newWorld)) {
    it(`${c.method} ${c.route}`, async () => {
      const got: Record<string, number> = {};
      for (const kind of ['C', 'A', 'M', 'X', 'S', 'W', 'revoked', 'none'] as const) {
        const t = await createTestApp(undefined, ENV);
        try {
          const w = await buildWorld(t);
          const auth = kind === 'revoked' || kind === 'none' ? rejected(w)[kind] : callers(w)[kind];
          const { url, body } = await c.make(w, freshMaker(t, w));
          got[kind] = (await t.request(c.method, url, { auth, body })).status;
        } finally {
          await t.close();
        }
      }
      expect(got).toEqual({ ...c.expect, revoked: 401, none: 401 });
    });
  }
});

describe('public routes', () => {
  it('answer without credentials, and ignore bad ones', async () => {
    const t = await createTestApp(undefined, ENV);
    try {
      for (const url of ['/healthz', '/readyz', '/metrics', '/openapi.json']) {
        expect((await t.request('GET', url)).status, url).toBe(200);
        expect((await t.request('GET', url, { auth: { key: 'acme_nope' } })).status, url).toBe(200);
      }
    } finally {
      await t.close();
    }
  });
});
