import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Auth, TestApp } from '../support/app.js';
import { rememberSecret } from '../support/secrets.js';
import {
  documentedRecipe,
  type Received,
  type Receiver,
  receiver,
  type Verify,
} from '../support/webhooks.js';
import { useWorld } from '../support/world.js';

/**
 * Webhooks (docs/webhooks.md): an organization admin's endpoints, sent each key event signed, tried again
 * with backoff until answered 2xx, every delivery listed by the API. The receivers are real HTTP servers
 * on loopback, which the cluster may reach because KEYWARD_OUTBOUND_ALLOW lists it; the dispatcher is
 * driven with `runOnce()` and the app's clock rather than by waiting.
 */
const WAITS = [1_000, 2_000];
const ctx = useWorld({
  KEYWARD_OUTBOUND_ALLOW: '127.0.0.1/32,::1/128',
  KEYWARD_WEBHOOK_RETRY_MS: WAITS.join(','),
  KEYWARD_AUTH_FAILURES_PER_MINUTE: '1000000',
});

let verify: Verify;

async function ok(t: TestApp, method: string, url: string, auth: Auth, body?: unknown) {
  const reply = await t.request(method, url, { auth, body });
  if (reply.status >= 300) throw new Error(`${method} ${url} answered ${reply.status}: ${reply.text}`);
  return reply.body;
}

const alice = () => ({ bearer: ctx.w.tokens.alice });

async function createHook(body: Record<string, unknown>) {
  const made = await ok(ctx.t, 'POST', `/v1/organizations/${ctx.w.orgA}/webhooks`, alice(), body);
  rememberSecret(made.secret);
  return made as { id: string; secret: string; url: string; events: string[] | null };
}

/** A key of organization A, revoked through the API: a `key.revoked` event. */
async function revokeNewKey(): Promise<string> {
  const key = await ok(ctx.t, 'POST', `/v1/organizations/${ctx.w.orgA}/apikeys`, alice(), {
    name: 'hooked',
    role: 'member',
  });
  await ok(ctx.t, 'DELETE', `/v1/apikeys/${key.id}`, alice());
  return key.id;
}

async function deliveries(hookId: string) {
  return (await ok(ctx.t, 'GET', `/v1/webhooks/${hookId}/deliveries`, alice())).items as any[];
}

const receivers: Receiver[] = [];
beforeAll(async () => {
  verify = await documentedRecipe();
});
afterAll(async () => {
  for (const r of receivers) await r.close();
});
async function newReceiver() {
  const r = await receiver();
  receivers.push(r);
  return r;
}

describe('webhook delivery', () => {
  it('sends key.revoked to the endpoint, signed as docs/webhooks.md tells receivers to check', async () => {
    const { t } = ctx;
    const endpoint = await newReceiver();
    const hook = await createHook({ url: endpoint.url, description: 'cache' });
    const keyId = await revokeNewKey();
    expect(await t.deps.webhooks.runOnce()).toBeGreaterThanOrEqual(1);

    expect(endpoint.received).toHaveLength(1);
    const [got] = endpoint.received as [Received];
    const event = JSON.parse(got.body);
    expect(event).toEqual({
      id: expect.stringMatching(/^[0-9]+$/),
      type: 'key.revoked',
      keyId,
      ownerId: ctx.w.users.alice,
      organizationId: ctx.w.orgA,
      at: expect.any(String),
    });
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['user-agent']).toMatch(/^Keyward-Webhooks\//);
    expect(got.headers['keyward-event-id']).toBe(event.id);
    expect(got.headers['keyward-event-type']).toBe('key.revoked');
    expect(got.headers['keyward-delivery-id']).toMatch(/^whd_/);
    const now = t.deps.clock();
    expect(verify(hook.secret, got.headers['keyward-signature'], got.body, now)).toBe(true);
    // The recipe refuses what a receiver must refuse.
    expect(verify(hook.secret, got.headers['keyward-signature'], `${got.body} `, now)).toBe(false);
    expect(verify(`${hook.secret}x`, got.headers['keyward-signature'], got.body, now)).toBe(false);
    expect(verify(hook.secret, got.headers['keyward-signature'], got.body, now + 6 * 60_000)).toBe(false);
    expect(JSON.stringify(got)).not.toContain(hook.secret);

    const [delivery] = await deliveries(hook.id);
    expect(delivery).toMatchObject({
      id: got.headers['keyward-delivery-id'],
      eventId: event.id,
      eventType: 'key.revoked',
      status: 'delivered',
      attempts: 1,
      nextAttemptAt: null,
      lastStatus: 200,
      lastError: null,
      deliveredAt: expect.any(String),
    });
    // Nothing is sent twice.
    await t.deps.webhooks.runOnce();
    expect(endpoint.received).toHaveLength(1);
    await ok(t, 'DELETE', `/v1/webhooks/${hook.id}`, alice());
  });

  it('tries a delivery answered 500 again after the backoff, with the same delivery id, until it is delivered', async () => {
    const { t } = ctx;
    const endpoint = await newReceiver();
    endpoint.answers.push(500);
    const hook = await createHook({ url: endpoint.url, events: ['key.revoked'] });
    await revokeNewKey();
    const before = t.deps.clock();
    await t.deps.webhooks.runOnce();
    const after = t.deps.clock();
    expect(endpoint.received).toHaveLength(1);
    const [first] = await deliveries(hook.id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500, deliveredAt: null });
    expect(first.lastError).toContain('500');
    // The first wait, stretched by up to a fifth.
    const next = Date.parse(first.nextAttemptAt);
    expect(next).toBeGreaterThanOrEqual(before + (WAITS[0] as number));
    expect(next).toBeLessThanOrEqual(after + (WAITS[0] as number) * 1.2);

    // Not before its time.
    await t.deps.webhooks.runOnce();
    expect(endpoint.received).toHaveLength(1);
    t.advance((WAITS[0] as number) * 1.2 + 1);
    await t.deps.webhooks.runOnce();
    expect(endpoint.received).toHaveLength(2);
    const [a, b] = endpoint.received as [Received, Received];
    expect(b.headers['keyward-delivery-id']).toBe(a.headers['keyward-delivery-id']);
    expect(b.body).toBe(a.body);
    expect(verify(hook.secret, b.headers['keyward-signature'], b.body, t.deps.clock())).toBe(true);
    const [second] = await deliveries(hook.id);
    expect(second).toMatchObject({
      id: first.id,
      status: 'delivered',
      attempts: 2,
      lastStatus: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    await ok(t, 'DELETE', `/v1/webhooks/${hook.id}`, alice());
  });

  it('gives a delivery up after its last attempt, and lists every delivery newest first', async () => {
    const { t } = ctx;
    const endpoint = await newReceiver();
    endpoint.answers.push(503, 502, 500);
    const hook = await createHook({ url: endpoint.url });
    await revokeNewKey();
    const seen: string[] = [];
    for (const wait of [...WAITS, 0]) {
      await t.deps.webhooks.runOnce();
      const [delivery] = await deliveries(hook.id);
      seen.push(`${delivery.status}:${delivery.attempts}:${delivery.lastStatus}`);
      t.advance(wait * 1.2 + 1);
    }
    expect(seen).toEqual(['pending:1:503', 'pending:2:502', 'failed:3:500']);
    expect(endpoint.received).toHaveLength(3);
    t.advance(3_600_000);
    await t.deps.webhooks.runOnce();
    expect(endpoint.received).toHaveLength(3);

    const later = await revokeNewKey();
    await t.deps.webhooks.runOnce();
    const listed = await deliveries(hook.id);
    expect(listed.map((d) => d.status)).toEqual(['delivered', 'failed']);
    expect(JSON.parse((endpoint.received[3] as Received).body).keyId).toBe(later);
    const paged = await ok(t, 'GET', `/v1/webhooks/${hook.id}/deliveries?limit=1`, alice());
    expect(paged.items.map((d: { id: string }) => d.id)).toEqual([listed[0].id]);
    const rest = await ok(
      t,
      'GET',
      `/v1/webhooks/${hook.id}/deliveries?limit=1&cursor=${paged.nextCursor}`,
      alice(),
    );
    expect(rest.items.map((d: { id: string }) => d.id)).toEqual([listed[1].id]);
    await ok(t, 'DELETE', `/v1/webhooks/${hook.id}`, alice());
  });

  it('sends an endpoint only the event types it asked for, and a disabled one nothing', async () => {
    const { t } = ctx;
    const endpoint = await newReceiver();
    const disabledOnly = await createHook({ url: endpoint.url, events: ['key.disabled'] });
    const off = await createHook({ url: endpoint.url, enabled: false });
    await revokeNewKey();
    await t.deps.webhooks.runOnce();
    expect(endpoint.received).toHaveLength(0);
    expect(await deliveries(disabledOnly.id)).toEqual([]);
    expect(await deliveries(off.id)).toEqual([]);

    const key = await ok(t, 'POST', `/v1/organizations/${ctx.w.orgA}/apikeys`, alice(), {
      name: 'd',
      role: 'member',
    });
    await ok(t, 'PATCH', `/v1/apikeys/${key.id}`, alice(), { enabled: false });
    await t.deps.webhooks.runOnce();
    expect(endpoint.received.map((r) => JSON.parse(r.body).type)).toEqual(['key.disabled']);
    for (const hook of [disabledOnly, off]) await ok(t, 'DELETE', `/v1/webhooks/${hook.id}`, alice());
  });

  it('signs with the new secret once it is rotated, and never shows a secret again', async () => {
    const { t, w } = ctx;
    const endpoint = await newReceiver();
    const hook = await createHook({ url: endpoint.url });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const rolled = await ok(t, 'POST', `/v1/webhooks/${hook.id}/rotate-secret`, alice());
    rememberSecret(rolled.secret);
    expect(rolled.secret).not.toBe(hook.secret);
    await revokeNewKey();
    await t.deps.webhooks.runOnce();
    const [got] = endpoint.received as [Received];
    expect(verify(rolled.secret, got.headers['keyward-signature'], got.body, t.deps.clock())).toBe(true);
    expect(verify(hook.secret, got.headers['keyward-signature'], got.body, t.deps.clock())).toBe(false);

    const reads = [
      await t.request('GET', `/v1/webhooks/${hook.id}`, { auth: alice() }),
      await t.request('GET', `/v1/organizations/${w.orgA}/webhooks`, { auth: alice() }),
      await t.request('PATCH', `/v1/webhooks/${hook.id}`, { auth: alice(), body: { description: 'x' } }),
      await t.request('GET', `/v1/webhooks/${hook.id}/deliveries`, { auth: alice() }),
      await t.request('GET', `/v1/audit?orgId=${w.orgA}&targetId=${hook.id}`, { auth: alice() }),
    ];
    for (const reply of reads) {
      expect(reply.status, reply.text).toBe(200);
      for (const secret of [hook.secret, rolled.secret]) expect(reply.text).not.toContain(secret);
      expect(reply.text).not.toContain('whsec_');
    }
    const actions = reads[4]?.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['webhook.updated', 'webhook.secret_rotated', 'webhook.created']);
    await ok(t, 'DELETE', `/v1/webhooks/${hook.id}`, alice());
  });

  it("keeps signing after a rotation of the vault's master key, which rewraps the webhook's secret", async () => {
    const { t, w } = ctx;
    const endpoint = await newReceiver();
    const hook = await createHook({ url: endpoint.url });
    const rotated = await ok(t, 'POST', '/v1/vault/rotate', { bearer: w.tokens.admin });
    expect(rotated.failed).toEqual([]);
    const vault = await ok(t, 'GET', '/v1/vault', { bearer: w.tokens.admin });
    expect(vault.pendingRewrap).toBe(0);
    await revokeNewKey();
    await t.deps.webhooks.runOnce();
    const [got] = endpoint.received as [Received];
    expect(verify(hook.secret, got.headers['keyward-signature'], got.body, t.deps.clock())).toBe(true);
    await ok(t, 'DELETE', `/v1/webhooks/${hook.id}`, alice());
  });

  it('hands each due delivery to one claimer, however many claim at once', async () => {
    const { t } = ctx;
    const endpoint = await newReceiver();
    const hook = await createHook({ url: endpoint.url });
    for (let i = 0; i < 6; i++) await revokeNewKey();
    const now = new Date(t.deps.clock()).toISOString();
    const claims = await Promise.all([1, 2, 3].map(() => t.store.claimDueDeliveries(now, 4, 60_000)));
    const ids = claims
      .flat()
      .filter((d) => d.webhookId === hook.id)
      .map((d) => d.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    // Locked: nothing is sent until the locks end.
    await t.deps.webhooks.runOnce();
    expect(endpoint.received).toHaveLength(0);
    t.advance(60_001);
    await t.deps.webhooks.runOnce();
    expect(endpoint.received).toHaveLength(6);
    await ok(t, 'DELETE', `/v1/webhooks/${hook.id}`, alice());
  });
});

describe('webhook routes', () => {
  it('creates, lists, reads, changes and deletes a webhook, each audited', async () => {
    const { t, w } = ctx;
    const made = await t.request('POST', `/v1/organizations/${w.orgA}/webhooks`, {
      auth: alice(),
      body: { url: 'https://hooks.example.com/keyward?team=7', events: ['key.revoked', 'key.expired'] },
    });
    expect(made.status, made.text).toBe(201);
    rememberSecret(made.body.secret);
    const { secret, ...shown } = made.body;
    expect(shown).toEqual({
      id: expect.stringMatching(/^whk_/),
      orgId: w.orgA,
      url: 'https://hooks.example.com/keyward?team=7',
      description: null,
      events: ['key.revoked', 'key.expired'],
      enabled: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      createdBy: w.users.alice,
    });
    const id = shown.id as string;
    expect(await ok(t, 'GET', `/v1/webhooks/${id}`, alice())).toEqual(shown);
    const list = await ok(t, 'GET', `/v1/organizations/${w.orgA}/webhooks`, alice());
    expect(list.items).toContainEqual(shown);

    const changed = await ok(t, 'PATCH', `/v1/webhooks/${id}`, alice(), {
      url: 'https://hooks.example.com/v2',
      description: 'the cache',
      events: null,
      enabled: false,
    });
    expect(changed).toMatchObject({
      url: 'https://hooks.example.com/v2',
      description: 'the cache',
      events: null,
      enabled: false,
    });
    expect(await ok(t, 'DELETE', `/v1/webhooks/${id}`, alice())).toEqual({ success: true });
    expect((await t.request('GET', `/v1/webhooks/${id}`, { auth: alice() })).status).toBe(404);
    expect((await t.request('DELETE', `/v1/webhooks/${id}`, { auth: alice() })).status).toBe(404);
    const audit = await ok(t, 'GET', `/v1/audit?orgId=${w.orgA}&targetId=${id}`, alice());
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual([
      'webhook.deleted',
      'webhook.updated',
      'webhook.created',
    ]);
    expect(audit.items.at(-1).details).toEqual({
      host: 'hooks.example.com',
      events: ['key.revoked', 'key.expired'],
    });
  });

  it('refuses endpoints it must not call, and events it does not have', async () => {
    const { t, w } = ctx;
    const refused = async (body: Record<string, unknown>) => {
      const reply = await t.request('POST', `/v1/organizations/${w.orgA}/webhooks`, { auth: alice(), body });
      return `${reply.status} ${reply.body?.error?.code}`;
    };
    expect(await refused({ url: 'http://hooks.example.com/x' })).toBe('400 INVALID_REQUEST');
    expect(await refused({ url: 'http://10.1.2.3/x' })).toBe('400 INVALID_REQUEST');
    expect(await refused({ url: 'https://10.1.2.3/x' })).toBe('400 INVALID_REQUEST');
    expect(await refused({ url: 'https://169.254.169.254/latest' })).toBe('400 INVALID_REQUEST');
    expect(await refused({ url: 'https://user:pw@hooks.example.com/x' })).toBe('400 INVALID_REQUEST');
    expect(await refused({ url: 'ftp://hooks.example.com/x' })).toBe('400 INVALID_REQUEST');
    expect(await refused({ url: 'https://hooks.example.com/x', events: ['key.created'] })).toBe(
      '400 INVALID_REQUEST',
    );
    expect(await refused({ url: 'https://hooks.example.com/x', events: [] })).toBe('400 INVALID_REQUEST');
    expect(await refused({ url: 'https://hooks.example.com/x', secret: 'mine' })).toBe('400 INVALID_REQUEST');
    const list = await ok(t, 'GET', `/v1/organizations/${w.orgA}/webhooks`, alice());
    expect(list.items.filter((h: { url: string }) => h.url.includes('hooks.example.com/x'))).toEqual([]);
  });

  it("answers a member 403, another organization's admin 404, and no credentials 401", async () => {
    const { t, w } = ctx;
    const hook = await createHook({ url: 'https://hooks.example.com/guarded' });
    const bob = { bearer: w.tokens.bob };
    const carol = { bearer: w.tokens.carol };
    const tried = async (auth: Auth) => [
      (
        await t.request('POST', `/v1/organizations/${w.orgA}/webhooks`, {
          auth,
          body: { url: 'https://a.example.com/' },
        })
      ).status,
      (await t.request('GET', `/v1/organizations/${w.orgA}/webhooks`, { auth })).status,
      (await t.request('GET', `/v1/webhooks/${hook.id}`, { auth })).status,
      (await t.request('PATCH', `/v1/webhooks/${hook.id}`, { auth, body: { enabled: false } })).status,
      (await t.request('POST', `/v1/webhooks/${hook.id}/rotate-secret`, { auth })).status,
      (await t.request('GET', `/v1/webhooks/${hook.id}/deliveries`, { auth })).status,
      (await t.request('DELETE', `/v1/webhooks/${hook.id}`, { auth })).status,
    ];
    expect(await tried(bob)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    expect(await tried(carol)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect(await tried(null)).toEqual([401, 401, 401, 401, 401, 401, 401]);
    expect((await ok(t, 'GET', `/v1/webhooks/${hook.id}`, alice())).enabled).toBe(true);
    await ok(t, 'DELETE', `/v1/webhooks/${hook.id}`, alice());
  });
});

describe('KEYWARD_WEBHOOK_RETRY_MS', () => {
  const retry = (value?: string) =>
    loadConfig({}, value === undefined ? {} : { KEYWARD_WEBHOOK_RETRY_MS: value }).webhookRetryMs;

  it('defaults to seven waits from 10 s to 12 h, and takes a list of milliseconds', () => {
    expect(retry()).toEqual([10_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000, 43_200_000]);
    expect(retry('100, 200')).toEqual([100, 200]);
  });

  it('refuses what is not a list of 1 to 20 waits of 1 ms to 7 days', () => {
    for (const bad of ['0', '1,,2', 'ten', '1.5', '604800001', Array(21).fill('1').join(','), '-5']) {
      expect(() => retry(bad), bad).toThrow(/KEYWARD_WEBHOOK_RETRY_MS/);
    }
  });
});
