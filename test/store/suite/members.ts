import { describe, expect, it } from 'vitest';
import type { UserCredentials } from '../../../src/store/types.js';
import { allAudit, readAllPages, type StoreFactory, useStore } from './context.js';
import { aKey, anOrg, at, aUser, auditOf, nthId, seedKey } from './fixtures.js';

export function membersSuite(factory: StoreFactory): void {
  describe('members', () => {
    const store = useStore(factory);

    async function orgWithUsers(count: number) {
      const org = anOrg();
      await store().createOrganization(org, null, auditOf('org.created'));
      const users = Array.from({ length: count }, (_, n) => aUser({ id: nthId('usr', n) }));
      for (const user of users) await store().createUser(user, auditOf('user.created'));
      return { org, users };
    }

    async function orgWithUser() {
      const { org, users } = await orgWithUsers(1);
      return { org, user: users[0] as UserCredentials };
    }

    it('adds a member and answers it with the username', async () => {
      const { org, user } = await orgWithUser();
      const expected = {
        orgId: org.id,
        userId: user.id,
        username: user.username,
        role: 'member',
        createdAt: at(7),
      };
      expect(await store().addMember(org.id, user.id, 'member', at(7), auditOf('member.added'))).toEqual(
        expected,
      );
      expect(await store().findMember(org.id, user.id)).toEqual(expected);
    });

    it('answers null for a user who is not a member', async () => {
      const { org, user } = await orgWithUser();
      expect(await store().findMember(org.id, user.id)).toBeNull();
      expect(await store().findMember(nthId('org', 1), user.id)).toBeNull();
    });

    it('lists the members of one organization in user id order, a page at a time', async () => {
      const { org, users } = await orgWithUsers(5);
      const { org: elsewhere, user: stranger } = await orgWithUser();
      await store().addMember(elsewhere.id, stranger.id, 'admin', at(1), auditOf('member.added'));
      for (const user of [...users].reverse()) {
        await store().addMember(org.id, user.id, 'member', at(1), auditOf('member.added'));
      }
      const { items, sizes } = await readAllPages(2, (page) => store().listMembers(org.id, page));
      expect(sizes).toEqual([2, 2, 1]);
      expect(items.map((m) => m.userId)).toEqual(users.map((u) => u.id));
      expect(items.every((m) => m.orgId === org.id)).toBe(true);
    });

    it('changes a member role', async () => {
      const { org, user } = await orgWithUser();
      await store().addMember(org.id, user.id, 'member', at(1), auditOf('member.added'));
      expect(await store().updateMember(org.id, user.id, 'admin', auditOf('member.updated'))).toMatchObject({
        userId: user.id,
        role: 'admin',
        createdAt: at(1),
      });
      expect((await store().findMember(org.id, user.id))?.role).toBe('admin');
    });

    it('answers not-member when changing the role of a non-member', async () => {
      const { org, user } = await orgWithUser();
      expect(await store().updateMember(org.id, user.id, 'admin', auditOf('member.updated'))).toBe(
        'not-member',
      );
      expect(await store().findMember(org.id, user.id)).toBeNull();
    });

    it('removes a member once', async () => {
      const { org, user } = await orgWithUser();
      await store().addMember(org.id, user.id, 'member', at(1), auditOf('member.added'));
      expect(await store().removeMember(org.id, user.id, at(2), auditOf('member.removed'))).toEqual({
        revokedKeys: 0,
      });
      expect(await store().findMember(org.id, user.id)).toBeNull();
      expect(await store().findUser(user.id)).not.toBeNull();
      expect(await store().removeMember(org.id, user.id, at(3), auditOf('member.removed'))).toBe(
        'not-member',
      );
    });

    it('revokes the keys a removed member holds in that organization only, and records how many', async () => {
      const { org, users } = await orgWithUsers(2);
      const [user, admin] = users as [UserCredentials, UserCredentials];
      const other = anOrg();
      await store().createOrganization(other, user.id, auditOf('org.created'));
      await store().addMember(org.id, admin.id, 'admin', at(1), auditOf('member.added'));
      await store().addMember(org.id, user.id, 'member', at(1), auditOf('member.added'));
      const here = await seedKey(store(), aKey(org.id, user.id));
      const revokedBefore = await seedKey(store(), aKey(org.id, user.id, { revokedAt: at(0) }));
      const elsewhere = await seedKey(store(), aKey(other.id, user.id));
      const result = await store().removeMember(org.id, user.id, at(5), auditOf('member.removed'));
      expect(result).toEqual({ revokedKeys: 1 });
      expect((await store().findKey(here.id))?.key.revokedAt).toBe(at(5));
      expect((await store().findKey(revokedBefore.id))?.key.revokedAt).toBe(at(0));
      expect((await store().findKey(elsewhere.id))?.key.revokedAt).toBeNull();
      const entries = await allAudit(store());
      expect(entries.at(-1)).toMatchObject({ action: 'member.removed', details: { revokedKeys: 1 } });
    });

    it('keeps one admin when the last two demote each other at once', async () => {
      const { org, users } = await orgWithUsers(2);
      const [one, two] = users as [UserCredentials, UserCredentials];
      for (const user of [one, two])
        await store().addMember(org.id, user.id, 'admin', at(1), auditOf('member.added'));
      const results = await Promise.all(
        [one, two].map((user) => store().updateMember(org.id, user.id, 'member', auditOf('member.updated'))),
      );
      expect(results.filter((result) => result === 'last-admin')).toHaveLength(1);
      const roles = await Promise.all(
        [one, two].map(async (user) => (await store().findMember(org.id, user.id))?.role),
      );
      expect(roles.sort()).toEqual(['admin', 'member']);
    });

    it('keeps the last admin: neither removed nor demoted, with nothing written', async () => {
      const { org, users } = await orgWithUsers(2);
      const [admin, other] = users as [UserCredentials, UserCredentials];
      await store().addMember(org.id, admin.id, 'admin', at(1), auditOf('member.added'));
      await store().addMember(org.id, other.id, 'member', at(1), auditOf('member.added'));
      const before = await allAudit(store());
      expect(await store().removeMember(org.id, admin.id, at(2), auditOf('member.removed'))).toBe(
        'last-admin',
      );
      expect(await store().updateMember(org.id, admin.id, 'member', auditOf('member.updated'))).toBe(
        'last-admin',
      );
      expect(await store().updateMember(org.id, admin.id, 'admin', auditOf('member.updated'))).toMatchObject({
        role: 'admin',
      });
      expect((await allAudit(store())).length).toBe(before.length + 1);
      await store().updateMember(org.id, other.id, 'admin', auditOf('member.updated'));
      expect(await store().updateMember(org.id, admin.id, 'member', auditOf('member.updated'))).toMatchObject(
        {
          role: 'member',
        },
      );
    });
  });
}
