import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, startServe, tempDir } from '../support/server.js';

const env = { KEYWARD_ADMIN_PASSWORD: 'durability-admin-password' };
rememberSecret(env.KEYWARD_ADMIN_PASSWORD);

afterEach(cleanupServe);

describe('nothing acknowledged is lost (PRODUCT.md §11)', () => {
  it('keeps a created key, a revocation and a new user across kill -9 and a restart', async () => {
    const dataDir = join(tempDir(), 'data');
    const before = await startServe(dataDir, { env });
    const token = await before.signIn('admin', env.KEYWARD_ADMIN_PASSWORD);
    const admin = { bearer: token };
    const org = await before.request('POST', '/v1/organizations', {
      auth: admin,
      body: { name: 'Durable', keyPrefix: 'dura' },
    });
    expect(org.status).toBe(201);
    const create = (name: string) =>
      before.request('POST', `/v1/organizations/${org.body.id}/apikeys`, {
        auth: admin,
        body: { name, role: 'member' },
      });
    const a = await create('a');
    const b = await create('b');
    expect([a.status, b.status]).toEqual([201, 201]);
    const user = await before.request('POST', '/v1/users', {
      auth: admin,
      body: { username: 'carol', password: 'carol-durable-password' },
    });
    expect(user.status).toBe(201);
    const revoked = await before.request('DELETE', `/v1/apikeys/${b.body.id}`, { auth: admin });
    expect(revoked.status).toBe(200);

    // No pause and no shutdown: the crash comes right after the last 2xx.
    expect(await before.kill9()).toEqual({ code: null, signal: 'SIGKILL' });

    const after = await startServe(dataDir, { env });
    // The same access token still works: the signing key in secrets.json survived too.
    const verify = async (key: string) =>
      (await after.request('POST', '/v1/keys/verify', { auth: admin, body: { key } })).body;
    expect(await verify(a.body.apiKey)).toMatchObject({ valid: true, code: 'VALID', keyId: a.body.id });
    expect(await verify(b.body.apiKey)).toMatchObject({ valid: false, code: 'REVOKED', keyId: b.body.id });
    expect((await after.request('GET', '/v1/me', { auth: { key: a.body.apiKey } })).status).toBe(200);
    expect((await after.request('GET', '/v1/me', { auth: { key: b.body.apiKey } })).status).toBe(401);

    const getA = await after.request('GET', `/v1/apikeys/${a.body.id}`, { auth: admin });
    const getB = await after.request('GET', `/v1/apikeys/${b.body.id}`, { auth: admin });
    expect(getA.body).toMatchObject({ id: a.body.id, name: 'a', revokedAt: null });
    expect(getB.body).toMatchObject({ id: b.body.id, name: 'b', revokedAt: expect.any(String) });
    const list = await after.request('GET', `/v1/organizations/${org.body.id}/apikeys`, { auth: admin });
    expect(list.body.items.map((key: { id: string }) => key.id).sort()).toEqual(
      [a.body.id, b.body.id].sort(),
    );
    expect(await after.signIn('carol', 'carol-durable-password')).toMatch(/^eyJ/);
    const audit = await after.request('GET', `/v1/audit?action=apikey.revoked`, { auth: admin });
    expect(audit.body.items).toEqual([expect.objectContaining({ targetId: b.body.id })]);
    expect((await after.stop()).code).toBe(0);
  }, 60_000);
});
