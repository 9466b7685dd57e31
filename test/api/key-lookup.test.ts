import { describe, expect, it } from 'vitest';
import { digestKey } from '../../src/keys/hash.js';
import type { Auth } from '../support/app.js';
import { useWorld } from '../support/world.js';

/** POST /v1/apikeys/lookup: a key's record found by the key itself. */
const ctx = useWorld({ KEYWARD_AUTH_FAILURES_PER_MINUTE: '1000000' });

const lookup = (auth: Auth, key: unknown) =>
  ctx.t.request('POST', '/v1/apikeys/lookup', { auth, body: { key } });

const verifications = () => Object.values(ctx.t.deps.metrics.verifications).reduce((a, b) => a + b, 0);

describe('POST /v1/apikeys/lookup', () => {
  it("answers the key's record exactly as GET /v1/apikeys/{keyId} does", async () => {
    const { w } = ctx;
    for (const [auth, key] of [
      [{ bearer: w.tokens.admin }, w.keys.bob],
      [{ bearer: w.tokens.alice }, w.keys.bob],
      [{ bearer: w.tokens.bob }, w.keys.bob],
      [{ key: w.keys.carol.secret }, w.keys.carol],
    ] as const) {
      const [found, byId] = await Promise.all([
        lookup(auth, key.secret),
        ctx.t.request('GET', `/v1/apikeys/${key.id}`, { auth }),
      ]);
      expect(found.status, found.text).toBe(200);
      expect(found.body).toEqual(byId.body);
      expect(found.text).not.toContain(key.secret);
      expect(found.text).not.toContain(digestKey(key.secret));
    }
  });

  it('finds revoked, expired and disabled keys, and keys whose owner is disabled', async () => {
    const { w } = ctx;
    const disabled = await ctx.t.request('POST', `/v1/organizations/${w.orgA}/apikeys`, {
      auth: { bearer: w.tokens.alice },
      body: { name: 'off', role: 'member' },
    });
    await ctx.t.request('PATCH', `/v1/apikeys/${disabled.body.id}`, {
      auth: { bearer: w.tokens.alice },
      body: { enabled: false },
    });
    const admin = { bearer: w.tokens.admin };
    const [revoked, expired, off, owner] = await Promise.all([
      lookup(admin, w.keys.revoked.secret),
      lookup(admin, w.keys.expired.secret),
      lookup(admin, disabled.body.apiKey),
      lookup(admin, w.keys.disabledOwner.secret),
    ]);
    expect(revoked.body).toMatchObject({ id: w.keys.revoked.id, revokedAt: expect.any(String) });
    expect(Date.parse(expired.body.expiresAt)).toBeLessThan(ctx.t.deps.clock());
    expect(off.body).toMatchObject({ id: disabled.body.id, enabled: false });
    expect(owner.body).toMatchObject({ id: w.keys.disabledOwner.id });
  });

  it('is not a use: no lastUsedAt, no quota spent, no verification counted', async () => {
    const { w } = ctx;
    const created = await ctx.t.request('POST', `/v1/organizations/${w.orgA}/apikeys`, {
      auth: { bearer: w.tokens.alice },
      body: {
        name: 'metered',
        role: 'member',
        quota: { remaining: 1 },
        ratelimit: { limit: 1, duration: 60_000 },
      },
    });
    expect(created.status, created.text).toBe(201);
    const before = verifications();
    for (let i = 0; i < 3; i++)
      expect((await lookup({ bearer: w.tokens.alice }, created.body.apiKey)).status).toBe(200);
    expect(verifications()).toBe(before);
    const record = await lookup({ bearer: w.tokens.alice }, created.body.apiKey);
    expect(record.body).toMatchObject({ lastUsedAt: null, quota: { remaining: 1 } });
    const verify = () =>
      ctx.t.request('POST', '/v1/keys/verify', {
        auth: { bearer: w.tokens.alice },
        body: { key: created.body.apiKey },
      });
    expect((await verify()).body.code).toBe('VALID');
  });

  it('answers 404 to whoever may not read the key, as to an unknown or malformed key', async () => {
    const { w } = ctx;
    const refusals = await Promise.all([
      // Another organization's admin, a member and a service user for someone else's key.
      lookup({ key: w.keys.carol.secret }, w.keys.bob.secret),
      lookup({ bearer: w.tokens.bob }, w.keys.alice.secret),
      lookup({ key: w.keys.service.secret }, w.keys.bob.secret),
      // A key scoped away from apikeys:read, for its own key: GET by id says 403, which would confirm it.
      lookup({ key: w.keys.wrongScope.secret }, w.keys.wrongScope.secret),
      lookup({ bearer: w.tokens.alice }, `acme_${'u'.repeat(40)}`),
      lookup({ bearer: w.tokens.alice }, 'not a key at all'),
      lookup({ bearer: w.tokens.alice }, `zzzz_${'u'.repeat(40)}`),
    ]);
    const unknown = refusals[4];
    for (const reply of refusals) {
      expect(reply.status, reply.text).toBe(404);
      expect(reply.body.error).toEqual({ ...unknown?.body.error, requestId: reply.body.error.requestId });
    }
    expect(unknown?.body.error).toMatchObject({ code: 'NOT_FOUND', message: 'API key not found' });
  });

  it('refuses a body that is not {key: string} of at most 256 characters, naming the field', async () => {
    const { w } = ctx;
    const auth = { bearer: w.tokens.alice };
    const cases = await Promise.all([
      ctx.t.request('POST', '/v1/apikeys/lookup', { auth, body: {} }),
      lookup(auth, 42),
      lookup(auth, ''),
      lookup(auth, `acme_${'x'.repeat(300)}`),
      ctx.t.request('POST', '/v1/apikeys/lookup', { auth, body: { key: w.keys.bob.secret, extra: 1 } }),
    ]);
    for (const reply of cases) {
      expect(reply.status, reply.text).toBe(400);
      expect(reply.body).toMatchObject({ success: false, error: { code: 'INVALID_REQUEST' } });
      expect(reply.body.error.message).toMatch(/^body/);
      expect(reply.text).not.toContain(w.keys.bob.secret);
    }
  });

  it('needs credentials', async () => {
    expect((await lookup(null, ctx.w.keys.bob.secret)).status).toBe(401);
  });
});

describe('POST /v1/apikeys/lookup, throttled', () => {
  const throttled = useWorld({ KEYWARD_AUTH_FAILURES_PER_MINUTE: '3' });

  it('counts each 404 as a failed attempt, so that it cannot be used to guess keys', async () => {
    const { t, w } = throttled;
    const auth = { bearer: w.tokens.alice };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const reply = await t.request('POST', '/v1/apikeys/lookup', {
        auth,
        body: { key: `acme_guess${i}-${'g'.repeat(30)}` },
      });
      statuses.push(reply.status);
    }
    expect(statuses).toEqual([404, 404, 404, 429]);
    // The address is throttled for lookups, and a real key is refused too until the window ends.
    const real = await t.request('POST', '/v1/apikeys/lookup', { auth, body: { key: w.keys.bob.secret } });
    expect(real.status).toBe(429);
  });
});
