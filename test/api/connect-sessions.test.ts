import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Auth, createTestApp, type Reply, STORE, type TestApp } from '../support/app.js';
import { type FakeProvider, fakeSentinelOne } from '../support/providers.js';
import { rememberSecret } from '../support/secrets.js';
import { testTls } from '../support/tls.js';
import { buildWorld, type World } from '../support/world.js';

/**
 * Connect sessions (PRODUCT.md §9, the Nango seed): an admin makes a link, and someone with no Keyward
 * account connects SentinelOne through it, once, against a real HTTPS stand-in that checks the token.
 */

const TOKEN = 'S1-connect-right-token-0123456789ab';
const WRONG = 'S1-connect-wrong-token-ba9876543210';
const ENV = { KEYWARD_OUTBOUND_ALLOW: '127.0.0.1/32,::1/128', KEYWARD_AUTH_FAILURES_PER_MINUTE: '1000000' };

describe('connect sessions', () => {
  let t: TestApp;
  let w: World;
  let s1: FakeProvider;
  let admin: Auth;
  const sessions = (orgId: string) => `/v1/organizations/${orgId}/connect-sessions`;

  beforeAll(async () => {
    t = await createTestApp(STORE, ENV, undefined, { ca: testTls().trusted.ca });
    w = await buildWorld(t);
    s1 = await fakeSentinelOne(TOKEN);
    admin = { key: w.keys.alice.secret };
  });
  afterAll(async () => {
    await s1.close();
    await t.close();
  });

  /** A new link to SentinelOne (and Grafana), made by `auth`: its id and token. */
  async function link(auth: Auth = admin, extra: Record<string, unknown> = {}) {
    const reply = await t.request('POST', sessions(w.orgA), {
      auth,
      body: { providers: ['sentinelone', 'grafana'], connectionName: 'Their SentinelOne', ...extra },
    });
    expect(reply.status, reply.text).toBe(201);
    rememberSecret(reply.body.token);
    return { id: reply.body.id as string, token: reply.body.token as string, body: reply.body };
  }

  /** What the Connect page sends: no credential but the link's token. */
  const asVisitor = (token: string, method: string, url: string, body?: unknown): Promise<Reply> =>
    t.request(method, url, { auth: null, body, headers: { 'x-connect-token': token } });
  const connect = (token: string, apiKey: string, provider = 'sentinelone') =>
    asVisitor(token, 'POST', '/v1/connect/connections', {
      provider,
      config: { hostname: s1.hostname },
      credentials: { apiKey },
    });

  it('is made by an org admin, shows its token once, and is refused to a member and outside the organization', async () => {
    const { id, token, body } = await link();
    expect(token).toMatch(/^kwc_[0-9A-Za-z]{43}$/);
    expect(body).toMatchObject({
      id: expect.stringMatching(/^cns_/),
      orgId: w.orgA,
      providers: ['sentinelone', 'grafana'],
      status: 'open',
      usedAt: null,
      refusals: 0,
    });
    expect(Date.parse(body.expiresAt) - Date.parse(body.createdAt)).toBe(1800 * 1000);
    expect(body).not.toHaveProperty('tokenHash');
    const listed = await t.request('GET', sessions(w.orgA), { auth: admin });
    expect(listed.body.items.find((s: { id: string }) => s.id === id)).toMatchObject({ status: 'open' });
    expect(listed.text).not.toContain(token);

    const member = await t.request('POST', sessions(w.orgA), {
      auth: { key: w.keys.bob.secret },
      body: { providers: ['sentinelone'] },
    });
    expect(member.status).toBe(403);
    const outsider = await t.request('POST', sessions(w.orgA), {
      auth: { key: w.keys.carol.secret },
      body: { providers: ['sentinelone'] },
    });
    expect(outsider.status).toBe(404);
    const unknown = await t.request('POST', sessions(w.orgA), {
      auth: admin,
      body: { providers: ['sentinelone', 'no-such-provider'] },
    });
    expect([unknown.status, unknown.body.error.message]).toEqual([
      400,
      expect.stringContaining('body.providers.1'),
    ]);
  });

  it('shows the visitor the organization and each provider’s form, with nothing but the link', async () => {
    const { token } = await link();
    const reply = await asVisitor(token, 'GET', '/v1/connect/session');
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.organization).toEqual({ name: 'Acme' });
    expect(reply.body.providers.map((p: { name: string }) => p.name)).toEqual(['sentinelone', 'grafana']);
    expect(
      reply.body.providers[0].fields.map((f: { name: string; secret: boolean }) => [f.name, f.secret]),
    ).toEqual([
      ['hostname', false],
      ['apiKey', true],
    ]);
    expect(reply.body.connectionName).toBe('Their SentinelOne');
    for (const bad of ['', 'kwc_short', `kwc_${'a'.repeat(43)}`, w.keys.alice.secret]) {
      const refused = await asVisitor(bad, 'GET', '/v1/connect/session');
      expect([refused.status, refused.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
    }
    // A key is no way in: the routes take the link's token and nothing else.
    expect((await t.request('GET', '/v1/connect/session', { auth: admin })).status).toBe(401);
  });

  it('refuses a token the provider refuses and stays open; stores the right one once; a second use is 410', async () => {
    const { id, token } = await link();
    const wrong = await connect(token, WRONG);
    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'CONNECTION_CHECK_FAILED']);
    expect(wrong.body.error.message).toBe('SentinelOne did not accept the credentials: it answered 401');
    const offered = await connect(token, TOKEN, 'listmonk');
    expect([offered.status, offered.body.error.message]).toEqual([
      400,
      expect.stringContaining('body.provider'),
    ]);

    const made = await connect(token, TOKEN);
    expect(made.status, made.text).toBe(201);
    expect(made.body).toEqual({
      id: expect.stringMatching(/^con_/),
      provider: 'sentinelone',
      name: 'Their SentinelOne',
      checked: true,
    });
    expect(s1.requests.at(-1)?.headers.authorization).toBe(`ApiToken ${TOKEN}`);
    const connection = await t.request('GET', `/v1/connections/${made.body.id}`, { auth: admin });
    expect(connection.body).toMatchObject({
      orgId: w.orgA,
      config: { hostname: s1.hostname },
      lastCheck: { ok: true, status: 200 },
      createdBy: w.users.alice,
    });
    const check = await t.request('POST', `/v1/connections/${made.body.id}/check`, { auth: admin });
    expect(check.body.lastCheck).toMatchObject({ ok: true });

    for (const again of [await connect(token, TOKEN), await asVisitor(token, 'GET', '/v1/connect/session')]) {
      expect([again.status, again.body.error.code]).toEqual([410, 'CONNECT_SESSION_ENDED']);
      expect(again.body.error.message).toContain('has been used');
    }
    const listed = await t.request('GET', sessions(w.orgA), { auth: admin });
    expect(listed.body.items.find((s: { id: string }) => s.id === id)).toMatchObject({
      status: 'used',
      connectionId: made.body.id,
      refusals: 1,
    });
    const audit = await t.request('GET', `/v1/audit?orgId=${w.orgA}&limit=200`, { auth: admin });
    const entries = audit.body.items.filter(
      (e: { targetId: string; actorId: string }) => e.targetId === id || e.actorId === id,
    );
    expect(
      entries.map((e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`).sort(),
    ).toEqual([
      'connect_session.created:success',
      'connection.check_failed:failure',
      'connection.created:success',
    ]);
    expect(audit.text).not.toContain(token);
    expect(audit.text).not.toContain(TOKEN);
    // The link is the actor of what its visitor did, and the log can be read by it.
    const byLink = await t.request('GET', `/v1/audit?orgId=${w.orgA}&actorId=${id}`, { auth: admin });
    expect(byLink.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'connection.check_failed',
      'connection.created',
    ]);
  });

  it('connects once when two visitors submit at the same moment', async () => {
    const { token } = await link();
    const replies = await Promise.all([connect(token, TOKEN), connect(token, TOKEN), connect(token, TOKEN)]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 410, 410]);
  });

  it('ends after five refused credentials, and at its expiry', async () => {
    const { token } = await link();
    for (let i = 0; i < 5; i++) expect((await connect(token, WRONG)).status).toBe(400);
    const ended = await connect(token, TOKEN);
    expect([ended.status, ended.body.error.message]).toEqual([
      410,
      expect.stringContaining('too many refused'),
    ]);

    const short = await link(admin, { expiresIn: 60 });
    t.advance(61_000);
    const late = await connect(short.token, TOKEN);
    expect([late.status, late.body.error.message]).toEqual([410, expect.stringContaining('expired')]);
  });

  it('holds no more than its maker does now: it ends with its maker’s key, or its maker’s role', async () => {
    const made = await t.request('POST', `/v1/organizations/${w.orgA}/apikeys`, {
      auth: { bearer: w.tokens.alice },
      body: { name: 'links', role: 'admin' },
    });
    const byKey = await link({ key: made.body.apiKey });
    await t.request('DELETE', `/v1/apikeys/${made.body.id}`, { auth: { bearer: w.tokens.alice } });
    const revoked = await connect(byKey.token, TOKEN);
    expect([revoked.status, revoked.body.error.message]).toEqual([
      410,
      expect.stringContaining('no longer valid'),
    ]);

    // Bob, made an admin, makes a link with his access token; demoted, his link no longer works.
    const role = (r: string) =>
      t.request('PATCH', `/v1/organizations/${w.orgA}/members/${w.users.bob}`, {
        auth: { bearer: w.tokens.alice },
        body: { role: r },
      });
    expect((await role('admin')).status).toBe(200);
    const byToken = await link({ bearer: w.tokens.bob });
    expect((await role('member')).status).toBe(200);
    expect((await connect(byToken.token, TOKEN)).status).toBe(410);
  });

  it('stops working at once when deleted; only an admin of its organization deletes it', async () => {
    const { id, token } = await link();
    const url = `/v1/connect-sessions/${id}`;
    expect((await t.request('DELETE', url, { auth: { key: w.keys.bob.secret } })).status).toBe(403);
    expect((await t.request('DELETE', url, { auth: { key: w.keys.carol.secret } })).status).toBe(404);
    expect((await t.request('DELETE', url, { auth: admin })).status).toBe(200);
    expect((await t.request('DELETE', url, { auth: admin })).status).toBe(404);
    expect((await connect(token, TOKEN)).status).toBe(401);
  });
});
