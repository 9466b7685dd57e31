import { describe, expect, it } from 'vitest';
import { allAudit, readAllPages, type StoreFactory, useStore } from './context.js';
import { aKey, anOrg, aRefreshToken, at, aUser, auditOf, nthId, seedKey, seedWorld } from './fixtures.js';

export function usersSuite(factory: StoreFactory): void {
  describe('users', () => {
    const store = useStore(factory);

    it('finds a created user by id, without its password hash', async () => {
      const { passwordHash, ...user } = aUser({ clusterAdmin: true });
      await store().createUser({ ...user, passwordHash }, auditOf('user.created'));
      const found = await store().findUser(user.id);
      expect(found).toEqual(user);
      expect(found).not.toHaveProperty('passwordHash');
    });

    it('finds credentials by username', async () => {
      const user = aUser({ disabled: true });
      await store().createUser(user, auditOf('user.created'));
      expect(await store().findUserCredentials(user.username)).toEqual(user);
    });

    it('answers null for an unknown id or username', async () => {
      expect(await store().findUser(nthId('usr', 1))).toBeNull();
      expect(await store().findUserCredentials('nobody')).toBeNull();
    });

    it('refuses a second user with the same username, even two at once, writing nothing for it', async () => {
      const user = aUser();
      expect(await store().createUser(user, auditOf('user.created'))).toBe(true);
      const before = await allAudit(store());
      expect(await store().createUser(aUser({ username: user.username }), auditOf('x'))).toBe(false);
      expect(await allAudit(store())).toEqual(before);
      const twins = [aUser({ username: 'twin' }), aUser({ username: 'twin' })];
      const made = await Promise.all(twins.map((twin) => store().createUser(twin, auditOf('user.created'))));
      expect([...made].sort()).toEqual([false, true]);
    });

    it('lists users in id order, a page at a time', async () => {
      const users = [0, 1, 2, 3, 4].map((n) => aUser({ id: nthId('usr', n) }));
      for (const user of [...users].reverse()) await store().createUser(user, auditOf('user.created'));
      const { items, sizes } = await readAllPages(2, (page) => store().listUsers(page));
      expect(sizes).toEqual([2, 2, 1]);
      expect(items.map((u) => u.id)).toEqual(users.map((u) => u.id));
      expect(items[0]).not.toHaveProperty('passwordHash');
    });

    it('answers a single page with no cursor when everything fits', async () => {
      await store().createUser(aUser(), auditOf('user.created'));
      const page = await store().listUsers({ limit: 1, after: null });
      expect(page.items).toHaveLength(1);
      expect(page.next).toBeNull();
    });

    it('disables and re-enables a user', async () => {
      const user = aUser();
      await store().createUser(user, auditOf('user.created'));
      expect(await store().updateUser(user.id, { disabled: true }, auditOf('user.updated'))).toMatchObject({
        id: user.id,
        disabled: true,
      });
      expect((await store().findUser(user.id))?.disabled).toBe(true);
      await store().updateUser(user.id, { disabled: false }, auditOf('user.updated'));
      expect((await store().findUser(user.id))?.disabled).toBe(false);
    });

    it('changes the password hash and nothing else', async () => {
      const user = aUser();
      await store().createUser(user, auditOf('user.created'));
      const updated = await store().updateUser(
        user.id,
        { passwordHash: 'new-hash' },
        auditOf('user.updated'),
      );
      expect(updated).not.toHaveProperty('passwordHash');
      expect(await store().findUserCredentials(user.username)).toMatchObject({
        passwordHash: 'new-hash',
        disabled: false,
        clusterAdmin: false,
        username: user.username,
      });
    });

    it('answers null when updating an unknown user', async () => {
      expect(
        await store().updateUser(nthId('usr', 1), { disabled: true }, auditOf('user.updated')),
      ).toBeNull();
    });

    it('deletes a user with its memberships and refresh tokens, and revokes its keys', async () => {
      const s = store();
      const { org, member, admin } = await seedWorld(s);
      const other = anOrg();
      await s.createOrganization(other, member.id, auditOf('org.created'));
      const live = await seedKey(s, aKey(org.id, member.id));
      const elsewhere = await seedKey(s, aKey(other.id, member.id));
      const revokedEarlier = await seedKey(s, aKey(org.id, member.id, { revokedAt: at(5) }));
      const othersKey = await seedKey(s, aKey(org.id, admin.id));
      const token = aRefreshToken(member.id);
      await s.createRefreshToken(token);

      expect(await s.deleteUser(member.id, at(10), auditOf('user.deleted'))).toBe(true);

      expect(await s.findUser(member.id)).toBeNull();
      expect(await s.findUserCredentials(member.username)).toBeNull();
      expect(await s.findMember(org.id, member.id)).toBeNull();
      expect(await s.findMember(other.id, member.id)).toBeNull();
      expect((await s.listOrganizations(member.id, { limit: 10, after: null })).items).toEqual([]);
      expect(await s.findRefreshToken(token.hash)).toBeNull();
      expect((await s.findKey(live.id))?.key.revokedAt).toBe(at(10));
      expect((await s.findKey(elsewhere.id))?.key.revokedAt).toBe(at(10));
      expect((await s.findKey(revokedEarlier.id))?.key.revokedAt).toBe(at(5));
      expect((await s.findKey(othersKey.id))?.key.revokedAt).toBeNull();
      expect(await s.findMember(org.id, admin.id)).not.toBeNull();
    });

    it('answers false when deleting a user that does not exist', async () => {
      const user = aUser();
      await store().createUser(user, auditOf('user.created'));
      expect(await store().deleteUser(user.id, at(1), auditOf('user.deleted'))).toBe(true);
      expect(await store().deleteUser(user.id, at(2), auditOf('user.deleted'))).toBe(false);
    });
  });
}
