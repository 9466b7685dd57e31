import { describe, expect, it } from 'vitest';
import type { UserCredentials } from '../../../src/store/types.js';
import { readAllPages, type StoreFactory, useStore } from './context.js';
import { anOrg, at, aUser, auditOf, nthId } from './fixtures.js';

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

    it('answers null when changing the role of a non-member', async () => {
      const { org, user } = await orgWithUser();
      expect(await store().updateMember(org.id, user.id, 'admin', auditOf('member.updated'))).toBeNull();
      expect(await store().findMember(org.id, user.id)).toBeNull();
    });

    it('removes a member once', async () => {
      const { org, user } = await orgWithUser();
      await store().addMember(org.id, user.id, 'member', at(1), auditOf('member.added'));
      expect(await store().removeMember(org.id, user.id, auditOf('member.removed'))).toBe(true);
      expect(await store().findMember(org.id, user.id)).toBeNull();
      expect(await store().findUser(user.id)).not.toBeNull();
      expect(await store().removeMember(org.id, user.id, auditOf('member.removed'))).toBe(false);
    });
  });
}
