import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, apiKeyCredentials, KeywardClient } from '../../packages/client/src/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildWorld, type World } from '../support/world.js';

/**
 * The typed client's webhook methods against a real app over loopback: each reaches its route, and
 * answers the records its types promise.
 */
let t: TestApp;
let w: World;
let client: KeywardClient;

beforeAll(async () => {
  t = await createTestApp(undefined, { KEYWARD_OUTBOUND_ALLOW: '127.0.0.1/32,::1/128' }, 'socket');
  w = await buildWorld(t);
  const { port } = t.app.server.address() as AddressInfo;
  client = new KeywardClient(`http://127.0.0.1:${port}`, apiKeyCredentials(w.keys.alice.secret));
});
afterAll(() => t?.close());

describe('KeywardClient webhooks', () => {
  it('makes, reads, changes, re-keys, lists the deliveries of, and deletes a webhook', async () => {
    const made = await client.createWebhook(w.orgA, {
      url: 'http://127.0.0.1:9/hook',
      events: ['key.revoked'],
      description: 'the client test',
    });
    expect(made.secret).toMatch(/^whsec_/);
    expect(await client.getWebhook(made.id)).toEqual({
      id: made.id,
      orgId: w.orgA,
      url: 'http://127.0.0.1:9/hook',
      description: 'the client test',
      events: ['key.revoked'],
      enabled: true,
      createdAt: made.createdAt,
      updatedAt: made.updatedAt,
      createdBy: made.createdBy,
    });
    expect((await client.listWebhooks(w.orgA)).map((hook) => hook.id)).toContain(made.id);
    expect((await client.updateWebhook(made.id, { enabled: false, events: null })).events).toBeNull();
    const rotated = await client.rotateWebhookSecret(made.id);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(made.secret);
    await client.updateWebhook(made.id, { enabled: true });
    const key = await client.createKey(w.orgA, { name: 'c', role: 'member' });
    await client.revokeKey(key.id);
    const deliveries = await client.listWebhookDeliveries(made.id);
    expect(deliveries).toEqual([
      expect.objectContaining({ eventType: 'key.revoked', status: 'pending', attempts: 0 }),
    ]);
    expect(await client.deleteWebhook(made.id)).toEqual({ success: true });
    await expect(client.getWebhook(made.id)).rejects.toBeInstanceOf(ApiError);
  });
});
