import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/keys/ids.js';
import type { StoredWebhook } from '../../../src/store/queries/webhooks.js';
import type { Store } from '../../../src/store/store.js';
import { allAudit, readAllPages, type StoreFactory, useStore } from './context.js';
import { aKey, at, auditOf, seedKey, seedWorld } from './fixtures.js';

export function aWebhook(orgId: string, fields: Partial<StoredWebhook> = {}): StoredWebhook {
  return {
    id: newId('whk'),
    orgId,
    url: 'https://hooks.example.com/keyward',
    description: null,
    events: null,
    enabled: true,
    sealed: '{"v":1,"sealed":"opaque"}',
    masterKeyId: 'mk_one',
    createdBy: 'usr_0000000000000000000001',
    madeByKey: null,
    createdAt: at(0),
    updatedAt: at(0),
    ...fields,
  };
}

/** A little after now: key events, and so their deliveries, are stamped with the wall clock. */
const soon = (ms = 1_000) => new Date(Date.now() + ms).toISOString();

/** Revokes `count` new keys of the organization: one `key.revoked` event each. */
async function revokeKeys(s: Store, orgId: string, ownerId: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const key = await seedKey(s, aKey(orgId, ownerId));
    await s.revokeKey(key.id, at(10), auditOf('apikey.revoked'));
  }
}

export function webhooksSuite(factory: StoreFactory): void {
  describe('webhooks', () => {
    const store = useStore(factory);

    it('stores, lists, changes and deletes a webhook, each change with its audit entry', async () => {
      const { org } = await seedWorld(store());
      const hooks = [0, 1, 2].map(() => aWebhook(org.id, { events: ['key.revoked', 'key.expired'] }));
      const before = (await allAudit(store())).length;
      for (const hook of hooks) await store().createWebhook(hook, auditOf('webhook.created'));
      expect(await store().findWebhook(hooks[0]?.id as string)).toEqual(hooks[0]);
      const { items, sizes } = await readAllPages(2, (page) => store().listWebhooks(org.id, page));
      expect(sizes).toEqual([2, 1]);
      expect(items.map((h) => h.id)).toEqual(hooks.map((h) => h.id).sort());
      const changed = await store().updateWebhook(
        hooks[1]?.id as string,
        { events: null, enabled: false, description: 'x' },
        at(5),
        auditOf('webhook.updated'),
      );
      expect(changed).toEqual({
        ...hooks[1],
        events: null,
        enabled: false,
        description: 'x',
        updatedAt: at(5),
      });
      expect(await store().deleteWebhook(hooks[2]?.id as string, auditOf('webhook.deleted'))).toBe(true);
      expect(await store().findWebhook(hooks[2]?.id as string)).toBeNull();
      expect(await store().deleteWebhook(hooks[2]?.id as string, auditOf('webhook.deleted'))).toBe(false);
      expect(
        await store().updateWebhook(hooks[2]?.id as string, { enabled: true }, at(6), auditOf('x')),
      ).toBeNull();
      expect((await allAudit(store())).length).toBe(before + 5);
    });

    it('queues a delivery per event for each enabled webhook that asked for its type', async () => {
      const { org, admin } = await seedWorld(store());
      const all = aWebhook(org.id);
      const revokedOnly = aWebhook(org.id, { events: ['key.revoked'] });
      const disabledOnly = aWebhook(org.id, { events: ['key.disabled'] });
      const off = aWebhook(org.id, { enabled: false });
      for (const hook of [all, revokedOnly, disabledOnly, off])
        await store().createWebhook(hook, auditOf('w'));
      await revokeKeys(store(), org.id, admin.id, 2);
      const page = { limit: 10, after: null };
      const listed = await store().listWebhookDeliveries(all.id, page);
      expect(listed.items.map((d) => [d.eventType, d.status, d.attempts])).toEqual([
        ['key.revoked', 'pending', 0],
        ['key.revoked', 'pending', 0],
      ]);
      // Newest first.
      expect(listed.items[0]?.eventSeq).toBeGreaterThan(listed.items[1]?.eventSeq as number);
      expect((await store().listWebhookDeliveries(revokedOnly.id, page)).items).toHaveLength(2);
      expect((await store().listWebhookDeliveries(disabledOnly.id, page)).items).toEqual([]);
      expect((await store().listWebhookDeliveries(off.id, page)).items).toEqual([]);
    });

    it('claims due deliveries once until their lock ends, and records each attempt', async () => {
      const { org, admin } = await seedWorld(store());
      const hook = aWebhook(org.id);
      await store().createWebhook(hook, auditOf('w'));
      await revokeKeys(store(), org.id, admin.id, 5);
      const now = soon();
      const claims = await Promise.all([1, 2, 3].map(() => store().claimDueDeliveries(now, 2, 60_000)));
      const ids = claims.flat().map((d) => d.id);
      expect(ids.length).toBe(new Set(ids).size);
      const rest = await store().claimDueDeliveries(now, 10, 60_000);
      expect(ids.length + rest.length).toBe(5);
      expect(await store().claimDueDeliveries(now, 10, 60_000)).toEqual([]);

      const [first, second, third] = [...claims.flat(), ...rest];
      await store().recordAttempt(first?.id as string, { status: 'delivered', at: now, httpStatus: 204 });
      await store().recordAttempt(second?.id as string, {
        status: 'pending',
        nextAttemptAt: soon(30_000),
        httpStatus: 500,
        error: 'the endpoint answered 500',
      });
      await store().recordAttempt(third?.id as string, {
        status: 'failed',
        httpStatus: null,
        error: 'TIMEOUT',
      });
      const byId = new Map(
        (await store().listWebhookDeliveries(hook.id, { limit: 10, after: null })).items.map((d) => [
          d.id,
          d,
        ]),
      );
      expect(byId.get(first?.id as string)).toMatchObject({
        status: 'delivered',
        attempts: 1,
        lastStatus: 204,
        lastError: null,
        nextAttemptAt: null,
        deliveredAt: now,
      });
      expect(byId.get(second?.id as string)).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastStatus: 500,
      });
      expect(byId.get(third?.id as string)).toMatchObject({
        status: 'failed',
        attempts: 1,
        lastError: 'TIMEOUT',
      });

      // Not before its next attempt; then it and the two still locked come back, and the others are done.
      expect(await store().claimDueDeliveries(now, 10, 60_000)).toEqual([]);
      const claimed = [...claims.flat(), ...rest];
      const reclaimed = await store().claimDueDeliveries(soon(65_000), 10, 60_000);
      expect(reclaimed.map((d) => d.id).sort()).toEqual(
        [second, ...claimed.slice(3)].map((d) => d?.id).sort(),
      );
    });

    it('claims nothing for a disabled webhook, and deletes deliveries with their webhook', async () => {
      const { org, admin } = await seedWorld(store());
      const hook = aWebhook(org.id);
      await store().createWebhook(hook, auditOf('w'));
      await revokeKeys(store(), org.id, admin.id, 2);
      await store().updateWebhook(hook.id, { enabled: false }, at(1), auditOf('w'));
      expect(await store().claimDueDeliveries(soon(), 10, 60_000)).toEqual([]);
      await store().updateWebhook(hook.id, { enabled: true }, at(2), auditOf('w'));
      expect(await store().claimDueDeliveries(soon(), 10, 60_000)).toHaveLength(2);
      await store().deleteWebhook(hook.id, auditOf('w'));
      expect((await store().listWebhookDeliveries(hook.id, { limit: 10, after: null })).items).toEqual([]);
    });

    it("walks webhooks' sealed secrets with connections' for a rewrap, and counts them by master key", async () => {
      const { org } = await seedWorld(store());
      const hook = aWebhook(org.id, { masterKeyId: 'mk_two' });
      await store().createWebhook(hook, auditOf('w'));
      expect(await store().listSealed(null, 10)).toEqual([
        { id: hook.id, orgId: org.id, sealed: hook.sealed, masterKeyId: 'mk_two' },
      ]);
      expect(await store().countByMasterKey()).toEqual(new Map([['mk_two', 1]]));
      expect(await store().reseal(hook.id, 'resealed', 'mk_three', 'not what it holds')).toBe(false);
      expect(await store().reseal(hook.id, 'resealed', 'mk_three', hook.sealed)).toBe(true);
      expect(await store().findWebhook(hook.id)).toMatchObject({
        sealed: 'resealed',
        masterKeyId: 'mk_three',
      });
    });
  });
}
