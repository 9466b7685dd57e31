import { expect } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { type Serve, startServe } from '../support/server.js';

const PASSWORD = 'middleware-admin-password';
rememberSecret(PASSWORD);
export const ENV = { KEYWARD_ADMIN_PASSWORD: PASSWORD };

/** A spawned `keyward serve` with one organization, and the service key the middleware verifies with. */
export interface Keyward {
  server: Serve;
  orgId: string;
  /** A member key of the organization: it holds `keys:verify`. */
  serviceKey: string;
  /** Creates a key in the organization: `body` is that of `POST /v1/organizations/{orgId}/apikeys`. */
  issue(body: Record<string, unknown>): Promise<{ id: string; apiKey: string; ownerId: string }>;
  /** Revokes a key through Keyward's API: `DELETE /v1/apikeys/{id}`. */
  revoke(keyId: string): Promise<void>;
}

export async function startKeyward(dataDir: string): Promise<Keyward> {
  const server = await startServe(dataDir, { env: ENV });
  return withOrganization(server);
}

/** The organization and the service key of a server just started on a new data directory. */
export async function withOrganization(server: Serve): Promise<Keyward> {
  const admin = { bearer: await server.signIn('admin', PASSWORD) };
  const org = await server.request('POST', '/v1/organizations', {
    auth: admin,
    body: { name: 'Documents', keyPrefix: 'docs' },
  });
  expect(org.status).toBe(201);
  const orgId = org.body.id as string;
  const issue = async (body: Record<string, unknown>) => {
    const created = await server.request('POST', `/v1/organizations/${orgId}/apikeys`, {
      auth: admin,
      body: { role: 'member', ...body },
    });
    expect(created.status, created.text).toBe(201);
    return { id: created.body.id, apiKey: created.body.apiKey, ownerId: created.body.ownerId };
  };
  const service = await issue({ name: 'documents service' });
  return {
    server,
    orgId,
    serviceKey: service.apiKey,
    issue,
    async revoke(keyId) {
      const revoked = await server.request('DELETE', `/v1/apikeys/${keyId}`, { auth: admin });
      expect(revoked.status, revoked.text).toBe(200);
    },
  };
}
