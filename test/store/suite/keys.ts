import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../../src/store/audit-chain.js';
import type { OwnerState } from '../../../src/store/types.js';
import { allAudit, NO_FILTER, readAllPages, type StoreFactory, useStore } from './context.js';
import { aKey, anOrg, aServiceUser, at, auditOf, nthId, recordOf, seedKey, seedWorld } from './fixtures.js';

const userOwner = (state: Partial<OwnerState>): OwnerState => ({
  kind: 'user',
  exists: true,
  disabled: false,
  expiresAt: null,
  clusterAdmin: false,
  orgRole: null,
  ...state,
});

export function keysSuite(factory: StoreFactory): void {
  describe('keys: create and find', () => {
    const store = useStore(factory);

    it('stores every field of a key and finds it by digest and by id', async () => {
      const { org, member } = await seedWorld(store());
      const key = aKey(org.id, member.id);
      expect(await store().createKey(key, auditOf('apikey.created'))).toBe(true);
      const entry = { key, owner: userOwner({ orgRole: 'member' }) };
      expect(await store().findKeyByHash(key.hash)).toEqual(entry);
      expect(await store().findKey(key.id)).toEqual(entry);
    });

    it('stores a key whose optional fields are all empty', async () => {
      const { org, member } = await seedWorld(store());
      const key = aKey(org.id, member.id, {
        description: null,
        meta: null,
        scopes: null,
        createdBy: null,
        expiresAt: null,
        enabled: false,
        ratelimit: null,
        quota: null,
      });
      await seedKey(store(), key);
      expect((await store().findKey(key.id))?.key).toEqual(key);
    });

    it('answers null for an unknown digest or id', async () => {
      const { org, member } = await seedWorld(store());
      const unknown = aKey(org.id, member.id);
      expect(await store().findKeyByHash(unknown.hash)).toBeNull();
      expect(await store().findKey(unknown.id)).toBeNull();
    });

    it('lists every digest, revoked keys included, in digest order a page at a time', async () => {
      const { org, member } = await seedWorld(store());
      const keys = [];
      for (let i = 0; i < 5; i++) keys.push(await seedKey(store(), aKey(org.id, member.id)));
      await store().revokeKey(keys[0]?.id as string, at(1), auditOf('apikey.revoked'));
      const seen: string[] = [];
      for (let page = await store().listKeyHashes(null, 2); page.length > 0; ) {
        expect(page.length).toBeLessThanOrEqual(2);
        seen.push(...page);
        page = await store().listKeyHashes(page.at(-1) as string, 2);
      }
      expect(seen).toEqual(keys.map((key) => key.hash).sort());
    });

    it('refuses a second key with the same digest and writes nothing', async () => {
      const { org, member, admin } = await seedWorld(store());
      const first = await seedKey(store(), aKey(org.id, member.id));
      const before = await allAudit(store());
      const clash = aKey(org.id, admin.id, { hash: first.hash, name: 'clash' });
      expect(await store().createKey(clash, auditOf('apikey.created', { targetId: clash.id }))).toBe(false);
      expect(await store().findKey(clash.id)).toBeNull();
      expect((await store().findKeyByHash(first.hash))?.key).toEqual(first);
      expect(await allAudit(store())).toEqual(before);
    });

    it('stores many keys at once, each with its audit entry, continuing the chain', async () => {
      const { org, member } = await seedWorld(store());
      const before = await allAudit(store());
      // More than one statement's worth of rows.
      const keys = Array.from({ length: 1_203 }, () => aKey(org.id, member.id));
      const entries = keys.map((key) => ({ key, audit: auditOf('apikey.created', { targetId: key.id }) }));
      expect(await store().createKeys(entries)).toBe(true);
      for (const key of [keys[0], keys[500], keys[1_202]]) {
        expect((await store().findKeyByHash(key?.hash as string))?.key).toEqual(key);
      }
      const after = await allAudit(store());
      expect(after.slice(before.length).map((entry) => entry.targetId)).toEqual(keys.map((key) => key.id));
      expect(await verifyChain(store().exportAudit(NO_FILTER))).toEqual({ ok: true, count: after.length });
    });

    it('stores none of a batch when one digest is already stored', async () => {
      const { org, member } = await seedWorld(store());
      const first = await seedKey(store(), aKey(org.id, member.id));
      const before = await allAudit(store());
      const keys = Array.from({ length: 10 }, (_, i) =>
        aKey(org.id, member.id, i === 6 ? { hash: first.hash } : {}),
      );
      const entries = keys.map((key) => ({ key, audit: auditOf('apikey.created', { targetId: key.id }) }));
      expect(await store().createKeys(entries)).toBe(false);
      for (const key of keys) expect(await store().findKey(key.id)).toBeNull();
      expect(await allAudit(store())).toEqual(before);
    });

    it('creates keys that arrive together each as if alone: a clash fails by itself', async () => {
      const { org, member } = await seedWorld(store());
      const together = Array.from({ length: 5 }, () => aKey(org.id, member.id));
      const stored = await Promise.all(
        together.map((key) => store().createKey(key, auditOf('apikey.created'))),
      );
      expect(stored).toEqual([true, true, true, true, true]);
      const existing = together[0] as (typeof together)[number];
      const before = await allAudit(store());
      const keys = Array.from({ length: 20 }, (_, i) =>
        aKey(org.id, member.id, i === 7 ? { hash: existing.hash } : {}),
      );
      const created = await Promise.all(
        keys.map((key) => store().createKey(key, auditOf('apikey.created', { targetId: key.id }))),
      );
      expect(created).toEqual(keys.map((_, i) => i !== 7));
      for (const [i, key] of keys.entries())
        expect((await store().findKey(key.id))?.key ?? null, `key ${i}`).toEqual(i === 7 ? null : key);
      const after = await allAudit(store());
      expect(after.slice(0, before.length)).toEqual(before);
      // Concurrent creations reach the audit log in whatever order they commit.
      expect(
        after
          .slice(before.length)
          .map((entry) => entry.targetId)
          .sort(),
      ).toEqual(
        keys
          .filter((_, i) => i !== 7)
          .map((key) => key.id)
          .sort(),
      );
      expect(await verifyChain(store().exportAudit(NO_FILTER))).toEqual({ ok: true, count: after.length });
    });
  });

  describe('keys: the owner state read with the key', () => {
    const store = useStore(factory);

    it('gives the role of a member owner in the key organization', async () => {
      const { org, admin } = await seedWorld(store());
      const key = await seedKey(store(), aKey(org.id, admin.id));
      expect((await store().findKeyByHash(key.hash))?.owner).toEqual(userOwner({ orgRole: 'admin' }));
    });

    it('follows a change of the owner role', async () => {
      const { org, member } = await seedWorld(store());
      const key = await seedKey(store(), aKey(org.id, member.id));
      await store().updateMember(org.id, member.id, 'admin', auditOf('member.updated'));
      expect((await store().findKey(key.id))?.owner.orgRole).toBe('admin');
    });

    it('shows a disabled owner', async () => {
      const { org, member } = await seedWorld(store());
      const key = await seedKey(store(), aKey(org.id, member.id));
      await store().updateUser(member.id, { disabled: true }, auditOf('user.updated'));
      const expected = userOwner({ disabled: true, orgRole: 'member' });
      expect((await store().findKeyByHash(key.hash))?.owner).toEqual(expected);
      expect((await store().findKey(key.id))?.owner).toEqual(expected);
    });

    it('shows a cluster admin who is not a member with no organization role', async () => {
      const { org, root } = await seedWorld(store());
      const key = await seedKey(store(), aKey(org.id, root.id));
      expect((await store().findKey(key.id))?.owner).toEqual(userOwner({ clusterAdmin: true }));
    });

    it('gives no organization role to an owner removed from the organization', async () => {
      const { org, member } = await seedWorld(store());
      const key = await seedKey(store(), aKey(org.id, member.id));
      await store().removeMember(org.id, member.id, at(3), auditOf('member.removed'));
      expect((await store().findKeyByHash(key.hash))?.owner).toEqual(userOwner({ orgRole: null }));
    });

    it('does not count a membership of another organization', async () => {
      const { org, member } = await seedWorld(store());
      const other = anOrg();
      await store().createOrganization(other, member.id, auditOf('org.created'));
      const key = await seedKey(store(), aKey(org.id, member.id));
      await store().removeMember(org.id, member.id, at(3), auditOf('member.removed'));
      expect((await store().findKey(key.id))?.owner.orgRole).toBeNull();
    });

    it('shows a deleted owner as gone', async () => {
      const { org, member } = await seedWorld(store());
      const key = await seedKey(store(), aKey(org.id, member.id));
      await store().deleteUser(member.id, at(10), auditOf('user.deleted'));
      const entry = await store().findKeyByHash(key.hash);
      expect(entry?.owner).toMatchObject({ kind: 'user', exists: false, orgRole: null });
      expect(entry?.key.revokedAt).toBe(at(10));
    });

    it('gives a service user owner its kind, expiry and role', async () => {
      const { org } = await seedWorld(store());
      const bot = aServiceUser(org.id, { role: 'admin', expiresAt: at(500) });
      await store().createServiceUser(bot, auditOf('serviceuser.created'));
      const key = await seedKey(store(), aKey(org.id, bot.id));
      const expected: OwnerState = {
        kind: 'service',
        exists: true,
        disabled: false,
        expiresAt: at(500),
        clusterAdmin: false,
        orgRole: 'admin',
      };
      expect((await store().findKeyByHash(key.hash))?.owner).toEqual(expected);
      expect((await store().findKey(key.id))?.owner).toEqual(expected);
    });

    it('follows changes of a service user role and expiry', async () => {
      const { org } = await seedWorld(store());
      const bot = aServiceUser(org.id);
      await store().createServiceUser(bot, auditOf('serviceuser.created'));
      const key = await seedKey(store(), aKey(org.id, bot.id));
      await store().updateServiceUser(bot.id, { role: 'admin', expiresAt: at(9) }, auditOf('x'));
      expect((await store().findKey(key.id))?.owner).toMatchObject({ orgRole: 'admin', expiresAt: at(9) });
    });

    it('shows a deleted service user as gone', async () => {
      const { org } = await seedWorld(store());
      const bot = aServiceUser(org.id);
      await store().createServiceUser(bot, auditOf('serviceuser.created'));
      const key = await seedKey(store(), aKey(org.id, bot.id));
      await store().deleteServiceUser(bot.id, at(10), auditOf('serviceuser.deleted'));
      const entry = await store().findKey(key.id);
      expect(entry?.owner).toMatchObject({ kind: 'service', exists: false, orgRole: null });
      expect(entry?.key.revokedAt).toBe(at(10));
    });

    it('does not let a service user of another organization own a key here', async () => {
      const { org } = await seedWorld(store());
      const other = anOrg();
      await store().createOrganization(other, null, auditOf('org.created'));
      const stranger = aServiceUser(other.id, { role: 'admin' });
      await store().createServiceUser(stranger, auditOf('serviceuser.created'));
      const key = await seedKey(store(), aKey(org.id, stranger.id));
      expect((await store().findKey(key.id))?.owner).toMatchObject({
        kind: 'service',
        exists: false,
        orgRole: null,
      });
    });
  });

  describe('keys: listing', () => {
    const store = useStore(factory);

    it('lists the keys of one organization in id order, a page at a time, without digests', async () => {
      const { org, admin, member } = await seedWorld(store());
      const other = anOrg();
      await store().createOrganization(other, admin.id, auditOf('org.created'));
      const keys = [0, 1, 2, 3, 4].map((n) =>
        aKey(org.id, n % 2 ? admin.id : member.id, { id: nthId('key', n) }),
      );
      for (const key of [...keys].reverse()) await seedKey(store(), key);
      await seedKey(store(), aKey(other.id, admin.id));

      const { items, sizes } = await readAllPages(2, (page) => store().listKeys(org.id, null, page));
      expect(sizes).toEqual([2, 2, 1]);
      expect(items).toEqual(keys.map(recordOf));
      for (const item of items) expect(item).not.toHaveProperty('hash');
    });

    it('lists the keys of one owner, a page at a time', async () => {
      const { org, admin, member } = await seedWorld(store());
      const keys = [0, 1, 2, 3, 4].map((n) =>
        aKey(org.id, n % 2 ? admin.id : member.id, { id: nthId('key', n) }),
      );
      for (const key of keys) await seedKey(store(), key);
      const { items, sizes } = await readAllPages(2, (page) => store().listKeys(org.id, member.id, page));
      expect(sizes).toEqual([2, 1]);
      expect(items.map((k) => k.id)).toEqual([keys[0]?.id, keys[2]?.id, keys[4]?.id]);
    });

    it('lists nothing for an owner in an organization where they hold no keys', async () => {
      const { org, admin } = await seedWorld(store());
      const other = anOrg();
      await store().createOrganization(other, admin.id, auditOf('org.created'));
      await seedKey(store(), aKey(other.id, admin.id));
      expect(await store().listKeys(org.id, admin.id, { limit: 10, after: null })).toEqual({
        items: [],
        next: null,
      });
    });
  });
}
