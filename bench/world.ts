import { call } from './api.js';
import { ADMIN_PASSWORD } from './keyward.js';

export interface IssuedKey {
  id: string;
  apiKey: string;
}

/** What every bench against a real server needs, made through the API as a user would make it. */
export interface World {
  orgId: string;
  prefix: string;
  /** The cluster admin, who created the organization and so is its admin. */
  adminId: string;
  /** A key of a service user with role member: holds `keys:verify`, as a service that verifies keys would. */
  caller: IssuedKey;
  /** A member key of the admin's, the one that verify is asked about. */
  valid: IssuedKey;
  /** An unscoped admin key of the admin's, which creates keys in the creation bench. */
  creator: IssuedKey;
}

/** Signs in as admin, then creates an organization with `prefix`, a verifier service user and three keys. */
export async function buildWorld(url: string, prefix: string): Promise<World> {
  const signIn = await call(url, 'POST', '/v1/auth/token', {
    auth: { basic: ['admin', ADMIN_PASSWORD] },
    expect: 200,
  });
  const admin = { bearer: signIn.accessToken as string };
  const me = await call(url, 'GET', '/v1/me', { auth: admin });
  const org = await call(url, 'POST', '/v1/organizations', {
    auth: admin,
    body: { name: `Bench ${prefix}`, keyPrefix: prefix },
  });
  const service = await call(url, 'POST', `/v1/organizations/${org.id}/service-users`, {
    auth: admin,
    body: { name: 'verifier', role: 'member' },
  });
  const key = async (body: Record<string, unknown>): Promise<IssuedKey> => {
    const created = await call(url, 'POST', `/v1/organizations/${org.id}/apikeys`, { auth: admin, body });
    return { id: created.id, apiKey: created.apiKey };
  };
  return {
    orgId: org.id,
    prefix,
    adminId: me.id,
    caller: await key({ name: 'verifier', role: 'member', ownerId: service.id }),
    valid: await key({ name: 'customer', role: 'member' }),
    creator: await key({ name: 'creator', role: 'admin' }),
  };
}
