import { describe, expect, it } from 'vitest';
import type { StoreEvent } from '../../../src/store/events.js';
import type { Store } from '../../../src/store/store.js';
import { type StoreFactory, useStore } from './context.js';
import { aKey, anOrg, aServiceUser, at, auditOf, nthId, seedKey, seedWorld } from './fixtures.js';

/** Records what the store announces for caches, from the moment it is called (the key-event log aside). */
function listen(store: Store): StoreEvent[][] {
  const heard: StoreEvent[][] = [];
  store.subscribe((events) => {
    const forCaches = events.filter((event) => event.type !== 'key.event');
    if (forCaches.length > 0) heard.push(forCaches);
  });
  return heard;
}

/** The key events the store records and announces, from the moment it is called, as [type, key, owner, org]. */
function logged(store: Store): (string | null)[][] {
  const recorded: (string | null)[][] = [];
  store.subscribe((events) => {
    for (const event of events) {
      if (event.type === 'key.event') {
        const { type, keyId, ownerId, orgId } = event.event;
        recorded.push([type, keyId, ownerId, orgId]);
      }
    }
  });
  return recorded;
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

    it('records the key events of each change in the log, and announces them as recorded', async () => {
      const { org, admin, member } = await seedWorld(store());
      const svc = aServiceUser(org.id);
      await store().createServiceUser(svc, auditOf('service_user.created'));
      const maker = await seedKey(store(), aKey(org.id, admin.id));
      const made = await seedKey(store(), aKey(org.id, member.id, { madeByKeyId: maker.id }));
      const memberKey = await seedKey(store(), aKey(org.id, member.id));
      const svcKey = await seedKey(store(), aKey(org.id, svc.id));
      const other = anOrg({ keyPrefix: 'other' });
      await store().createOrganization(other, admin.id, auditOf('org.created'));
      const otherKey = await seedKey(store(), aKey(other.id, admin.id));
      const recorded = logged(store());
      await store().updateKey(memberKey.id, { enabled: false }, auditOf('apikey.updated'));
      await store().updateKey(memberKey.id, { enabled: true }, auditOf('apikey.updated'));
      await store().updateKey(memberKey.id, { scopes: ['documents:read'] }, auditOf('apikey.updated'));
      await store().rotateKey(memberKey.id, at(60), aKey(org.id, member.id), auditOf('apikey.rotated'));
      await store().revokeKey(maker.id, at(70), auditOf('apikey.revoked'));
      await store().updateMember(org.id, member.id, 'admin', auditOf('member.updated'));
      await store().updateServiceUser(svc.id, { role: 'admin' }, auditOf('service_user.updated'));
      await store().deleteServiceUser(svc.id, at(7), auditOf('service_user.deleted'));
      // A new password changes nothing verify reads; a disablement does, in each of the user's organizations.
      await store().updateUser(admin.id, { passwordHash: 'x' }, auditOf('user.updated'));
      await store().updateUser(admin.id, { disabled: true }, auditOf('user.disabled'));
      await store().deleteOrganization(other.id, at(8), auditOf('org.deleted'));
      expect(recorded).toEqual([
        ['key.disabled', memberKey.id, member.id, org.id],
        ['key.enabled', memberKey.id, member.id, org.id],
        ['key.updated', memberKey.id, member.id, org.id],
        ['key.rotated', memberKey.id, member.id, org.id],
        ['key.revoked', maker.id, admin.id, org.id],
        ['key.revoked', made.id, member.id, org.id],
        ['owner.changed', null, member.id, org.id],
        ['owner.changed', null, svc.id, org.id],
        ['key.revoked', svcKey.id, svc.id, org.id],
        ['owner.changed', null, admin.id, org.id],
        ['owner.changed', null, admin.id, other.id],
        ['key.deleted', otherKey.id, admin.id, other.id],
      ]);
      // The log holds what was announced, in the same order, and resumes after any of it.
      const log = await store().listKeyEvents(0, null, null);
      expect(log.map((event) => [event.type, event.keyId, event.ownerId, event.orgId])).toEqual(recorded);
      const third = log[2]?.seq as number;
      expect((await store().listKeyEvents(third, null, [org.id])).map((event) => event.seq)).toEqual(
        log
          .slice(3)
          .filter((event) => event.orgId === org.id)
          .map((event) => event.seq),
      );
      expect(await store().keyEventBounds()).toEqual({ first: log[0]?.seq, last: log.at(-1)?.seq });
    });

    it('records an expiry once, and forgets events older than it keeps', async () => {
      const { org, admin } = await seedWorld(store());
      const expiring = await seedKey(store(), aKey(org.id, admin.id, { expiresAt: at(30) }));
      await seedKey(store(), aKey(org.id, admin.id, { expiresAt: at(90) }));
      expect(await store().recordExpiries(at(0), at(60))).toEqual({ count: 1, more: false });
      expect(await store().recordExpiries(at(0), at(60))).toEqual({ count: 0, more: false });
      const log = await store().listKeyEvents(0, null, null);
      expect(log.map((event) => [event.type, event.keyId])).toEqual([['key.expired', expiring.id]]);
      await store().pruneKeyEvents('9999-01-01T00:00:00.000Z');
      expect(await store().listKeyEvents(0, null, null)).toEqual([]);
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
