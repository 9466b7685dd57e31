import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/keys/format.js';
import type { Auth } from '../support/app.js';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, type ProcessAuth, type Serve, startServe, tempDir } from '../support/server.js';

/**
 * The ten chains of the issue "Authority never grows", each performed step by step against a real
 * `keyward serve` process, as a user would: each once gave a caller more than it held (PRODUCT.md §4a),
 * and each must now fail, with the exact status and the state unchanged.
 */
const ADMIN_PASSWORD = 'chains-admin-password';
rememberSecret(ADMIN_PASSWORD);

afterAll(cleanupServe);

interface Cluster {
  server: Serve;
  admin: Auth;
  call(method: string, path: string, auth: ProcessAuth, body?: unknown): ReturnType<Serve['request']>;
  ok(method: string, path: string, auth: ProcessAuth, body?: unknown): Promise<any>;
  user(name: string): Promise<{ id: string; auth: Auth; password: string }>;
  org(owner: Auth, prefix: string): Promise<string>;
  key(
    org: string,
    auth: Auth,
    body?: Record<string, unknown>,
  ): Promise<{ id: string; auth: Auth; secret: string }>;
  verify(secret: string): Promise<any>;
}

async function cluster(env: Record<string, string> = {}): Promise<Cluster> {
  const server = await startServe(join(tempDir(), 'data'), {
    env: { KEYWARD_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env },
  });
  const admin = { bearer: await server.signIn('admin', ADMIN_PASSWORD) };
  const call: Cluster['call'] = (method, path, auth, body) => server.request(method, path, { auth, body });
  const ok: Cluster['ok'] = async (method, path, auth, body) => {
    const reply = await call(method, path, auth, body);
    if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${reply.text}`);
    return reply.body;
  };
  return {
    server,
    admin,
    call,
    ok,
    async user(name) {
      const password = `${name}-password-1`;
      const { id } = await ok('POST', '/v1/users', admin, { username: name, password });
      return { id, password, auth: { bearer: await server.signIn(name, password) } };
    },
    async org(owner, prefix) {
      return (await ok('POST', '/v1/organizations', owner, { name: prefix, keyPrefix: prefix })).id;
    },
    async key(org, auth, body = {}) {
      const created = await ok('POST', `/v1/organizations/${org}/apikeys`, auth, {
        name: 'k',
        role: 'member',
        ...body,
      });
      return { id: created.id, secret: created.apiKey, auth: { key: created.apiKey } };
    },
    async verify(secret) {
      return (await ok('POST', '/v1/keys/verify', admin, { key: secret })) as any;
    },
  };
}

async function usernames(c: Cluster): Promise<string[]> {
  return (await c.ok('GET', '/v1/users?limit=100', c.admin)).items.map(
    (u: { username: string }) => u.username,
  );
}

async function keyIds(c: Cluster, org: string): Promise<string[]> {
  return (await c.ok('GET', `/v1/organizations/${org}/apikeys?limit=100`, c.admin)).items.map(
    (k: { id: string }) => k.id,
  );
}

describe('authority chains, against keyward serve', () => {
  let c: Cluster;
  let admin: { id: string };
  beforeAll(async () => {
    c = await cluster();
    admin = await c.ok('GET', '/v1/me', c.admin);
  });

  it('1a. a user who adds the cluster admin to their organization cannot make a key that is cluster admin', async () => {
    const pat = await c.user('pat');
    const org = await c.org(pat.auth, 'pat');
    expect(
      (
        await c.call('POST', `/v1/organizations/${org}/members`, pat.auth, {
          userId: admin.id,
          role: 'admin',
        })
      ).status,
    ).toBe(201);
    const made = await c.key(org, pat.auth, { ownerId: admin.id, role: 'admin' });
    const before = await usernames(c);
    const promoted = await c.call('POST', '/v1/users', made.auth, {
      username: 'mallory',
      password: 'mallory-password-1',
      clusterAdmin: true,
    });
    expect(promoted.status).toBe(403);
    expect(promoted.body.error.code).toBe('FORBIDDEN');
    expect((await c.call('GET', '/v1/users', made.auth)).status).toBe(403);
    expect(await usernames(c)).toEqual(before);
  });

  it('1b. nor through import', async () => {
    const pat = await c.user('pat2');
    const org = await c.org(pat.auth, 'pattwo');
    await c.ok('POST', `/v1/organizations/${org}/members`, pat.auth, { userId: admin.id, role: 'admin' });
    const apiKey = generateKey('pattwo');
    rememberSecret(apiKey);
    const imported = await c.ok('POST', `/v1/organizations/${org}/apikeys/import`, pat.auth, {
      keys: [{ apiKey, name: 'i', ownerId: admin.id, role: 'admin' }],
    });
    expect(imported.imported).toBe(1);
    const before = await usernames(c);
    const promoted = await c.call(
      'POST',
      '/v1/users',
      { key: apiKey },
      { username: 'mallory2', password: 'mallory-password-1', clusterAdmin: true },
    );
    expect(promoted.status).toBe(403);
    expect(await usernames(c)).toEqual(before);
  });

  it("1c. nor by a co-admin rotating the cluster admin's own key in a shared organization", async () => {
    const alice = await c.user('alice1');
    const org = await c.org(c.admin, 'shared');
    await c.ok('POST', `/v1/organizations/${org}/members`, c.admin, { userId: alice.id, role: 'admin' });
    const own = await c.key(org, c.admin, { role: 'admin' });
    expect((await c.call('GET', '/v1/users', own.auth)).status).toBe(200);
    const rotated = await c.call('POST', `/v1/apikeys/${own.id}/rotate`, alice.auth, { gracePeriod: 0 });
    expect(rotated.status).toBe(403);
    expect(rotated.body.error.message).toMatch(/cluster-wide authority/);
    const record = await c.ok('GET', `/v1/apikeys/${own.id}`, c.admin);
    expect(record).toMatchObject({ successorId: null, expiresAt: null, revokedAt: null });
    expect((await c.call('GET', '/v1/users', own.auth)).status).toBe(200);
  });

  it('2. a scoped key makes neither an unscoped key nor an admin service user', async () => {
    const alice = await c.user('alice2');
    const org = await c.org(alice.auth, 'scoped');
    const writer = await c.key(org, alice.auth, { role: 'admin', scopes: ['apikeys:write'] });
    const keysBefore = await keyIds(c, org);
    const unscoped = await c.call('POST', `/v1/organizations/${org}/apikeys`, writer.auth, {
      name: 'wide',
      role: 'member',
    });
    expect(unscoped.status).toBe(403);
    expect(unscoped.body.error.message).toMatch(/^body\.scopes: are required/);
    expect(await keyIds(c, org)).toEqual(keysBefore);

    const services = `/v1/organizations/${org}/service-users`;
    const maker = await c.key(org, alice.auth, { role: 'admin', scopes: ['serviceusers:write'] });
    const svcBefore = (await c.ok('GET', services, alice.auth)).items;
    const adminSvc = await c.call('POST', services, maker.auth, { name: 'root', role: 'admin' });
    expect(adminSvc.status).toBe(403);
    expect(adminSvc.body.error.message).toMatch(/^body\.role: /);
    expect((await c.ok('GET', services, alice.auth)).items).toEqual(svcBefore);
  });

  it('3. a spent quota stays spent across rotation, and a key rotates once', async () => {
    const alice = await c.user('alice3');
    const org = await c.org(alice.auth, 'quota');
    const q = await c.key(org, alice.auth, { quota: { remaining: 3 } });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await c.verify(q.secret)).code);
    expect(codes).toEqual(['VALID', 'VALID', 'VALID', 'USAGE_EXCEEDED']);
    const rotated = await c.call('POST', `/v1/apikeys/${q.id}/rotate`, q.auth, { gracePeriod: 3600 });
    expect(rotated.status).toBe(201);
    expect(rotated.body.quota.remaining).toBe(0);
    expect(await c.verify(rotated.body.apiKey)).toMatchObject({ code: 'USAGE_EXCEEDED', remaining: 0 });
    expect((await c.verify(q.secret)).code).toBe('USAGE_EXCEEDED');
    const again = await c.call('POST', `/v1/apikeys/${q.id}/rotate`, q.auth, { gracePeriod: 3600 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(rotated.body.id);
    expect((await keyIds(c, org)).length).toBe(2);
  });

  it('4. a key that ends in an hour makes only keys that end no later, and they go when it is revoked', async () => {
    const alice = await c.user('alice4');
    const org = await c.org(alice.auth, 'expiry');
    const hourly = await c.key(org, alice.auth, { role: 'admin', ttl: 3600 });
    const before = await keyIds(c, org);
    const forever = await c.call('POST', `/v1/organizations/${org}/apikeys`, hourly.auth, {
      name: 'x',
      role: 'member',
    });
    expect(forever.status).toBe(403);
    expect(forever.body.error.message).toMatch(/^body\.ttl: must end no later than the caller's credential/);
    const longer = await c.call('POST', `/v1/organizations/${org}/apikeys`, hourly.auth, {
      name: 'x',
      role: 'member',
      ttl: 7200,
    });
    expect(longer.status).toBe(403);
    expect(await keyIds(c, org)).toEqual(before);
    const child = await c.key(org, hourly.auth, { ttl: 60 });
    expect((await c.verify(child.secret)).code).toBe('VALID');
    expect((await c.call('DELETE', `/v1/apikeys/${hourly.id}`, alice.auth)).status).toBe(200);
    expect((await c.verify(child.secret)).code).toBe('REVOKED');
  });

  it('5. a member cannot enable a key an admin disabled', async () => {
    const alice = await c.user('alice5');
    const bob = await c.user('bob5');
    const org = await c.org(alice.auth, 'disable');
    await c.ok('POST', `/v1/organizations/${org}/members`, alice.auth, { userId: bob.id, role: 'member' });
    const bobs = await c.key(org, bob.auth);
    expect((await c.call('PATCH', `/v1/apikeys/${bobs.id}`, alice.auth, { enabled: false })).status).toBe(
      200,
    );
    const lifted = await c.call('PATCH', `/v1/apikeys/${bobs.id}`, bob.auth, { enabled: true });
    expect(lifted.status).toBe(403);
    expect(lifted.body.error.message).toMatch(/an organization admin disabled this key/);
    expect((await c.ok('GET', `/v1/apikeys/${bobs.id}`, alice.auth)).enabled).toBe(false);
    expect((await c.verify(bobs.secret)).code).toBe('DISABLED');
    // Disabling it again does not make it his to lift: the higher rank's disablement stands.
    expect((await c.call('PATCH', `/v1/apikeys/${bobs.id}`, bob.auth, { enabled: false })).status).toBe(200);
    const relifted = await c.call('PATCH', `/v1/apikeys/${bobs.id}`, bob.auth, { enabled: true });
    expect(relifted.status).toBe(403);
    expect((await c.verify(bobs.secret)).code).toBe('DISABLED');
    // bob may lift what he did himself.
    expect((await c.call('PATCH', `/v1/apikeys/${bobs.id}`, alice.auth, { enabled: true })).status).toBe(200);
    expect((await c.call('PATCH', `/v1/apikeys/${bobs.id}`, bob.auth, { enabled: false })).status).toBe(200);
    expect((await c.call('PATCH', `/v1/apikeys/${bobs.id}`, bob.auth, { enabled: true })).status).toBe(200);
  });

  it('6. a member removed and added again finds none of their keys working', async () => {
    const alice = await c.user('alice6');
    const bob = await c.user('bob6');
    const org = await c.org(alice.auth, 'readd');
    const members = `/v1/organizations/${org}/members`;
    await c.ok('POST', members, alice.auth, { userId: bob.id, role: 'member' });
    const bobs = await c.key(org, bob.auth);
    expect((await c.call('DELETE', `${members}/${bob.id}`, alice.auth)).status).toBe(200);
    expect((await c.verify(bobs.secret)).code).toBe('REVOKED');
    expect((await c.call('POST', members, alice.auth, { userId: bob.id, role: 'member' })).status).toBe(201);
    expect((await c.verify(bobs.secret)).code).toBe('REVOKED');
    expect((await c.call('GET', `/v1/apikeys/${bobs.id}`, bobs.auth)).status).toBe(401);
    const removed = await c.ok('GET', `/v1/audit?orgId=${org}&action=member.removed`, alice.auth);
    expect(removed.items[0]).toMatchObject({ targetId: bob.id, details: { revokedKeys: 1 } });
  });

  it('7. an access token alone cannot change its own password; a reset by a cluster admin ends sessions', async () => {
    const bob = await c.user('bob7');
    const path = `/v1/users/${bob.id}`;
    const bare = await c.call('PATCH', path, bob.auth, { password: 'taken-over-pw' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.message).toMatch(/^body\.currentPassword: is required/);
    const guessed = await c.call('PATCH', path, bob.auth, {
      password: 'taken-over-pw',
      currentPassword: 'a-guess-1',
    });
    expect(guessed.status).toBe(403);
    expect((await c.call('POST', '/v1/auth/token', { basic: ['bob7', 'taken-over-pw'] })).status).toBe(401);
    const session = await c.ok('POST', '/v1/auth/token', { basic: ['bob7', bob.password] });
    expect((await c.call('PATCH', path, c.admin, { password: 'reset-by-admin-1' })).status).toBe(200);
    rememberSecret('reset-by-admin-1');
    expect(
      (await c.call('POST', '/v1/auth/refresh', null, { refreshToken: session.refreshToken })).status,
    ).toBe(401);
    expect(
      (
        await c.call('PATCH', path, bob.auth, {
          password: 'bob-own-choice-1',
          currentPassword: 'reset-by-admin-1',
        })
      ).status,
    ).toBe(200);
  });

  it('9. a credential revoked while its request is still arriving does not complete it', async () => {
    const alice = await c.user('alice9');
    const org = await c.org(alice.auth, 'slow');
    const verifier = await c.key(org, alice.auth, { role: 'admin' });
    const target = await c.key(org, alice.auth);
    const verify = await halfSent(c.server, 'POST', '/v1/keys/verify', verifier.secret, {
      key: target.secret,
    });
    const maker = await c.key(org, alice.auth, { role: 'admin' });
    const create = await halfSent(c.server, 'POST', `/v1/organizations/${org}/apikeys`, maker.secret, {
      name: 'late',
      role: 'member',
    });
    const before = await keyIds(c, org);
    expect((await c.call('DELETE', `/v1/apikeys/${verifier.id}`, alice.auth)).status).toBe(200);
    expect((await c.call('DELETE', `/v1/apikeys/${maker.id}`, alice.auth)).status).toBe(200);
    const verified = await verify.finish();
    expect(verified.status).toBe(401);
    expect(verified.body).toMatch(/"code":"UNAUTHORIZED"/);
    const created = await create.finish();
    expect(created.status).toBe(401);
    expect(await keyIds(c, org)).toEqual(before);
  });
});

describe('throttles, against keyward serve with 10 failures a minute', () => {
  const env = { KEYWARD_AUTH_FAILURES_PER_MINUTE: '10', KEYWARD_FLUSH_INTERVAL_MS: '100' };

  async function audited(c: Cluster, action: string): Promise<any[]> {
    const items = [];
    let cursor: string | null = null;
    do {
      const page: any = await c.ok(
        'GET',
        `/v1/audit?action=${action}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        c.admin,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  it('8. of 100 concurrent wrong passwords from one address, exactly 10 are tried', async () => {
    const c = await cluster(env);
    await c.user('victim');
    const basic: ProcessAuth = { basic: ['victim', 'wrong-password'] };
    const statuses = await Promise.all(
      Array.from({ length: 100 }, () => c.call('POST', '/v1/auth/token', basic)),
    );
    const count = (status: number) => statuses.filter((r) => r.status === status).length;
    expect({ 401: count(401), 429: count(429) }).toEqual({ 401: 10, 429: 90 });
    expect(statuses.find((r) => r.status === 429)?.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    // The right password waits too, until the window ends.
    expect((await c.call('POST', '/v1/auth/token', { basic: ['victim', 'victim-password-1'] })).status).toBe(
      429,
    );
    await waitFor(
      async () => (await audited(c, 'auth.throttled')).reduce((n, e) => n + e.details.count, 0) === 91,
    );
    expect((await audited(c, 'auth.failed')).length).toBe(10);
  });

  it('10. a flood of bad refresh tokens is throttled, and audited in aggregate', async () => {
    const c = await cluster(env);
    const statuses: number[] = [];
    for (let round = 0; round < 10; round++) {
      const replies = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          c.call('POST', '/v1/auth/refresh', null, { refreshToken: `kwr_bad_${round}_${i}` }),
        ),
      );
      statuses.push(...replies.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 401).length).toBe(10);
    expect(statuses.filter((s) => s === 429).length).toBe(490);
    const logout = await c.call('POST', '/v1/auth/logout', null, { refreshToken: 'kwr_unknown' });
    expect(logout.status).toBe(429);
    await waitFor(
      async () => (await audited(c, 'auth.throttled')).reduce((n, e) => n + e.details.count, 0) === 491,
    );
    const failed = await audited(c, 'auth.failed');
    expect(failed.length).toBe(10);
    // 500 refusals, and the log grew by a handful of entries, not by 500.
    expect((await audited(c, 'auth.throttled')).length).toBeLessThan(20);
  });
});

async function waitFor(condition: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not so after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A request whose headers and first half of the body are sent at once; `finish` sends the rest and
 * reads the answer. What lies between is what a slow client spreads over minutes.
 */
async function halfSent(server: Serve, method: string, path: string, key: string, body: unknown) {
  const payload = JSON.stringify(body);
  const socket = connect(server.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let answer = '';
  socket.on('data', (chunk) => {
    answer += chunk.toString('utf8');
  });
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const half = Math.floor(payload.length / 2);
  socket.write(
    `${method} ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Key ${key}\r\n` +
      `content-type: application/json\r\ncontent-length: ${payload.length}\r\nconnection: close\r\n\r\n` +
      payload.slice(0, half),
  );
  // The server has the headers (and has authenticated them) before anything else happens.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    async finish(): Promise<{ status: number; body: string }> {
      socket.end(payload.slice(half));
      await ended;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
      return { status, body: answer.slice(answer.indexOf('\r\n\r\n') + 4) };
    },
  };
}
