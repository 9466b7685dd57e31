import { describe, expect, it } from 'vitest';
import { allAudit, type StoreFactory, useStore } from './context.js';
import { aRefreshToken, at, aUser, auditOf } from './fixtures.js';

export function refreshTokensSuite(factory: StoreFactory): void {
  describe('refresh tokens', () => {
    const store = useStore(factory);

    async function aStoredUser() {
      const user = aUser();
      await store().createUser(user, auditOf('user.created'));
      return user;
    }

    it('finds a token by its hash', async () => {
      const token = aRefreshToken((await aStoredUser()).id);
      await store().createRefreshToken(token);
      expect(await store().findRefreshToken(token.hash)).toEqual(token);
      expect(await store().findRefreshToken(aRefreshToken(token.userId).hash)).toBeNull();
    });

    it('marks a token used once, and reports a replay', async () => {
      const token = aRefreshToken((await aStoredUser()).id);
      await store().createRefreshToken(token);
      expect(await store().useRefreshToken(token.id, at(1))).toBe(true);
      expect(await store().useRefreshToken(token.id, at(2))).toBe(false);
      expect((await store().findRefreshToken(token.hash))?.usedAt).toBe(at(1));
    });

    it('revokes every token of a family and no other', async () => {
      const user = await aStoredUser();
      const first = aRefreshToken(user.id);
      const second = aRefreshToken(user.id, { familyId: first.familyId });
      const revokedBefore = aRefreshToken(user.id, { familyId: first.familyId, revokedAt: at(1) });
      const stranger = aRefreshToken(user.id);
      for (const token of [first, second, revokedBefore, stranger]) await store().createRefreshToken(token);

      await store().revokeRefreshFamily(first.familyId, at(5));

      const revokedAt = async (hash: string) => (await store().findRefreshToken(hash))?.revokedAt;
      expect(await revokedAt(first.hash)).toBe(at(5));
      expect(await revokedAt(second.hash)).toBe(at(5));
      expect(await revokedAt(revokedBefore.hash)).toBe(at(1));
      expect(await revokedAt(stranger.hash)).toBeNull();
    });

    it('writes no audit entry for token bookkeeping', async () => {
      const token = aRefreshToken((await aStoredUser()).id);
      const before = await allAudit(store());
      await store().createRefreshToken(token);
      await store().useRefreshToken(token.id, at(1));
      await store().revokeRefreshFamily(token.familyId, at(2));
      expect(await allAudit(store())).toEqual(before);
    });
  });
}
