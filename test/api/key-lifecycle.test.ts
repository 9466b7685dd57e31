import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestKey } from '../../src/keys/hash.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildWorld, type World } from '../support/world.js';

let t: TestApp;
let w: World;

beforeEach(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterEach(() => t.close());

const verify = (key: string, permissions?: string[]) =>
  t.request('POST', '/v1/keys/verify', {
    auth: { bearer: w.tokens.alice },
    body: { key, ...(permissions ? { permissions } : {}) },
  });

describe('a key is shown once', () => {
  it('appears in the creation answer and nowhere after', async () => {
    const created = await t.request('POST', `/v1/organizations/${w.orgA}/apikeys`, {
      auth: { bearer: w.tokens.alice },
      body: { name: 'once', role: 'member' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      success: true,
      id: expect.stringMatching(/^key_/),
      apiKey: expect.stringMatching(/^acme_/),
    });
    const secret = created.body.apiKey as string;
    const reads = [
      await t.request('GET', `/v1/apikeys/${created.body.id}`, { auth: { bearer: w.tokens.alice } }),
      await t.request('GET', `/v1/organizations/${w.orgA}/apikeys?limit=200`, {
        auth: { bearer: w.tokens.alice },
      }),
      await t.request('GET', '/v1/audit?limit=200', { auth: { bearer: w.tokens.admin } }),
      await t.request('GET', '/v1/audit/export', { auth: { bearer: w.tokens.admin } }),
    ];
    for (const reply of reads) {
      expect(reply.status).toBe(200);
      expect(reply.text).not.toContain(secret);
      expect(reply.text).not.toContain(digestKey(secret));
    }
    expect(reads[0]?.body.hint).toBe(`${secret.slice(0, 9)}…`);
  });
});

describe('caller-supplied keys', () => {
  const create = (apiKey: string) =>
    t.request('POST', `/v1/organizations/${w.orgA}/apikeys`, {
      auth: { bearer: w.tokens.alice },
      body: { name: 'm', role: 'member', apiKey },
    });

  it('are refused with 400 naming the field when the prefix is wrong', async () => {
    const reply = await create(`kw_${'a'.repeat(40)}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('body.apiKey'),
    });
  });

  it('are refused with 400 naming the field when shorter than 32 characters', async () => {
    const reply = await create('acme_short-but-valid');
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/body\.apiKey: must be at least 32/);
  });

  it('are refused when they have the generated shape but a bad checksum', async () => {
    const reply = await create(`acme_${'A'.repeat(38)}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/checksum/);
  });

  it('verify once accepted', async () => {
    const secret = `acme_legacy-${'x'.repeat(30)}`;
    expect((await create(secret)).status).toBe(201);
    expect((await verify(secret)).body.code).toBe('VALID');
    expect((await create(secret)).status).toBe(409);
  });
});

describe('verification codes', () => {
  it('reports each state of a key', async () => {
    expect((await verify(w.keys.bob.secret)).body).toMatchObject({
      valid: true,
      code: 'VALID',
      keyId: w.keys.bob.id,
    });
    expect((await verify(w.keys.expired.secret)).body.code).toBe('EXPIRED');
    expect((await verify(w.keys.revoked.secret)).body.code).toBe('REVOKED');
    expect((await verify(w.keys.disabledOwner.secret)).body.code).toBe('OWNER_DISABLED');
    expect((await verify('acme_nope')).body.code).toBe('MALFORMED');
    expect((await verify(`acme_${'A'.repeat(38)}`)).body.code).toBe('MALFORMED');
    expect((await verify(`acme_unknown-${'z'.repeat(30)}`)).body.code).toBe('NOT_FOUND');
    expect((await verify(w.keys.wrongScope.secret, ['documents:write'])).body.code).toBe(
      'INSUFFICIENT_PERMISSIONS',
    );
    expect((await verify(w.keys.wrongScope.secret, ['documents:read'])).body.code).toBe('VALID');
  });

  it('answers NOT_FOUND for a key of another organization', async () => {
    const reply = await verify(w.keys.carol.secret);
    expect(reply.body).toMatchObject({ valid: false, code: 'NOT_FOUND', keyId: null });
  });

  it('answers DISABLED for a disabled key, and VALID again once re-enabled', async () => {
    const patch = (enabled: boolean) =>
      t.request('PATCH', `/v1/apikeys/${w.keys.bob.id}`, {
        auth: { bearer: w.tokens.alice },
        body: { enabled },
      });
    expect((await patch(false)).status).toBe(200);
    expect((await verify(w.keys.bob.secret)).body.code).toBe('DISABLED');
    expect((await patch(true)).status).toBe(200);
    expect((await verify(w.keys.bob.secret)).body.code).toBe('VALID');
  });

  it('enforces a rate limit and a usage quota', async () => {
    const created = await t.request('POST', `/v1/organizations/${w.orgA}/apikeys`, {
      auth: { bearer: w.tokens.alice },
      body: {
        name: 'metered',
        role: 'member',
        ratelimit: { limit: 2, duration: 60_000 },
        quota: { remaining: 5 },
      },
    });
    const secret = created.body.apiKey;
    const first = await verify(secret);
    expect(first.body).toMatchObject({ code: 'VALID', remaining: 4, ratelimit: { remaining: 1 } });
    // The IETF RateLimit fields, for the service to hand on to its own client.
    expect(first.headers['ratelimit-policy']).toBe('"key";q=2;w=60');
    expect(first.headers.ratelimit).toMatch(/^"key";r=1;t=(59|60)$/);
    expect((await verify(secret)).body.code).toBe('VALID');
    const limited = await verify(secret);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(limited.headers.ratelimit).toMatch(/^"key";r=0;t=\d+$/);
    t.advance(61_000);
    for (let i = 0; i < 3; i++) {
      expect((await verify(secret)).body.code).toBe('VALID');
      if (i === 1) t.advance(61_000);
    }
    expect((await verify(secret)).body).toMatchObject({ code: 'USAGE_EXCEEDED', remaining: 0 });
  });

  it('keeps quota spent before a change to the key, and writes it behind', async () => {
    const created = await t.request('POST', `/v1/organizations/${w.orgA}/apikeys`, {
      auth: { bearer: w.tokens.alice },
      body: { name: 'metered', role: 'member', quota: { remaining: 3 } },
    });
    expect((await verify(created.body.apiKey)).body.remaining).toBe(2);
    const renamed = await t.request('PATCH', `/v1/apikeys/${created.body.id}`, {
      auth: { bearer: w.tokens.alice },
      body: { name: 'renamed' },
    });
    expect(renamed.status).toBe(200);
    expect((await verify(created.body.apiKey)).body.remaining).toBe(1);
    await t.deps.usage.flush();
    expect((await t.store.findKey(created.body.id))?.key.quota?.remaining).toBe(1);
  });
});

describe('owners', () => {
  it('a disabled owner gets 401 on the API', async () => {
    const reply = await t.request('GET', `/v1/apikeys/${w.keys.disabledOwner.id}`, {
      auth: { key: w.keys.disabledOwner.secret },
    });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('UNAUTHORIZED');
  });

  it("a password change leaves the owner's keys working", async () => {
    const changed = await t.request('PATCH', `/v1/users/${w.users.bob}`, {
      auth: { bearer: w.tokens.bob },
      body: { password: 'a-brand-new-password', currentPassword: 'bob-password-1' },
    });
    expect(changed.status).toBe(200);
    expect((await verify(w.keys.bob.secret)).body.code).toBe('VALID');
    expect(
      (await t.request('GET', `/v1/apikeys/${w.keys.bob.id}`, { auth: { key: w.keys.bob.secret } })).status,
    ).toBe(200);
  });

  it('keys are revoked at once when the owner is removed from the organization, and stay so', async () => {
    expect((await verify(w.keys.bob.secret)).body.code).toBe('VALID');
    const listed = await t.request(
      'GET',
      `/v1/organizations/${w.orgA}/apikeys?ownerId=${w.users.bob}&limit=100`,
      {
        auth: { bearer: w.tokens.alice },
      },
    );
    const live = listed.body.items.filter((key: { revokedAt: string | null }) => key.revokedAt === null);
    const removed = await t.request('DELETE', `/v1/organizations/${w.orgA}/members/${w.users.bob}`, {
      auth: { bearer: w.tokens.alice },
    });
    expect(removed.status).toBe(200);
    expect((await verify(w.keys.bob.secret)).body.code).toBe('REVOKED');
    // Adding the member again brings none of their keys back (PRODUCT.md §4a).
    const readded = await t.request('POST', `/v1/organizations/${w.orgA}/members`, {
      auth: { bearer: w.tokens.alice },
      body: { userId: w.users.bob, role: 'member' },
    });
    expect(readded.status).toBe(201);
    expect((await verify(w.keys.bob.secret)).body.code).toBe('REVOKED');
    const audit = await t.request('GET', `/v1/audit?orgId=${w.orgA}&action=member.removed`, {
      auth: { bearer: w.tokens.alice },
    });
    expect(audit.body.items[0]).toMatchObject({
      targetId: w.users.bob,
      details: { revokedKeys: live.length },
    });
    expect(live.length).toBeGreaterThan(1);
  });

  it("keys stop at once when their owner's user is deleted", async () => {
    const asAdmin = async (key: string) =>
      (await t.request('POST', '/v1/keys/verify', { auth: { bearer: w.tokens.admin }, body: { key } })).body
        .code;
    expect(await asAdmin(w.keys.carol.secret)).toBe('VALID');
    expect(
      (await t.request('DELETE', `/v1/users/${w.users.carol}`, { auth: { bearer: w.tokens.admin } })).status,
    ).toBe(200);
    expect(await asAdmin(w.keys.carol.secret)).toBe('REVOKED');
  });

  it("a service user's keys stop when it expires", async () => {
    const patched = await t.request('PATCH', `/v1/organizations/${w.orgA}/service-users/${w.serviceUser}`, {
      auth: { bearer: w.tokens.alice },
      body: { expiresAt: new Date(t.deps.clock() + 60_000).toISOString() },
    });
    expect(patched.status).toBe(200);
    expect((await verify(w.keys.service.secret)).body.code).toBe('VALID');
    t.advance(61_000);
    expect((await verify(w.keys.service.secret)).body.code).toBe('OWNER_DISABLED');
  });
});

describe('last use', () => {
  it('is written behind, and shows on the record once flushed', async () => {
    expect(
      (await t.request('GET', `/v1/apikeys/${w.keys.bob.id}`, { auth: { key: w.keys.bob.secret } })).status,
    ).toBe(200);
    const before = await t.request('GET', `/v1/apikeys/${w.keys.bob.id}`, {
      auth: { bearer: w.tokens.alice },
    });
    expect(before.body.lastUsedAt).toBeNull();
    await t.deps.usage.flush();
    const after = await t.request('GET', `/v1/apikeys/${w.keys.bob.id}`, {
      auth: { bearer: w.tokens.alice },
    });
    expect(Date.parse(after.body.lastUsedAt)).toBeGreaterThan(Date.parse(after.body.createdAt));
    const listed = await t.request('GET', `/v1/organizations/${w.orgA}/apikeys?ownerId=${w.users.bob}`, {
      auth: { bearer: w.tokens.alice },
    });
    expect(listed.body.items.find((k: { id: string }) => k.id === w.keys.bob.id).lastUsedAt).toBe(
      after.body.lastUsedAt,
    );
  });

  it('is kept to the minute: a use within a minute of the stored one writes nothing', async () => {
    const url = `/v1/apikeys/${w.keys.carol.id}`;
    const lastUsed = async () => {
      expect((await t.request('GET', url, { auth: { key: w.keys.carol.secret } })).status).toBe(200);
      await t.deps.usage.flush();
      return (await t.request('GET', url, { auth: { bearer: w.tokens.carol } })).body.lastUsedAt as string;
    };
    const first = await lastUsed();
    expect(first).not.toBeNull();
    t.advance(50_000);
    expect(await lastUsed()).toBe(first);
    t.advance(20_000);
    const later = await lastUsed();
    expect(Date.parse(later) - Date.parse(first)).toBeGreaterThanOrEqual(70_000);
  });
});

describe('rotation', () => {
  it('keeps the old key working through the grace period and not after', async () => {
    const rotated = await t.request('POST', `/v1/apikeys/${w.keys.bob.id}/rotate`, {
      auth: { bearer: w.tokens.bob },
      body: { gracePeriod: 3600 },
    });
    expect(rotated.status).toBe(201);
    expect(rotated.body).toMatchObject({ success: true, previous: { id: w.keys.bob.id } });
    expect(rotated.body.id).not.toBe(w.keys.bob.id);
    expect((await verify(rotated.body.apiKey)).body.code).toBe('VALID');
    expect((await verify(w.keys.bob.secret)).body.code).toBe('VALID');
    t.advance(3_599_000);
    expect((await verify(w.keys.bob.secret)).body.code).toBe('VALID');
    t.advance(2_000);
    expect((await verify(w.keys.bob.secret)).body.code).toBe('EXPIRED');
    expect((await verify(rotated.body.apiKey)).body.code).toBe('VALID');
  });
});

describe('leak reports', () => {
  it('revoke a leaked key, and accept unknown ones', async () => {
    const reply = await t.request('POST', '/v1/keys/report-leak', {
      auth: { bearer: w.tokens.carol },
      body: { keys: [w.keys.bob.secret, `acme_unknown-${'q'.repeat(30)}`, 'garbage'], source: 'github' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ success: true, received: 3, revoked: 1 });
    expect((await verify(w.keys.bob.secret)).body.code).toBe('REVOKED');
    const audit = await t.request('GET', `/v1/audit?action=apikey.leaked&orgId=${w.orgA}`, {
      auth: { bearer: w.tokens.alice },
    });
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ targetId: w.keys.bob.id, details: { source: 'github' } });
  });
});

describe('import', () => {
  it('imports plain keys and digests, entry by entry', async () => {
    const plain = `acme_imported-${'p'.repeat(30)}`;
    const digested = `acme_from-elsewhere-${'d'.repeat(30)}`;
    const reply = await t.request('POST', `/v1/organizations/${w.orgA}/apikeys/import`, {
      auth: { bearer: w.tokens.alice },
      body: {
        keys: [
          { apiKey: plain, name: 'plain', ownerId: w.users.bob, role: 'member' },
          {
            hash: Buffer.from(digestKey(digested), 'hex').toString('base64'),
            prefix: 'acme',
            hint: 'acme_from…',
            name: 'digest',
            ownerId: w.users.bob,
            role: 'member',
          },
          { apiKey: `kw_${'w'.repeat(40)}`, name: 'wrong prefix', ownerId: w.users.bob, role: 'member' },
          { apiKey: `acme_${'e'.repeat(40)}`, name: 'escalation', ownerId: w.users.bob, role: 'admin' },
        ],
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ imported: 2, failed: 2 });
    expect(reply.body.results[2]).toMatchObject({ success: false, error: { code: 'INVALID_REQUEST' } });
    expect(reply.body.results[3]).toMatchObject({ success: false });
    expect((await verify(plain)).body.code).toBe('VALID');
    expect((await verify(digested)).body).toMatchObject({ code: 'VALID', keyId: reply.body.results[1].id });
    expect((await verify(`acme_${'e'.repeat(40)}`)).body.code).toBe('NOT_FOUND');
  });
});
