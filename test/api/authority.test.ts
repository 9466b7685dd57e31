import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/keys/format.js';
import { type Auth, createTestApp, type TestApp } from '../support/app.js';
import { buildWorld, type World } from '../support/world.js';

/**
 * The smaller holes of the authority review (PRODUCT.md §4a and §11), each through the API: what a
 * supplied key's conflict tells, effective rights in /v1/me and verify, unknown key ids, the last admin,
 * and a cluster admin disabling themselves.
 */
let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp(undefined, { KEYWARD_AUTH_FAILURES_PER_MINUTE: '3' });
  w = await buildWorld(t);
});
afterAll(() => t.close());

const post = (url: string, auth: Auth, body: unknown) => t.request('POST', url, { auth, body });

describe('a supplied key that is already stored', () => {
  it('answers 409, counted as a failed authentication, so guesses are no faster than the throttle', async () => {
    // Another organization's key with the default prefix, which a guesser could try to confirm.
    const org = await post('/v1/organizations', { bearer: w.tokens.carol }, { name: 'Plain' });
    const victim = await post(
      `/v1/organizations/${org.body.id}/apikeys`,
      { bearer: w.tokens.carol },
      { name: 'v', role: 'member' },
    );
    const mine = await post('/v1/organizations', { bearer: w.tokens.alice }, { name: 'Mine' });
    const create = (apiKey: string) =>
      post(
        `/v1/organizations/${mine.body.id}/apikeys`,
        { bearer: w.tokens.alice },
        { name: 'g', role: 'member', apiKey },
      );
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await create(victim.body.apiKey)).status);
    expect(statuses).toEqual([409, 409, 409]);
    const throttled = await create(victim.body.apiKey);
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    // Every supplied key waits, stored or not; generated keys and the rest of the API do not.
    expect((await create(generateKey('kw'))).status).toBe(429);
    const imported = await post(
      `/v1/organizations/${mine.body.id}/apikeys/import`,
      { bearer: w.tokens.alice },
      {
        keys: [{ apiKey: generateKey('kw'), name: 'i', ownerId: w.users.alice, role: 'member' }],
      },
    );
    expect(imported.body.results[0].error.code).toBe('RATE_LIMITED');
    expect(
      (
        await post(
          `/v1/organizations/${mine.body.id}/apikeys`,
          { bearer: w.tokens.alice },
          { name: 'ok', role: 'member' },
        )
      ).status,
    ).toBe(201);
    t.advance(61_000);
    expect((await create(generateKey('kw'))).status).toBe(201);
  });
});

describe('effective rights', () => {
  it("/v1/me and verify report the role and permissions a key acts with after its owner's demotion", async () => {
    const erin = await post(
      '/v1/users',
      { bearer: w.tokens.admin },
      { username: 'erin', password: 'erin-password-1' },
    );
    const members = `/v1/organizations/${w.orgA}/members`;
    await post(members, { bearer: w.tokens.alice }, { userId: erin.body.id, role: 'admin' });
    const key = await post(
      `/v1/organizations/${w.orgA}/apikeys`,
      { bearer: w.tokens.alice },
      {
        name: 'erin',
        role: 'admin',
        ownerId: erin.body.id,
        scopes: ['apikeys:*', 'members:write', 'documents:read'],
      },
    );
    const me = async () => (await t.request('GET', '/v1/me', { auth: { key: key.body.apiKey } })).body;
    expect(await me()).toMatchObject({
      role: 'admin',
      permissions: ['apikeys:*', 'members:write', 'documents:read'],
    });
    await t.request('PATCH', `${members}/${erin.body.id}`, {
      auth: { bearer: w.tokens.alice },
      body: { role: 'member' },
    });
    const effective = ['apikeys:read', 'apikeys:write', 'documents:read'];
    expect(await me()).toMatchObject({ role: 'member', permissions: effective });
    const verified = await post('/v1/keys/verify', { bearer: w.tokens.alice }, { key: key.body.apiKey });
    expect(verified.body).toMatchObject({ code: 'VALID', role: 'member', permissions: effective });
    const wanted = await post(
      '/v1/keys/verify',
      { bearer: w.tokens.alice },
      {
        key: key.body.apiKey,
        permissions: ['members:write'],
      },
    );
    expect(wanted.body.code).toBe('INSUFFICIENT_PERMISSIONS');
  });

  it('a token has no one role: /v1/me says so', async () => {
    expect((await t.request('GET', '/v1/me', { auth: { bearer: w.tokens.bob } })).body).toMatchObject({
      role: null,
      permissions: null,
      keyId: null,
    });
  });
});

describe('unknown key ids', () => {
  it('are remembered like unknown keys, so that asking again costs no store query', async () => {
    const unknown = 'key_0000000000000000000000';
    const read = () => t.request('GET', `/v1/apikeys/${unknown}`, { auth: { key: w.keys.alice.secret } });
    expect((await read()).status).toBe(404);
    const before = t.queries();
    expect((await read()).status).toBe(404);
    expect(t.queries()).toBe(before);
  });
});

describe('the last admin, and a cluster admin', () => {
  it('an organization keeps its last admin: neither removed nor demoted', async () => {
    const org = await post('/v1/organizations', { bearer: w.tokens.bob }, { name: 'Solo' });
    const path = `/v1/organizations/${org.body.id}/members/${w.users.bob}`;
    const removed = await t.request('DELETE', path, { auth: { bearer: w.tokens.bob } });
    expect(removed.status).toBe(409);
    expect(removed.body.error.message).toMatch(/at least one admin/);
    const demoted = await t.request('PATCH', path, {
      auth: { bearer: w.tokens.bob },
      body: { role: 'member' },
    });
    expect(demoted.status).toBe(409);
    const members = await t.request('GET', `/v1/organizations/${org.body.id}/members`, {
      auth: { bearer: w.tokens.bob },
    });
    expect(members.body.items).toMatchObject([{ userId: w.users.bob, role: 'admin' }]);
  });

  it('a cluster admin cannot disable themselves', async () => {
    const reply = await t.request('PATCH', `/v1/users/${w.users.admin}`, {
      auth: { bearer: w.tokens.admin },
      body: { disabled: true },
    });
    expect(reply.status).toBe(409);
    expect((await t.request('GET', '/v1/me', { auth: { bearer: w.tokens.admin } })).status).toBe(200);
  });
});
