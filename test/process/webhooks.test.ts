import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, startServe, tempDir, until } from '../support/server.js';
import { documentedRecipe, receiver } from '../support/webhooks.js';

/**
 * `keyward serve` runs the webhook dispatcher (docs/webhooks.md) without being asked: a revocation
 * reaches a receiver, a 500 is tried again after the configured wait, and the process stops cleanly.
 */
const ADMIN_PASSWORD = 'webhooks-admin-password';
rememberSecret(ADMIN_PASSWORD);

afterAll(cleanupServe);

it('sends a revocation to a receiver that answered 500 once, again, signed, then stops cleanly', async () => {
  const verify = await documentedRecipe();
  const endpoint = await receiver();
  endpoint.answers.push(500);
  const server = await startServe(join(tempDir(), 'data'), {
    env: {
      KEYWARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
      KEYWARD_OUTBOUND_ALLOW: '127.0.0.1/32',
      KEYWARD_WEBHOOK_RETRY_MS: '200',
    },
  });
  try {
    const admin = { bearer: await server.signIn('admin', ADMIN_PASSWORD) };
    const ok = async (method: string, path: string, body?: unknown) => {
      const reply = await server.request(method, path, { auth: admin, body });
      if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${reply.text}`);
      return reply.body;
    };
    const org = (await ok('POST', '/v1/organizations', { name: 'Hooked', keyPrefix: 'hook' })).id;
    const hook = await ok('POST', `/v1/organizations/${org}/webhooks`, { url: endpoint.url });
    rememberSecret(hook.secret);
    const key = await ok('POST', `/v1/organizations/${org}/apikeys`, { name: 'k', role: 'member' });
    await ok('DELETE', `/v1/apikeys/${key.id}`);

    await until(() => endpoint.received.length >= 2, 15_000, 'the delivery and its retry');
    const [first, second] = endpoint.received;
    expect(second?.headers['keyward-delivery-id']).toBe(first?.headers['keyward-delivery-id']);
    expect(JSON.parse(second?.body ?? '')).toMatchObject({ type: 'key.revoked', keyId: key.id });
    expect(verify(hook.secret, second?.headers['keyward-signature'], second?.body ?? '')).toBe(true);
    // The attempt is recorded once its answer is in: a moment after the receiver has answered.
    let delivery: Record<string, unknown> = {};
    const deadline = Date.now() + 15_000;
    while (delivery.status !== 'delivered' && Date.now() < deadline) {
      [delivery] = (await ok('GET', `/v1/webhooks/${hook.id}/deliveries`)).items;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200 });
    expect(server.log()).not.toContain(hook.secret);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  } finally {
    await endpoint.close();
  }
}, 60_000);
