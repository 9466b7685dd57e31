import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.js';
import { buildWorld } from '../support/world.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp(undefined, { KEYWARD_AUTH_FAILURES_PER_MINUTE: '5' });
});
afterEach(() => t.close());

const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

describe('access and refresh tokens', () => {
  it('sign in with Basic, refresh once, and log out', async () => {
    const signIn = await t.request('POST', '/v1/auth/token', { headers: basic('admin', ADMIN_PASSWORD) });
    expect(signIn.status).toBe(200);
    expect(signIn.body).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^kwr_/),
      expiresIn: 900,
    });
    expect(
      (await t.request('GET', '/v1/me', { auth: { bearer: signIn.body.accessToken } })).body,
    ).toMatchObject({
      kind: 'user',
      name: 'admin',
      clusterAdmin: true,
    });

    const refreshed = await t.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: signIn.body.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(signIn.body.refreshToken);

    // A spent refresh token is a stolen one: it fails, and its whole family dies with it.
    const replay = await t.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: signIn.body.refreshToken },
    });
    expect(replay.status).toBe(401);
    await t.deps.failures.flush();
    const failures = await t.request('GET', '/v1/audit?action=auth.failed', {
      auth: { bearer: refreshed.body.accessToken },
    });
    expect(failures.body.items[0]).toMatchObject({
      outcome: 'failure',
      details: { reason: 'REFRESH_TOKEN' },
    });
    expect(
      (await t.request('POST', '/v1/auth/refresh', { body: { refreshToken: refreshed.body.refreshToken } }))
        .status,
    ).toBe(401);

    const again = await t.request('POST', '/v1/auth/token', { headers: basic('admin', ADMIN_PASSWORD) });
    expect(
      (await t.request('POST', '/v1/auth/logout', { body: { refreshToken: again.body.refreshToken } }))
        .status,
    ).toBe(200);
    expect(
      (await t.request('POST', '/v1/auth/refresh', { body: { refreshToken: again.body.refreshToken } }))
        .status,
    ).toBe(401);
  });

  it('end every session of a user whose password changes', async () => {
    const w = await buildWorld(t);
    const signIn = await t.request('POST', '/v1/auth/token', { headers: basic('bob', 'bob-password-1') });
    const changed = await t.request('PATCH', `/v1/users/${w.users.bob}`, {
      auth: { bearer: w.tokens.bob },
      body: { password: 'bob-password-2', currentPassword: 'bob-password-1' },
    });
    expect(changed.status).toBe(200);
    const refresh = await t.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: signIn.body.refreshToken },
    });
    expect(refresh.status).toBe(401);
    expect(
      (await t.request('POST', '/v1/auth/token', { headers: basic('bob', 'bob-password-2') })).status,
    ).toBe(200);
  });

  it('refuse a wrong password, an unknown user, a disabled user and a forged token', async () => {
    expect(
      (await t.request('POST', '/v1/auth/token', { headers: basic('admin', 'wrong-password') })).status,
    ).toBe(401);
    expect(
      (await t.request('POST', '/v1/auth/token', { headers: basic('nobody', 'whatever-pw') })).status,
    ).toBe(401);
    expect((await t.request('POST', '/v1/auth/token')).status).toBe(401);
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3JfeCJ9.c2lnbmF0dXJl';
    const reply = await t.request('GET', '/v1/me', { auth: { bearer: forged } });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('UNAUTHORIZED');
  });

  it('stop working for a user who is disabled', async () => {
    const w = await buildWorld(t);
    expect((await t.request('GET', '/v1/me', { auth: { bearer: w.tokens.bob } })).status).toBe(200);
    await t.request('PATCH', `/v1/users/${w.users.bob}`, {
      auth: { bearer: w.tokens.admin },
      body: { disabled: true },
    });
    expect((await t.request('GET', '/v1/me', { auth: { bearer: w.tokens.bob } })).status).toBe(401);
    expect(
      (await t.request('POST', '/v1/auth/token', { headers: basic('bob', 'bob-password-1') })).status,
    ).toBe(401);
  });
});

describe('credential headers', () => {
  it('accept Key, x-api-key and Bearer with an API key', async () => {
    const w = await buildWorld(t);
    for (const auth of [
      { key: w.keys.bob.secret },
      { xApiKey: w.keys.bob.secret },
      { bearer: w.keys.bob.secret },
    ]) {
      const reply = await t.request('GET', '/v1/me', { auth });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ id: w.users.bob, keyId: w.keys.bob.id });
    }
  });

  it('refuse an unknown scheme and a doubled credential', async () => {
    const w = await buildWorld(t);
    expect(
      (await t.request('GET', '/v1/me', { headers: { authorization: `Token ${w.keys.bob.secret}` } })).status,
    ).toBe(401);
    const both = await t.request('GET', '/v1/me', {
      headers: { authorization: `Key ${w.keys.bob.secret}`, 'x-api-key': w.keys.bob.secret },
    });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toMatch(/^authorization:/);
  });
});

describe('brute force', () => {
  it('throttles failures per address with 429 and Retry-After, while a valid key keeps working', async () => {
    const w = await buildWorld(t);
    const statuses = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (await t.request('GET', '/v1/me', { auth: { key: `acme_guess-${i}-${'g'.repeat(30)}` } })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const limited = await t.request('GET', '/v1/me', { auth: { key: `acme_guess-x-${'g'.repeat(30)}` } });
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit-policy']).toBe('"failed-auth";q=5;w=60');
    expect(limited.headers.ratelimit).toBe(`"failed-auth";r=0;t=${limited.headers['retry-after']}`);
    expect((await t.request('GET', '/v1/me', { auth: { key: w.keys.bob.secret } })).status).toBe(200);
  });

  it('audits failed authentications in batches, without a store write per failure', async () => {
    const token = await t.tokenFor('admin', ADMIN_PASSWORD);
    const appends = vi.spyOn(t.store, 'appendAudit');
    for (let i = 0; i < 3; i++) {
      await t.request('GET', '/v1/me', { auth: { key: `acme_guess-${i}-${'g'.repeat(32)}` } });
    }
    expect(appends).not.toHaveBeenCalled();
    await t.deps.failures.flush();
    expect(appends).toHaveBeenCalledTimes(1);
    appends.mockRestore();
    const audit = await t.request('GET', '/v1/audit?action=auth.failed', { auth: { bearer: token } });
    expect(audit.body.items).toHaveLength(3);
    expect(audit.body.items[0]).toMatchObject({
      outcome: 'failure',
      ip: '127.0.0.1',
      details: { reason: 'NOT_FOUND' },
    });
    const metrics = await t.request('GET', '/metrics');
    expect(metrics.text).toMatch(/^keyward_auth_failures_total 3$/m);
  });
});

describe('one failure window per kind of credential', () => {
  it('keeps bad keys from locking an address out of signing in, and bad passwords out of keys', async () => {
    const w = await buildWorld(t);
    for (let i = 0; i < 6; i++)
      await t.request('GET', '/v1/me', { auth: { key: `acme_guess-${i}-${'g'.repeat(30)}` } });
    const keyThrottled = await t.request('GET', '/v1/me', {
      auth: { key: `acme_guess-x-${'g'.repeat(30)}` },
    });
    expect(keyThrottled.status).toBe(429);
    // Signing in is another window: the right password still works from the address.
    const signedIn = await t.request('POST', '/v1/auth/token', { headers: basic('admin', ADMIN_PASSWORD) });
    expect(signedIn.status).toBe(200);

    for (let i = 0; i < 6; i++)
      await t.request('POST', '/v1/auth/token', { headers: basic('admin', `wrong-password-${i}`) });
    const signInThrottled = await t.request('POST', '/v1/auth/token', {
      headers: basic('admin', ADMIN_PASSWORD),
    });
    expect(signInThrottled.status).toBe(429);
    expect(signInThrottled.headers['ratelimit-policy']).toBe('"failed-sign-in";q=5;w=60');
    expect((await t.request('GET', '/v1/me', { auth: { key: w.keys.bob.secret } })).status).toBe(200);

    const metrics = (await t.request('GET', '/metrics')).text;
    expect(metrics).toMatch(/^keyward_throttled_addresses\{policy="failed-auth"\} 1$/m);
    expect(metrics).toMatch(/^keyward_throttled_addresses\{policy="failed-sign-in"\} 1$/m);
    expect(metrics).toMatch(/^keyward_throttled_addresses\{policy="failed-connect"\} 0$/m);
  });
});

describe('KEYWARD_TRUSTED_PROXIES', () => {
  /** Five bad keys from `client`, through a proxy at `proxy`, then one more: its status. */
  async function sixthGuess(app: TestApp, proxy: string, client: string): Promise<number> {
    const guess = (i: number) =>
      app.app.inject({
        method: 'GET',
        url: '/v1/me',
        remoteAddress: proxy,
        headers: { authorization: `Key acme_guess-${i}-${'g'.repeat(30)}`, 'x-forwarded-for': client },
      });
    for (let i = 0; i < 5; i++) expect((await guess(i)).statusCode).toBe(401);
    return (await guess(5)).statusCode;
  }

  it('believes the forwarded address from a trusted proxy: each client behind it has its own window', async () => {
    const proxied = await createTestApp(undefined, {
      KEYWARD_AUTH_FAILURES_PER_MINUTE: '5',
      KEYWARD_TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.1',
    });
    try {
      expect(await sixthGuess(proxied, '10.1.2.3', '203.0.113.7')).toBe(429);
      // Another client behind the same proxy is not throttled for the first one's guesses.
      const other = await proxied.app.inject({
        method: 'GET',
        url: '/v1/me',
        remoteAddress: '10.1.2.3',
        headers: { authorization: `Key acme_guess-y-${'g'.repeat(30)}`, 'x-forwarded-for': '203.0.113.8' },
      });
      expect(other.statusCode).toBe(401);
      await proxied.deps.failures.flush();
      const token = await proxied.tokenFor('admin', ADMIN_PASSWORD);
      const audit = await proxied.request('GET', '/v1/audit?action=auth.failed', { auth: { bearer: token } });
      const ips = new Set(audit.body.items.map((entry: { ip: string }) => entry.ip));
      expect(ips).toEqual(new Set(['203.0.113.7', '203.0.113.8']));
    } finally {
      await proxied.close();
    }
  });

  it('ignores X-Forwarded-For from anyone else, who could write any address there', async () => {
    // Without the setting, and from an address outside it, the header names no one.
    expect(await sixthGuess(t, '127.0.0.1', '203.0.113.7')).toBe(429);
    const spoofed = await t.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Key acme_guess-z-${'g'.repeat(30)}`, 'x-forwarded-for': '203.0.113.99' },
    });
    expect(spoofed.statusCode).toBe(429);
  });

  it('refuses a malformed setting at start', async () => {
    await expect(
      createTestApp(undefined, { KEYWARD_TRUSTED_PROXIES: '10.0.0.0/8, proxy.internal' }),
    ).rejects.toThrow(/KEYWARD_TRUSTED_PROXIES: "proxy.internal" is not an IP address/);
  });
});
