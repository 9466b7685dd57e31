import { describe, expect, it } from 'vitest';
import { readAllPages, type StoreFactory, useStore } from './context.js';
import { aKey, anOrg, aServiceUser, at, aUser, auditOf, nthId, seedKey, seedWorld } from './fixtures.js';

export function organizationsSuite(factory: StoreFactory): void {
  describe('organizations', () => {
    const store = useStore(factory);

    it('creates an organization whose creator becomes its first admin', async () => {
      const user = aUser();
      const org = anOrg({ keyPrefix: 'acme' });
      await store().createUser(user, auditOf('user.created'));
      await store().createOrganization(org, user.id, auditOf('org.created'));
      expect(await store().findOrganization(org.id)).toEqual(org);
      expect(await store().findMember(org.id, user.id)).toEqual({
        orgId: org.id,
        userId: user.id,
        username: user.username,
        role: 'admin',
        createdAt: org.createdAt,
      });
    });

    it('creates an organization without members when no admin is given', async () => {
      const org = anOrg();
      await store().createOrganization(org, null, auditOf('org.created'));
      expect(await store().findOrganization(org.id)).toEqual(org);
      expect((await store().listMembers(org.id, { limit: 10, after: null })).items).toEqual([]);
    });

    it('answers null for an unknown organization', async () => {
      expect(await store().findOrganization(nthId('org', 1))).toBeNull();
    });

    it('lists every organization in id order, a page at a time', async () => {
      const orgs = [0, 1, 2, 3, 4].map((n) => anOrg({ id: nthId('org', n) }));
      for (const org of [...orgs].reverse())
        await store().createOrganization(org, null, auditOf('org.created'));
      const { items, sizes } = await readAllPages(2, (page) => store().listOrganizations(null, page));
      expect(sizes).toEqual([2, 2, 1]);
      expect(items).toEqual(orgs);
    });

    it('lists only the organizations a user belongs to, a page at a time', async () => {
      const user = aUser();
      await store().createUser(user, auditOf('user.created'));
      const orgs = [0, 1, 2, 3, 4].map((n) => anOrg({ id: nthId('org', n) }));
      for (const [n, org] of orgs.entries()) {
        await store().createOrganization(org, n % 2 === 0 ? user.id : null, auditOf('org.created'));
      }
      const { items, sizes } = await readAllPages(2, (page) => store().listOrganizations(user.id, page));
      expect(sizes).toEqual([2, 1]);
      expect(items).toEqual([orgs[0], orgs[2], orgs[4]]);
    });

    it('renames an organization and keeps its key prefix', async () => {
      const org = anOrg({ keyPrefix: 'acme' });
      await store().createOrganization(org, null, auditOf('org.created'));
      const updated = await store().updateOrganization(org.id, { name: 'Renamed' }, auditOf('org.updated'));
      expect(updated).toMatchObject({ id: org.id, name: 'Renamed', keyPrefix: 'acme' });
      expect(await store().findOrganization(org.id)).toMatchObject({ name: 'Renamed', keyPrefix: 'acme' });
    });

    it('answers null when updating an unknown organization', async () => {
      expect(
        await store().updateOrganization(nthId('org', 1), { name: 'x' }, auditOf('org.updated')),
      ).toBeNull();
    });

    it('deletes an organization with its keys, service users and memberships', async () => {
      const s = store();
      const { org, admin, member } = await seedWorld(s);
      const other = anOrg();
      await s.createOrganization(other, admin.id, auditOf('org.created'));
      const bot = aServiceUser(org.id);
      await s.createServiceUser(bot, auditOf('serviceuser.created'));
      const keys = [aKey(org.id, admin.id), aKey(org.id, member.id), aKey(org.id, bot.id)];
      for (const key of keys) await seedKey(s, key);
      const kept = await seedKey(s, aKey(other.id, admin.id));

      expect(await s.deleteOrganization(org.id, at(9), auditOf('org.deleted'))).toBe(true);

      expect(await s.findOrganization(org.id)).toBeNull();
      for (const key of keys) {
        expect(await s.findKey(key.id)).toBeNull();
        expect(await s.findKeyByHash(key.hash)).toBeNull();
      }
      expect(await s.findServiceUser(bot.id)).toBeNull();
      expect(await s.findMember(org.id, admin.id)).toBeNull();
      expect(await s.findMember(org.id, member.id)).toBeNull();
      expect((await s.listOrganizations(admin.id, { limit: 10, after: null })).items).toEqual([other]);
      expect((await s.findKey(kept.id))?.key.revokedAt).toBeNull();
      expect(await s.findUser(member.id)).not.toBeNull();
    });

    it('answers false when deleting an organization that does not exist', async () => {
      const org = anOrg();
      await store().createOrganization(org, null, auditOf('org.created'));
      expect(await store().deleteOrganization(org.id, at(9), auditOf('org.deleted'))).toBe(true);
      expect(await store().deleteOrganization(org.id, at(9), auditOf('org.deleted'))).toBe(false);
    });

    it('lists each key prefix in use once', async () => {
      const acme = anOrg({ keyPrefix: 'acme' });
      for (const org of [anOrg({ keyPrefix: 'kw' }), anOrg({ keyPrefix: 'kw' }), acme]) {
        await store().createOrganization(org, null, auditOf('org.created'));
      }
      expect((await store().listKeyPrefixes()).sort()).toEqual(['acme', 'kw']);
      await store().deleteOrganization(acme.id, at(9), auditOf('org.deleted'));
      expect(await store().listKeyPrefixes()).toEqual(['kw']);
    });

    it('lists no prefixes when there are no organizations', async () => {
      expect(await store().listKeyPrefixes()).toEqual([]);
    });
  });
}
