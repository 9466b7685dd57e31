import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Auth,
  createTestApp,
  postgresFactory,
  type Reply,
  STORE,
  type TestApp,
} from '../support/app.js';
import { type DnsServer, dnsResolver, startDnsServer } from '../support/dns-server.js';
import { startHttpsServer } from '../support/https-server.js';
import { type FakeProvider, fakeGrafana, fakeListmonk, fakeSentinelOne } from '../support/providers.js';
import { testTls } from '../support/tls.js';
import { buildWorld, type World } from '../support/world.js';

/**
 * Connections (PRODUCT.md §8) against real HTTPS servers that answer as the providers do, with the test
 * certificate authority trusted and TLS verification on. Every reply is kept, so that the last test can
 * show that no credential ever came back out.
 */

const TOKEN = 'S1-right-token-0123456789abcdefghij';
const WRONG = 'S1-wrong-token-9876543210zyxwvutsrq';
const GRAFANA = 'glsa_grafana-token-0123456789abcdef';
const LISTMONK_PASSWORD = 'listmonk-password-0123456789';
const LOOPBACK = '127.0.0.1/32,::1/128';
const ENV = { KEYWARD_OUTBOUND_ALLOW: LOOPBACK, KEYWARD_AUTH_FAILURES_PER_MINUTE: '1000000' };

const replies: Reply[] = [];

async function call(
  t: TestApp,
  method: string,
  url: string,
  auth: Auth,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<Reply> {
  const reply = await t.request(method, url, { auth, body, ...(headers ? { headers } : {}) });
  replies.push(reply);
  return reply;
}

describe('connections', () => {
  let t: TestApp;
  let w: World;
  let s1: FakeProvider;
  let admin: Auth;
  let member: Auth;
  const connections = (orgId: string) => `/v1/organizations/${orgId}/connections`;

  beforeAll(async () => {
    t = await createTestApp(STORE, ENV, undefined, { ca: testTls().trusted.ca });
    w = await buildWorld(t);
    s1 = await fakeSentinelOne(TOKEN);
    admin = { key: w.keys.alice.secret };
    member = { key: w.keys.bob.secret };
  });
  afterAll(async () => {
    await s1.close();
    await t.close();
  });

  const sentinelOne = (token: string, extra: Record<string, unknown> = {}) => ({
    provider: 'sentinelone',
    config: { hostname: s1.hostname },
    credentials: { apiKey: token },
    ...extra,
  });

  describe('the provider catalog', () => {
    it('describes SentinelOne as its form needs it', async () => {
      const reply = await call(t, 'GET', '/v1/providers/sentinelone', member);
      expect(reply.status).toBe(200);
      const [hostname, apiKey] = reply.body.fields;
      expect(hostname).toMatchObject({
        name: 'hostname',
        part: 'config',
        format: 'hostname',
        prefix: 'https://',
        secret: false,
        optional: false,
        order: 1,
      });
      expect(apiKey).toMatchObject({ name: 'apiKey', part: 'credentials', secret: true, order: 2 });
      expect(reply.body.verifies).toBe(true);
      expect(reply.body.docs).toMatch(/^https:\/\//);
    });

    it("searches, and pages through every provider, Nango's and Keyward's own", async () => {
      const found = await call(t, 'GET', '/v1/providers?search=SENTINEL', member);
      expect(found.body.items.map((p: { name: string }) => p.name)).toContain('sentinelone');
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Reply = await call(
          t,
          'GET',
          `/v1/providers?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
          member,
        );
        expect(page.status).toBe(200);
        names.push(...page.body.items.map((p: { name: string }) => p.name));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(new Set(names).size).toBe(names.length);
      expect(names.length).toBeGreaterThan(400);
      for (const own of [
        'sensu',
        'edge-impulse',
        'keyward',
        'generic-header',
        'generic-bearer',
        'grafana',
        'listmonk',
      ])
        expect(names).toContain(own);
    });

    it('answers 404 for a provider it does not know, and 400 for a malformed name', async () => {
      expect((await call(t, 'GET', '/v1/providers/no-such-provider', member)).status).toBe(404);
      expect((await call(t, 'GET', '/v1/providers/Bad%20Name', member)).status).toBe(400);
    });
  });

  describe('creating', () => {
    it('stores a SentinelOne connection whose token SentinelOne accepts, and never returns the token', async () => {
      const before = s1.requests.length;
      const reply = await call(t, 'POST', connections(w.orgA), admin, sentinelOne(TOKEN, { name: 'EDR' }));
      expect(reply.status, reply.text).toBe(201);
      expect(reply.body).toMatchObject({
        orgId: w.orgA,
        provider: 'sentinelone',
        name: 'EDR',
        config: { hostname: s1.hostname },
        expiresAt: null,
        expiresSoon: false,
        lastCheck: { ok: true, outcome: 'passed', status: 200 },
      });
      expect(reply.body.id).toMatch(/^con_/);
      expect(reply.text).not.toContain(TOKEN);
      const seen = s1.requests.slice(before);
      expect(seen.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
        ['GET', '/web/api/v2.1/sites?limit=1', `ApiToken ${TOKEN}`],
      ]);
      const read = await call(t, 'GET', `/v1/connections/${reply.body.id}`, member);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(reply.body);
    });

    it('refuses a token SentinelOne refuses with 400 CONNECTION_CHECK_FAILED, quoting its status only, and stores nothing', async () => {
      const listed = await call(t, 'GET', connections(w.orgA), admin);
      const reply = await call(t, 'POST', connections(w.orgA), admin, sentinelOne(WRONG));
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('CONNECTION_CHECK_FAILED');
      expect(reply.body.error.message).toContain('401');
      // The provider's body quoted the credential; Keyward passed on none of it.
      expect(reply.text).not.toContain(WRONG);
      expect(reply.text).not.toContain('bad credential');
      expect((await call(t, 'GET', connections(w.orgA), admin)).body.items).toEqual(listed.body.items);
    });

    it('holds a hostname to a host or host:port, and sends nothing for one that is not', async () => {
      const before = s1.connections();
      for (const hostname of [
        `https://${s1.hostname}`,
        `${s1.hostname}/web`,
        `user:pw@${s1.hostname}`,
        `${s1.hostname}?q=1`,
        'localhost:99999',
        '',
      ]) {
        const reply = await call(t, 'POST', connections(w.orgA), admin, {
          ...sentinelOne(TOKEN),
          config: { hostname },
        });
        expect(reply.status, hostname).toBe(400);
        expect(reply.body.error.code).toBe('INVALID_REQUEST');
        expect(reply.body.error.message).toContain('body.config.hostname');
      }
      const missing = await call(t, 'POST', connections(w.orgA), admin, {
        ...sentinelOne(TOKEN),
        credentials: {},
      });
      expect(missing.body.error.message).toContain('body.credentials.apiKey: is required');
      const unknown = await call(t, 'POST', connections(w.orgA), admin, {
        ...sentinelOne(TOKEN),
        provider: 'nope',
      });
      expect(unknown.body.error.message).toContain('body.provider');
      expect(s1.connections()).toBe(before);
    });

    it('checks a bearer provider (Grafana) and a BASIC one (Listmonk) from Nango’s catalog', async () => {
      const grafana = await fakeGrafana(GRAFANA);
      const listmonk = await fakeListmonk('api-user', LISTMONK_PASSWORD);
      try {
        // Each names its host field as its catalog entry does (Grafana's is `domain`).
        const hostField = async (provider: string) => {
          const described = await call(t, 'GET', `/v1/providers/${provider}`, member);
          const fields = described.body.fields.filter((f: { part: string }) => f.part === 'config');
          expect(fields.map((f: { format: string }) => f.format)).toEqual(['hostname']);
          return fields[0].name as string;
        };
        const grafanaHost = await hostField('grafana');
        const listmonkHost = await hostField('listmonk');
        const bearer = (token: string) => ({
          provider: 'grafana',
          config: { [grafanaHost]: grafana.hostname },
          credentials: { apiKey: token },
        });
        const basic = (password: string) => ({
          provider: 'listmonk',
          config: { [listmonkHost]: listmonk.hostname },
          credentials: { username: 'api-user', password },
        });
        const made = await call(t, 'POST', connections(w.orgA), admin, bearer(GRAFANA));
        expect(made.status, made.text).toBe(201);
        expect(grafana.requests.at(-1)?.headers.authorization).toBe(`Bearer ${GRAFANA}`);
        const badBearer = await call(t, 'POST', connections(w.orgA), admin, bearer(`${GRAFANA}-x`));
        expect([badBearer.status, badBearer.body.error.code]).toEqual([400, 'CONNECTION_CHECK_FAILED']);
        expect((await call(t, 'POST', connections(w.orgA), admin, basic(LISTMONK_PASSWORD))).status).toBe(
          201,
        );
        const badBasic = await call(t, 'POST', connections(w.orgA), admin, basic(`${LISTMONK_PASSWORD}-x`));
        expect([badBasic.status, badBasic.body.error.code]).toEqual([400, 'CONNECTION_CHECK_FAILED']);
      } finally {
        await grafana.close();
        await listmonk.close();
      }
    });

    it('records an expiry, flags what expires within 14 days, and lists only those on request', async () => {
      const soon = new Date(Date.now() + 3 * 86_400_000).toISOString();
      const later = new Date(Date.now() + 60 * 86_400_000).toISOString();
      const a = await call(t, 'POST', connections(w.orgA), admin, sentinelOne(TOKEN, { expiresAt: soon }));
      const b = await call(t, 'POST', connections(w.orgA), admin, sentinelOne(TOKEN, { expiresAt: later }));
      expect([a.body.expiresSoon, b.body.expiresSoon]).toEqual([true, false]);
      const expiring = await call(t, 'GET', `${connections(w.orgA)}?expiring=true`, member);
      expect(expiring.body.items.map((c: { id: string }) => c.id)).toEqual([a.body.id]);
      const past = await call(
        t,
        'POST',
        connections(w.orgA),
        admin,
        sentinelOne(TOKEN, { expiresAt: '2020-01-01T00:00:00Z' }),
      );
      expect(past.status).toBe(400);
    });
  });

  describe('updating and checking', () => {
    let id: string;
    beforeAll(async () => {
      id = (await call(t, 'POST', connections(w.orgA), admin, sentinelOne(TOKEN))).body.id;
    });

    it('renames without calling the provider', async () => {
      const before = s1.requests.length;
      const reply = await call(t, 'PATCH', `/v1/connections/${id}`, admin, { name: 'Renamed' });
      expect([reply.status, reply.body.name]).toEqual([200, 'Renamed']);
      expect(s1.requests.length).toBe(before);
    });

    it('checks a new credential before it replaces the old: a refused one changes nothing', async () => {
      const refused = await call(t, 'PATCH', `/v1/connections/${id}`, admin, {
        credentials: { apiKey: WRONG },
      });
      expect([refused.status, refused.body.error.code]).toEqual([400, 'CONNECTION_CHECK_FAILED']);
      const check = await call(t, 'POST', `/v1/connections/${id}/check`, admin);
      expect(check.body.lastCheck).toMatchObject({ ok: true, status: 200 });
      expect(s1.requests.at(-1)?.headers.authorization).toBe(`ApiToken ${TOKEN}`);
    });

    it('records a check that fails once the provider revokes the token, and passes again after a new one', async () => {
      const rotated = 'S1-rotated-token-abcdefghij0123456789';
      s1.accept(rotated);
      try {
        const failed = await call(t, 'POST', `/v1/connections/${id}/check`, admin);
        expect(failed.status).toBe(200);
        expect(failed.body.lastCheck).toMatchObject({ ok: false, outcome: 'refused', status: 401 });
        const read = await call(t, 'GET', `/v1/connections/${id}`, member);
        expect(read.body.lastCheck).toEqual(failed.body.lastCheck);
        const replaced = await call(t, 'PATCH', `/v1/connections/${id}`, admin, {
          credentials: { apiKey: rotated },
        });
        expect([replaced.status, replaced.body.lastCheck.ok]).toEqual([200, true]);
        const audit = await call(t, 'GET', `/v1/audit?orgId=${w.orgA}&targetId=${id}`, admin);
        const actions = audit.body.items.map(
          (e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`,
        );
        expect(actions).toEqual(
          expect.arrayContaining([
            'connection.created:success',
            'connection.updated:success',
            'connection.checked:success',
            'connection.checked:failure',
          ]),
        );
      } finally {
        s1.accept(TOKEN);
      }
    });

    it('refuses an update that breaks the provider’s rules, naming the field', async () => {
      const reply = await call(t, 'PATCH', `/v1/connections/${id}`, admin, {
        config: { hostname: 'http://x' },
        credentials: { apiKey: TOKEN },
      });
      expect(reply.status).toBe(400);
      expect(reply.body.error.message).toContain('body.config.hostname');
      expect((await call(t, 'PATCH', `/v1/connections/${id}`, admin, {})).status).toBe(400);
    });
    it('never sends the stored credential to a new address: moving a connection needs its credential again', async () => {
      const elsewhere = await fakeSentinelOne('S1-elsewhere-token-0123456789abcdef');
      const own = (await call(t, 'POST', connections(w.orgA), admin, sentinelOne(TOKEN))).body.id;
      try {
        const moved = await call(t, 'PATCH', `/v1/connections/${own}`, admin, {
          config: { hostname: elsewhere.hostname },
        });
        expect([moved.status, moved.body.error.code]).toEqual([400, 'INVALID_REQUEST']);
        expect(moved.body.error.message).toContain('body.credentials');
        expect(elsewhere.requests).toHaveLength(0);
        const read = await call(t, 'GET', `/v1/connections/${own}`, member);
        expect(read.body.config).toEqual({ hostname: s1.hostname });
        // The same config again is no move: the stored credential is checked where it was stored.
        const same = await call(t, 'PATCH', `/v1/connections/${own}`, admin, {
          config: { hostname: s1.hostname },
        });
        expect([same.status, same.body.lastCheck?.ok], same.text).toEqual([200, true]);
        const withCredential = await call(t, 'PATCH', `/v1/connections/${own}`, admin, {
          config: { hostname: elsewhere.hostname },
          credentials: { apiKey: 'S1-elsewhere-token-0123456789abcdef' },
        });
        expect([withCredential.status, withCredential.body.config.hostname]).toEqual([
          200,
          elsewhere.hostname,
        ]);
        expect(elsewhere.requests.map((r) => r.headers.authorization)).toEqual([
          'ApiToken S1-elsewhere-token-0123456789abcdef',
        ]);
      } finally {
        await elsewhere.close();
      }
    });
  });

  describe('the proxy', () => {
    let id: string;
    beforeAll(async () => {
      id = (await call(t, 'POST', connections(w.orgA), admin, sentinelOne(TOKEN))).body.id;
    });

    it('forwards method, path, query, headers and body, with the credential and never the caller’s own', async () => {
      const path = `/v1/connections/${id}/proxy/web/api/v2.1/agents?limit=5&tag=a&tag=b%20c`;
      const got = await call(t, 'POST', path, admin, { filter: { isActive: true } }, { 'x-trace': 'abc' });
      expect(got.status, got.text).toBe(200);
      expect(got.body.method).toBe('POST');
      // The query is decoded and encoded again as a form would be: `%20` becomes `+`, which means the same.
      expect(got.body.path).toBe('/web/api/v2.1/agents?limit=5&tag=a&tag=b+c');
      expect(s1.requests.at(-1)?.headers.authorization).toBe(`ApiToken ${TOKEN}`);
      expect(got.body.headers['x-trace']).toBe('abc');
      expect(got.body.headers['content-type']).toBe('application/json');
      expect(JSON.parse(got.body.body)).toEqual({ filter: { isActive: true } });
      // Nothing of the caller's credential went out, in any header.
      const received = JSON.stringify(s1.requests.at(-1)?.headers);
      expect(received).not.toContain(w.keys.alice.secret);
      // The provider's own headers come back; its cookies do not.
      expect(got.headers['x-provider']).toBe('fake');
      expect(got.headers['x-request-id']).toMatch(/^req_/);
      expect(got.headers['x-provider-request-id']).toBe('provider-request-1');
      expect(got.headers['set-cookie']).toBeUndefined();
    });

    it('leaves out the caller’s x-api-key too', async () => {
      const got = await call(t, 'GET', `/v1/connections/${id}/proxy/web/api/v2.1/threats`, {
        xApiKey: w.keys.alice.secret,
      });
      expect(got.status).toBe(200);
      expect(got.body.headers['x-api-key']).toBeUndefined();
      expect(s1.requests.at(-1)?.headers.authorization).toBe(`ApiToken ${TOKEN}`);
    });

    it('passes the provider’s refusal on as it is', async () => {
      s1.accept('S1-someone-else-token-0123456789abcd');
      try {
        const got = await call(t, 'GET', `/v1/connections/${id}/proxy/web/api/v2.1/threats`, admin);
        expect(got.status).toBe(401);
      } finally {
        s1.accept(TOKEN);
      }
    });

    it('refuses a path that would leave the provider’s base path', async () => {
      const before = s1.requests.length;
      for (const path of ['/%2e%2e/etc', '/a/%2E%2E/%2E%2E/b', '//evil.example/x', '/a/../../b']) {
        const got = await call(t, 'GET', `/v1/connections/${id}/proxy${path}`, admin);
        expect([400, 404], `${path}: ${got.text}`).toContain(got.status);
      }
      expect(s1.requests.length).toBe(before);
    });

    it('answers 502 when the provider cannot be reached', async () => {
      const gone = await fakeSentinelOne(TOKEN);
      const created = await call(t, 'POST', connections(w.orgA), admin, {
        ...sentinelOne(TOKEN),
        config: { hostname: gone.hostname },
      });
      await gone.close();
      const got = await call(
        t,
        'GET',
        `/v1/connections/${created.body.id}/proxy/web/api/v2.1/threats`,
        admin,
      );
      expect([got.status, got.body.error.code]).toEqual([502, 'BAD_GATEWAY']);
    });

    it('is for holders of connections:use: a member reads connections but cannot use one', async () => {
      expect((await call(t, 'GET', `/v1/connections/${id}`, member)).status).toBe(200);
      const got = await call(t, 'GET', `/v1/connections/${id}/proxy/web/api/v2.1/threats`, member);
      expect(got.status).toBe(403);
      const other = await call(t, 'GET', `/v1/connections/${id}/proxy/web/api/v2.1/threats`, {
        key: w.keys.carol.secret,
      });
      expect(other.status).toBe(404);
    });
  });

  describe('tampering', () => {
    it('never uses a ciphertext moved to another connection’s row or edited: it fails with a clear error', async () => {
      const a = (await call(t, 'POST', connections(w.orgA), admin, sentinelOne(TOKEN))).body.id as string;
      const b = (await call(t, 'POST', connections(w.orgA), admin, sentinelOne(TOKEN))).body.id as string;
      const rowA = await t.store.findConnection(a);
      const rowB = await t.store.findConnection(b);
      if (!rowA || !rowB) throw new Error('connections not stored');
      // Someone with write access to the database copies A's sealed secrets over B's.
      expect(await t.store.reseal(b, rowA.sealed, rowA.masterKeyId, rowB.sealed)).toBe(true);
      const before = s1.requests.length;
      const moved = await call(t, 'GET', `/v1/connections/${b}/proxy/web/api/v2.1/threats`, admin);
      expect([moved.status, moved.body.error.code]).toEqual([500, 'CONNECTION_UNREADABLE']);
      expect(moved.body.error.message).toContain('TAMPERED');
      const check = await call(t, 'POST', `/v1/connections/${b}/check`, admin);
      expect([check.status, check.body.error.code]).toEqual([500, 'CONNECTION_UNREADABLE']);
      // One byte of A's own ciphertext edited.
      const sealed = rowA.sealed;
      const at = sealed.length - 10;
      const edited = sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1);
      expect(await t.store.reseal(a, edited, rowA.masterKeyId, sealed)).toBe(true);
      const changed = await call(t, 'GET', `/v1/connections/${a}/proxy/web/api/v2.1/threats`, admin);
      expect([changed.status, changed.body.error.code]).toEqual([500, 'CONNECTION_UNREADABLE']);
      expect(s1.requests.length).toBe(before);
      // Entering the credential again repairs it.
      const repaired = await call(t, 'PATCH', `/v1/connections/${a}`, admin, {
        credentials: { apiKey: TOKEN },
      });
      expect(repaired.status).toBe(200);
      expect((await call(t, 'GET', `/v1/connections/${a}/proxy/x`, admin)).status).toBe(200);
    });
  });

  describe('deleting', () => {
    it('removes the connection and its secrets; it can no longer be used', async () => {
      const id = (await call(t, 'POST', connections(w.orgA), admin, sentinelOne(TOKEN))).body.id;
      expect((await call(t, 'DELETE', `/v1/connections/${id}`, member)).status).toBe(403);
      expect((await call(t, 'DELETE', `/v1/connections/${id}`, admin)).status).toBe(200);
      expect((await call(t, 'GET', `/v1/connections/${id}`, admin)).status).toBe(404);
      expect((await call(t, 'GET', `/v1/connections/${id}/proxy/x`, admin)).status).toBe(404);
      expect(await t.store.findConnection(id)).toBeNull();
    });
  });

  describe('nothing leaks', () => {
    it('no reply, audit entry or metric of this file holds a credential it used', async () => {
      const exported = await call(t, 'GET', `/v1/audit/export?orgId=${w.orgA}`, admin);
      expect(exported.status).toBe(200);
      const metrics = await t.request('GET', '/metrics');
      const secrets = [TOKEN, WRONG, GRAFANA, LISTMONK_PASSWORD, 'S1-rotated-token-abcdefghij0123456789'];
      const texts = [...replies.map((r) => r.text), metrics.text];
      expect(replies.length).toBeGreaterThan(50);
      for (const secret of secrets) {
        expect(texts.filter((text) => text.includes(secret)).map((text) => text.slice(0, 300))).toEqual([]);
        expect(readFileSync(t.logFile, 'utf8')).not.toContain(secret);
      }
    });

    it.runIf(STORE !== postgresFactory)('the SQLite files do not hold a credential', async () => {
      // Everything the database holds, committed or still in the WAL.
      const files = ['keyward.db', 'keyward.db-wal'].map((name) => `${t.dir}/${name}`);
      const bytes = files.map((file) => {
        try {
          return readFileSync(file);
        } catch {
          return Buffer.alloc(0);
        }
      });
      expect(bytes[0]?.length).toBeGreaterThan(0);
      for (const secret of [TOKEN, GRAFANA, LISTMONK_PASSWORD]) {
        for (const content of bytes) expect(content.includes(secret)).toBe(false);
      }
    });
  });
});

describe('connections to addresses the cluster does not allow', () => {
  let dns: DnsServer;
  beforeAll(async () => {
    dns = await startDnsServer();
  });
  afterAll(() => dns.close());

  it('refuses a provider on loopback when loopback is not allowed, before connecting', async () => {
    const t = await createTestApp(STORE, {}, undefined, { ca: testTls().trusted.ca });
    const s1 = await fakeSentinelOne(TOKEN);
    try {
      const w = await buildWorld(t);
      const reply = await t.request('POST', `/v1/organizations/${w.orgA}/connections`, {
        auth: { key: w.keys.alice.secret },
        body: { provider: 'sentinelone', config: { hostname: s1.hostname }, credentials: { apiKey: TOKEN } },
      });
      expect([reply.status, reply.body.error.code]).toEqual([400, 'CONNECTION_CHECK_FAILED']);
      expect(reply.body.error.message).toContain('KEYWARD_OUTBOUND_ALLOW');
      expect(s1.connections()).toBe(0);
    } finally {
      await s1.close();
      await t.close();
    }
  });

  it('checks the address at each connection: a name that moves to a forbidden address is refused', async () => {
    // 127.0.0.1 stands for the provider's public address (the only one allowed); 127.0.0.2 for the
    // internal service the name is later pointed at. Both answer on the same port.
    const inside = await startHttpsServer((_req, res) => res.writeHead(200).end('internal'), {
      host: '127.0.0.2',
    });
    const s1 = await fakeSentinelOne(TOKEN, { host: '127.0.0.1', port: inside.port });
    const t = await createTestApp(STORE, { KEYWARD_OUTBOUND_ALLOW: '127.0.0.1/32' }, undefined, {
      ca: testTls().trusted.ca,
      resolver: dnsResolver(dns.address),
    });
    try {
      const w = await buildWorld(t);
      const admin = { key: w.keys.alice.secret };
      dns.set('acme.sentinelone.test', ['127.0.0.1']);
      const created = await t.request('POST', `/v1/organizations/${w.orgA}/connections`, {
        auth: admin,
        body: {
          provider: 'sentinelone',
          config: { hostname: `acme.sentinelone.test:${s1.port}` },
          credentials: { apiKey: TOKEN },
        },
      });
      expect(created.status, created.text).toBe(201);
      const proxy = `/v1/connections/${created.body.id}/proxy/web/api/v2.1/threats`;
      expect((await t.request('GET', proxy, { auth: admin })).status).toBe(200);
      dns.set('acme.sentinelone.test', ['127.0.0.2']);
      // A pooled connection to the checked address may still be used; a new one must look the name up.
      s1.dropConnections();
      const moved = await t.request('GET', proxy, { auth: admin });
      expect([moved.status, moved.body.error.code]).toEqual([502, 'BAD_GATEWAY']);
      expect(moved.text).not.toContain('127.0.0.2');
      expect(inside.connections()).toBe(0);
      const check = await t.request('POST', `/v1/connections/${created.body.id}/check`, { auth: admin });
      expect(check.body.lastCheck).toMatchObject({ ok: false, outcome: 'forbidden', status: null });
      expect(inside.connections()).toBe(0);
    } finally {
      await s1.close();
      await inside.close();
      await t.close();
    }
  });
});
