import { describe, expect, it } from 'vitest';
import type { KeyPatch } from '../../../src/store/store.js';
import { allAudit, type StoreFactory, useStore } from './context.js';
import { aKey, at, auditOf, nthId, recordOf, seedKey, seedWorld } from './fixtures.js';

export function keyChangesSuite(factory: StoreFactory): void {
  describe('keys: update, revoke and rotate', () => {
    const store = useStore(factory);

    async function aStoredKey(fields: Parameters<typeof aKey>[2] = {}) {
      const { org, member } = await seedWorld(store());
      return seedKey(store(), aKey(org.id, member.id, fields));
    }

    const patches: [string, KeyPatch][] = [
      ['name', { name: 'renamed' }],
      ['description', { description: 'new words' }],
      ['description (cleared)', { description: null }],
      ['meta', { meta: { replaced: [1, 2, { deep: 'yes' }] } }],
      ['meta (cleared)', { meta: null }],
      ['enabled flag', { enabled: false, disabledBy: 'member' }],
      ['scopes', { scopes: ['documents:read'] }],
      ['scopes (cleared)', { scopes: null }],
    ];
    it.each(patches)('changes the %s and nothing else', async (_field, patch) => {
      const key = await aStoredKey();
      const { disabledBy, ...fields } = patch;
      const expected = { ...recordOf(key), ...fields };
      expect(await store().updateKey(key.id, patch, auditOf('apikey.updated'))).toEqual(expected);
      const stored = { ...key, ...fields, disabledBy: disabledBy ?? key.disabledBy };
      expect((await store().findKey(key.id))?.key).toEqual(stored);
    });

    it('re-enables a disabled key, and forgets who disabled it', async () => {
      const key = await aStoredKey({ enabled: false, disabledBy: 'cluster' });
      await store().updateKey(key.id, { enabled: true }, auditOf('apikey.updated'));
      expect((await store().findKey(key.id))?.key).toMatchObject({ enabled: true, disabledBy: null });
    });

    it('answers null when updating an unknown key', async () => {
      expect(await store().updateKey(nthId('key', 1), { name: 'x' }, auditOf('apikey.updated'))).toBeNull();
    });

    it('revokes a key once', async () => {
      const key = await aStoredKey();
      expect(await store().revokeKey(key.id, at(10), auditOf('apikey.revoked'))).toBe(true);
      expect((await store().findKeyByHash(key.hash))?.key.revokedAt).toBe(at(10));
      expect(await store().revokeKey(key.id, at(20), auditOf('apikey.revoked'))).toBe(false);
      expect((await store().findKey(key.id))?.key.revokedAt).toBe(at(10));
    });

    it('revokes every key made with a revoked key, down the line, and announces them after the commit', async () => {
      const { org, admin, member } = await seedWorld(store());
      const maker = await seedKey(store(), aKey(org.id, admin.id));
      const child = await seedKey(store(), aKey(org.id, member.id, { madeByKeyId: maker.id }));
      const grandchild = await seedKey(store(), aKey(org.id, member.id, { madeByKeyId: child.id }));
      const unrelated = await seedKey(store(), aKey(org.id, member.id));
      const announced: string[][] = [];
      store().subscribe((events) =>
        announced.push(
          events
            .filter((event) => event.type !== 'key.event')
            .map((event) => (event.type === 'key.changed' ? event.keyId : event.type)),
        ),
      );
      expect(await store().revokeKey(maker.id, at(10), auditOf('apikey.revoked'))).toBe(true);
      for (const key of [maker, child, grandchild])
        expect((await store().findKey(key.id))?.key.revokedAt).toBe(at(10));
      expect((await store().findKey(unrelated.id))?.key.revokedAt).toBeNull();
      expect(announced).toEqual([[maker.id, child.id, grandchild.id]]);
      expect((await allAudit(store())).at(-1)).toMatchObject({
        action: 'apikey.revoked',
        details: { revokedKeys: 2 },
      });
      expect(await store().revokeKey(maker.id, at(20), auditOf('apikey.revoked'))).toBe(false);
      expect(announced).toHaveLength(1);
    });

    it('answers false when revoking an unknown key', async () => {
      expect(await store().revokeKey(nthId('key', 1), at(10), auditOf('apikey.revoked'))).toBe(false);
    });

    it('rotates a key: the successor is stored and recorded, and the old key expires at the given time', async () => {
      const old = await aStoredKey({ expiresAt: null });
      const successor = aKey(old.orgId, old.ownerId, { name: 'successor' });
      expect(await store().rotateKey(old.id, at(60), successor, auditOf('apikey.rotated'))).toBe(true);
      expect((await store().findKey(old.id))?.key).toEqual({
        ...old,
        expiresAt: at(60),
        successorId: successor.id,
      });
      expect((await store().findKeyByHash(successor.hash))?.key).toEqual(successor);
    });

    it('caps a later expiry of the old key', async () => {
      const old = await aStoredKey({ expiresAt: at(86_400) });
      const successor = aKey(old.orgId, old.ownerId);
      await store().rotateKey(old.id, at(60), successor, auditOf('apikey.rotated'));
      expect((await store().findKey(old.id))?.key.expiresAt).toBe(at(60));
    });

    it('never extends an earlier expiry of the old key', async () => {
      const old = await aStoredKey({ expiresAt: at(30) });
      const successor = aKey(old.orgId, old.ownerId);
      expect(await store().rotateKey(old.id, at(60), successor, auditOf('apikey.rotated'))).toBe(true);
      expect((await store().findKey(old.id))?.key.expiresAt).toBe(at(30));
      expect(await store().findKey(successor.id)).not.toBeNull();
    });

    it('answers false and stores no successor when the old key is unknown', async () => {
      const { org, member } = await seedWorld(store());
      const successor = aKey(org.id, member.id);
      expect(await store().rotateKey(nthId('key', 1), at(60), successor, auditOf('apikey.rotated'))).toBe(
        false,
      );
      expect(await store().findKey(successor.id)).toBeNull();
    });

    it('rotates a key once: a second rotation, even a concurrent one, stores nothing', async () => {
      const old = await aStoredKey({ expiresAt: null });
      const first = aKey(old.orgId, old.ownerId);
      const second = aKey(old.orgId, old.ownerId);
      const results = await Promise.all([
        store().rotateKey(old.id, at(60), first, auditOf('apikey.rotated')),
        store().rotateKey(old.id, at(60), second, auditOf('apikey.rotated')),
      ]);
      expect([...results].sort()).toEqual([false, true]);
      const [kept, lost] = results[0] ? [first, second] : [second, first];
      expect((await store().findKey(old.id))?.key.successorId).toBe(kept.id);
      expect(await store().findKey(lost.id)).toBeNull();
    });

    it('rotates atomically: a successor whose digest is taken changes nothing', async () => {
      const old = await aStoredKey({ expiresAt: null });
      const taken = await seedKey(store(), aKey(old.orgId, old.ownerId));
      const before = await allAudit(store());
      const successor = aKey(old.orgId, old.ownerId, { hash: taken.hash });
      expect(await store().rotateKey(old.id, at(60), successor, auditOf('apikey.rotated'))).toBe(false);
      expect((await store().findKey(old.id))?.key.expiresAt).toBeNull();
      expect(await store().findKey(successor.id)).toBeNull();
      expect(await allAudit(store())).toEqual(before);
    });
  });

  describe('keys: write-behind of usage', () => {
    const store = useStore(factory);

    it('records when many keys were last used, in one call', async () => {
      const { org, member } = await seedWorld(store());
      const [a, b, c] = [aKey(org.id, member.id), aKey(org.id, member.id), aKey(org.id, member.id)];
      for (const key of [a, b, c]) await seedKey(store(), key);
      await store().touchKeys(new Map([[a.id, at(5)]]));
      await store().touchKeys(
        new Map([
          [a.id, at(7)],
          [b.id, at(6)],
          [nthId('key', 1), at(6)],
        ]),
      );
      const lastUsed = async (id: string) => (await store().findKey(id))?.key.lastUsedAt;
      expect(await lastUsed(a.id)).toBe(at(7));
      expect(await lastUsed(b.id)).toBe(at(6));
      expect(await lastUsed(c.id)).toBeNull();
      await store().touchKeys(new Map());
      expect(await lastUsed(a.id)).toBe(at(7));
      await store().touchKeys(new Map([[a.id, at(3)]]));
      expect(await lastUsed(a.id), 'a late, older flush').toBe(at(7));
    });

    it('records a batch larger than one statement takes', async () => {
      const { org, member } = await seedWorld(store());
      const keys = [];
      for (let i = 0; i < 450; i++) keys.push(await seedKey(store(), aKey(org.id, member.id)));
      await store().touchKeys(new Map(keys.map((key, i) => [key.id, at(i)])));
      const page = await store().listKeys(org.id, null, { limit: 500, after: null });
      const stored = new Map(page.items.map((key) => [key.id, key.lastUsedAt]));
      expect(keys.every((key, i) => stored.get(key.id) === at(i))).toBe(true);
    });

    it('saves the quotas of many budgets in one call, each to every key of its lineage', async () => {
      const { org, member } = await seedWorld(store());
      const daily = aKey(org.id, member.id);
      const successor = aKey(org.id, member.id, { budgetId: daily.id });
      const once = aKey(org.id, member.id, { quota: { remaining: 5, refill: null, refilledAt: null } });
      const unlimited = aKey(org.id, member.id, { quota: null });
      for (const key of [daily, successor, once, unlimited]) await seedKey(store(), key);
      const refill = daily.quota?.refill ?? null;
      await store().saveQuotas(
        new Map([
          [daily.id, { remaining: 10, refill, refilledAt: at(3) }],
          [once.id, { remaining: 0, refill: null, refilledAt: null }],
          [unlimited.id, { remaining: 1, refill: null, refilledAt: null }],
          [nthId('key', 1), { remaining: 1, refill: null, refilledAt: null }],
        ]),
      );
      expect((await store().findKey(successor.id))?.key.quota).toEqual({
        remaining: 10,
        refill,
        refilledAt: at(3),
      });
      const quota = async (id: string) => (await store().findKey(id))?.key.quota;
      expect(await quota(daily.id)).toEqual({
        remaining: 10,
        refill: daily.quota?.refill,
        refilledAt: at(3),
      });
      expect(await quota(once.id)).toEqual({ remaining: 0, refill: null, refilledAt: null });
      expect(await quota(unlimited.id)).toBeNull();
      await store().saveQuotas(new Map());
      expect((await quota(daily.id))?.remaining).toBe(10);
    });

    it('writes no audit entry for usage bookkeeping', async () => {
      const { org, member } = await seedWorld(store());
      const key = await seedKey(store(), aKey(org.id, member.id));
      const before = await allAudit(store());
      await store().touchKeys(new Map([[key.id, at(5)]]));
      await store().saveQuotas(new Map([[key.id, { remaining: 3, refill: null, refilledAt: null }]]));
      expect(await allAudit(store())).toEqual(before);
    });
  });
}
