import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type Auth, createTestApp, type TestApp } from '../support/app.js';
import { type Frame, type FrameReader, readFrames } from '../support/event-stream.js';
import { useWorld } from '../support/world.js';

/**
 * GET /v1/events: the key events a service caching verify's answers must hear, streamed as they commit,
 * resumed from the log after a gap, and only those of the organizations the caller may verify in.
 */
const ctx = useWorld();

/** An open stream, read event by event. */
interface Stream extends FrameReader {
  status: number;
  close(): void;
}

async function open(
  t: TestApp,
  auth: Auth,
  options: { query?: string; lastEventId?: string } = {},
): Promise<Stream> {
  const headers: Record<string, string> = {};
  if (auth && 'key' in auth) headers.authorization = `Key ${auth.key}`;
  if (auth && 'bearer' in auth) headers.authorization = `Bearer ${auth.bearer}`;
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  const response = await t.app.inject({
    method: 'GET',
    url: `/v1/events${options.query ?? ''}`,
    headers,
    payloadAsStream: true,
  });
  const body = response.stream();
  return { status: response.statusCode, ...readFrames(body), close: () => body.destroy() };
}

async function ok(t: TestApp, method: string, url: string, auth: Auth, body?: unknown) {
  const reply = await t.request(method, url, { auth, body });
  if (reply.status >= 300) throw new Error(`${method} ${url} answered ${reply.status}: ${reply.text}`);
  return reply.body;
}

async function newKey(orgId: string, bearer: string, body: Record<string, unknown> = {}) {
  const created = await ok(
    ctx.t,
    'POST',
    `/v1/organizations/${orgId}/apikeys`,
    { bearer },
    { name: 'e', role: 'member', ...body },
  );
  return { id: created.id as string, secret: created.apiKey as string };
}

describe('GET /v1/events', () => {
  it("streams each kind of change to a key of the verifier's organization, with ids and no secret", async () => {
    const { t, w } = ctx;
    const stream = await open(t, { key: w.keys.alice.secret });
    expect(stream.status).toBe(200);
    const ready = (await stream.until('ready')).at(-1) as Frame;
    expect(ready.data.head).toBe(ready.id);

    const key = await newKey(w.orgA, w.tokens.alice, { role: 'member', ownerId: w.users.bob });
    const alice = { bearer: w.tokens.alice };
    await ok(t, 'PATCH', `/v1/apikeys/${key.id}`, alice, { enabled: false });
    await ok(t, 'PATCH', `/v1/apikeys/${key.id}`, alice, { enabled: true });
    await ok(t, 'PATCH', `/v1/apikeys/${key.id}`, alice, { meta: { plan: 'pro' } });
    await ok(t, 'POST', `/v1/apikeys/${key.id}/rotate`, alice, {});
    await ok(t, 'PATCH', `/v1/organizations/${w.orgA}/members/${w.users.bob}`, alice, { role: 'member' });
    await ok(t, 'DELETE', `/v1/apikeys/${key.id}`, alice);
    // Another organization's change is not this verifier's to hear.
    const other = await newKey(w.orgB, w.tokens.carol);
    await ok(t, 'DELETE', `/v1/apikeys/${other.id}`, { bearer: w.tokens.carol });

    const frames: Frame[] = [];
    for (let i = 0; i < 6; i++) frames.push((await stream.next()) as Frame);
    stream.close();
    expect(frames.map((frame) => [frame.event, frame.data.keyId])).toEqual([
      ['key.disabled', key.id],
      ['key.enabled', key.id],
      ['key.updated', key.id],
      ['key.rotated', key.id],
      ['owner.changed', null],
      ['key.revoked', key.id],
    ]);
    for (const frame of frames) {
      expect(frame.data).toEqual({
        id: frame.id,
        type: frame.event,
        keyId: frame.event === 'owner.changed' ? null : key.id,
        ownerId: w.users.bob,
        organizationId: w.orgA,
        at: expect.any(String),
      });
      expect(JSON.stringify(frame.data)).not.toContain(key.secret);
    }
    const ids = frames.map((frame) => Number(frame.id));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('resumes after Last-Event-ID with what was missed, in order, then says it is ready', async () => {
    const { t, w } = ctx;
    const first = await open(t, { bearer: w.tokens.alice });
    const ready = (await first.until('ready')).at(-1) as Frame;
    first.close();

    const missed = [await newKey(w.orgA, w.tokens.alice), await newKey(w.orgA, w.tokens.alice)];
    for (const key of missed) await ok(t, 'DELETE', `/v1/apikeys/${key.id}`, { bearer: w.tokens.alice });

    const resumed = await open(t, { bearer: w.tokens.alice }, { lastEventId: ready.id as string });
    const frames = await resumed.until('ready');
    resumed.close();
    const revoked = frames.filter((frame) => frame.event === 'key.revoked').map((frame) => frame.data.keyId);
    expect(revoked).toEqual(missed.map((key) => key.id));
    expect(Number(frames.at(-1)?.id)).toBeGreaterThan(Number(ready.id));
  });

  it('says reset when it cannot resume from the id given', async () => {
    const { t, w } = ctx;
    const stream = await open(t, { bearer: w.tokens.alice }, { lastEventId: '999999999' });
    const frames = await stream.until('ready');
    stream.close();
    expect(frames.map((frame) => frame.event)).toEqual(['reset', 'ready']);
  });

  it('records an expiry once, however often the sweep runs', async () => {
    const { t, w } = ctx;
    const key = await newKey(w.orgA, w.tokens.alice, { ttl: 30 });
    const stream = await open(t, { key: w.keys.alice.secret });
    await stream.until('ready');
    t.advance(31_000);
    expect(await t.deps.expiry.sweep()).toBeGreaterThanOrEqual(1);
    expect(await t.deps.expiry.sweep()).toBe(0);
    // The world's own expired key may come first: it expired before any sweep ran.
    const seen: Frame[] = [];
    while (!seen.some((frame) => frame.data.keyId === key.id))
      seen.push(...(await stream.until('key.expired')));
    stream.close();
    const expired = seen.filter((frame) => frame.event === 'key.expired' && frame.data.keyId === key.id);
    expect(expired).toHaveLength(1);
    const again = await t.deps.store.listKeyEvents(0, null, [w.orgA]);
    expect(again.filter((event) => event.type === 'key.expired' && event.keyId === key.id)).toHaveLength(1);
  });

  it("tells of a service user's expiry as an owner change", async () => {
    const { t, w } = ctx;
    const serviceUser = await ok(
      t,
      'POST',
      `/v1/organizations/${w.orgA}/service-users`,
      { bearer: w.tokens.alice },
      {
        name: `expiring-${Date.now()}`,
        role: 'member',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    );
    const stream = await open(t, { key: w.keys.alice.secret });
    await stream.until('ready');
    t.advance(3_601_000);
    await t.deps.expiry.sweep();
    const frames = await stream.until('owner.changed');
    stream.close();
    expect(frames.at(-1)?.data).toMatchObject({
      type: 'owner.changed',
      ownerId: serviceUser.id,
      keyId: null,
    });
  });

  it("ends a stream when the caller's own key is revoked, and refuses the key after", async () => {
    const { t, w } = ctx;
    const own = await newKey(w.orgA, w.tokens.alice, { role: 'admin' });
    const stream = await open(t, { key: own.secret });
    await stream.until('ready');
    await ok(t, 'DELETE', `/v1/apikeys/${own.id}`, { bearer: w.tokens.alice });
    expect((await stream.next())?.event).toBe('key.revoked');
    expect(await stream.next()).toBeNull();
    expect((await t.request('GET', '/v1/events', { auth: { key: own.secret } })).status).toBe(401);
  });

  it("gives a cluster admin every organization's events, or one organization's", async () => {
    const { t, w } = ctx;
    const all = await open(t, { bearer: w.tokens.admin });
    const onlyB = await open(t, { bearer: w.tokens.admin }, { query: `?orgId=${w.orgB}` });
    await all.until('ready');
    await onlyB.until('ready');
    const a = await newKey(w.orgA, w.tokens.alice);
    const b = await newKey(w.orgB, w.tokens.carol);
    await ok(t, 'DELETE', `/v1/apikeys/${a.id}`, { bearer: w.tokens.alice });
    await ok(t, 'DELETE', `/v1/apikeys/${b.id}`, { bearer: w.tokens.carol });
    expect([(await all.next())?.data.keyId, (await all.next())?.data.keyId]).toEqual([a.id, b.id]);
    expect((await onlyB.next())?.data.keyId).toBe(b.id);
    all.close();
    onlyB.close();
  });

  it('refuses callers who may not verify, and bad input, in the error shape', async () => {
    const { t, w } = ctx;
    const refused = async (auth: Auth, query = '', headers: Record<string, string> = {}) => {
      const reply = await t.request('GET', `/v1/events${query}`, { auth, headers });
      return [reply.status, reply.body?.error?.code];
    };
    expect(await refused(null)).toEqual([401, 'UNAUTHORIZED']);
    expect(await refused({ key: w.keys.wrongScope.secret })).toEqual([403, 'FORBIDDEN']);
    expect(await refused({ key: w.keys.alice.secret }, `?orgId=${w.orgB}`)).toEqual([404, 'NOT_FOUND']);
    expect(await refused({ bearer: w.tokens.bob }, `?orgId=${w.orgB}`)).toEqual([404, 'NOT_FOUND']);
    expect(await refused({ bearer: w.tokens.bob }, '?heartbeat=0')).toEqual([400, 'INVALID_REQUEST']);
    expect(await refused({ bearer: w.tokens.bob }, '?heartbeat=61')).toEqual([400, 'INVALID_REQUEST']);
    expect(await refused({ bearer: w.tokens.bob }, '?stream=1')).toEqual([400, 'INVALID_REQUEST']);
    expect(await refused({ bearer: w.tokens.bob }, '', { 'last-event-id': 'abc' })).toEqual([
      400,
      'INVALID_REQUEST',
    ]);
  });

  it('ends its streams when the server shuts down, rather than hold it open', async () => {
    const t = await createTestApp();
    try {
      const stream = await open(t, { bearer: await t.tokenFor('admin', ADMIN_PASSWORD) });
      await stream.until('ready');
      const closing = t.close();
      expect(await stream.next()).toBeNull();
      await closing;
    } catch (error) {
      await t.close().catch(() => {});
      throw error;
    }
  });
});
