import { describe, expect, it } from 'vitest';
import type { StoreEvent } from '../../../src/store/events.js';
import type { Store } from '../../../src/store/store.js';
import { type StoreFactory, useStore } from './context.js';
import { aKey, anOrg, aServiceUser, at, auditOf, nthId, seedKey, seedWorld } from './fixtures.js';

/** Records what the store announces, from the moment it is called. */
function listen(store: Store): StoreEvent[][] {
  const heard: StoreEvent[][] = [];
  store.subscribe((events) => heard.push([...events]));
  return heard;
}

/**
 * Every committed change is announced once it has committed, with what caches must forget or learn;
 * nothing is announced for a change that changed nothing or rolled back. These events are the only way
 * caches hear of changes (src/verify/invalidation.ts), in this process and, on PostgreSQL, in others.
 */
export function eventsSuite(factory: StoreFactory): void {
  describe('events', () => {
    const store = useStore(factory);
    const owner = (ownerId: string): StoreEvent => ({ type: 'owner.changed', ownerId });
    const changed = (keyId: string): StoreEvent => ({ type: 'key.changed', keyId });

    it('announces keys made, changed, rotated and revoked, with what they revoked', async () => {
      const { org, admin } = await seedWorld(store());
      const heard = listen(store());
      const key = await seedKey(store(), aKey(org.id, admin.id));
      const child = await seedKey(store(), aKey(org.id, admin.id, { madeByKeyId: key.id }));
      await store().updateKey(key.id, { name: 'renamed' }, auditOf('apikey.updated'));
      const successor = aKey(org.id, admin.id);
      await store().rotateKey(child.id, at(60), successor, auditOf('apikey.rotated'));
      await store().revokeKey(key.id, at(70), auditOf('apikey.revoked'));
      expect(heard).toEqual([
        [{ type: 'key.created', keyId: key.id, hash: key.hash }],
        [{ type: 'key.created', keyId: child.id, hash: child.hash }],
        [changed(key.id)],
        [changed(child.id), { type: 'key.created', keyId: successor.id, hash: successor.hash }],
        [changed(key.id), changed(child.id)],
      ]);
    });

    it('announces owners and organizations, with the keys their removal revoked', async () => {
      const { org, admin, member } = await seedWorld(store());
      const svc = aServiceUser(org.id);
      await store().createServiceUser(svc, auditOf('service_user.created'));
      const memberKey = await seedKey(store(), aKey(org.id, member.id));
      const svcKey = await seedKey(store(), aKey(org.id, svc.id));
      const heard = listen(store());
      const other = anOrg({ keyPrefix: 'other' });
      await store().createOrganization(other, admin.id, auditOf('org.created'));
      await store().updateMember(org.id, member.id, 'admin', auditOf('member.updated'));
      await store().removeMember(org.id, member.id, at(5), auditOf('member.removed'));
      await store().addMember(org.id, member.id, 'member', at(6), auditOf('member.added'));
      await store().updateServiceUser(svc.id, { role: 'admin' }, auditOf('service_user.updated'));
      await store().deleteServiceUser(svc.id, at(7), auditOf('service_user.deleted'));
      await store().updateUser(admin.id, { disabled: true }, auditOf('user.disabled'));
      await store().deleteOrganization(other.id, at(8), auditOf('org.deleted'));
      expect(heard).toEqual([
        [{ type: 'organization.changed', orgId: other.id, keyPrefix: 'other' }],
        [owner(member.id)],
        [owner(member.id), changed(memberKey.id)],
        [owner(member.id)],
        [owner(svc.id)],
        [owner(svc.id), changed(svcKey.id)],
        [owner(admin.id)],
        [{ type: 'organization.changed', orgId: other.id, keyPrefix: null }],
      ]);
    });

    it('announces nothing for a change that changed nothing, was refused or rolled back', async () => {
      const { org, admin } = await seedWorld(store());
      const key = await seedKey(store(), aKey(org.id, admin.id));
      const heard = listen(store());
      await store().updateKey(nthId('key', 1), { name: 'x' }, auditOf('apikey.updated'));
      await store().revokeKey(nthId('key', 2), at(1), auditOf('apikey.revoked'));
      await store().removeMember(org.id, admin.id, at(1), auditOf('member.removed'));
      expect(
        await store().createKey(aKey(org.id, admin.id, { hash: key.hash }), auditOf('apikey.created')),
      ).toBe(false);
      const taken = aKey(org.id, admin.id, { hash: key.hash });
      expect(await store().rotateKey(key.id, at(9), taken, auditOf('apikey.rotated'))).toBe(false);
      expect(heard).toEqual([]);
    });
  });
}
