import { describe, expect, it } from 'vitest';
import { readAllPages, type StoreFactory, useStore } from './context.js';
import { aKey, anOrg, aServiceUser, at, auditOf, nthId, seedKey, seedWorld } from './fixtures.js';

export function serviceUsersSuite(factory: StoreFactory): void {
  describe('service users', () => {
    const store = useStore(factory);

    async function twoOrgs() {
      const [org, other] = [anOrg(), anOrg()];
      for (const o of [org, other]) await store().createOrganization(o, null, auditOf('org.created'));
      return { org, other };
    }

    it('finds a created service user', async () => {
      const { org } = await twoOrgs();
      const bot = aServiceUser(org.id, { description: 'runs CI', role: 'admin', expiresAt: at(3600) });
      await store().createServiceUser(bot, auditOf('serviceuser.created'));
      expect(await store().findServiceUser(bot.id)).toEqual(bot);
    });

    it('answers null for an unknown service user', async () => {
      expect(await store().findServiceUser(nthId('svc', 1))).toBeNull();
    });

    it('lists the service users of one organization in id order, a page at a time', async () => {
      const { org, other } = await twoOrgs();
      const bots = [0, 1, 2, 3, 4].map((n) => aServiceUser(org.id, { id: nthId('svc', n) }));
      for (const bot of [...bots].reverse())
        await store().createServiceUser(bot, auditOf('serviceuser.created'));
      await store().createServiceUser(aServiceUser(other.id), auditOf('serviceuser.created'));
      const { items, sizes } = await readAllPages(2, (page) => store().listServiceUsers(org.id, page));
      expect(sizes).toEqual([2, 2, 1]);
      expect(items).toEqual(bots);
    });

    it.each([
      ['name', { name: 'renamed' }],
      ['description', { description: 'now described' }],
      ['role', { role: 'admin' as const }],
      ['expiry', { expiresAt: at(99) }],
    ])('changes the %s alone', async (_field, patch) => {
      const { org } = await twoOrgs();
      const bot = aServiceUser(org.id, { description: 'before', expiresAt: at(50) });
      await store().createServiceUser(bot, auditOf('serviceuser.created'));
      const updated = await store().updateServiceUser(bot.id, patch, auditOf('serviceuser.updated'));
      const { updatedAt: _, ...expected } = { ...bot, ...patch };
      expect(updated).toMatchObject(expected);
      expect(await store().findServiceUser(bot.id)).toMatchObject(expected);
    });

    it('clears the description and the expiry', async () => {
      const { org } = await twoOrgs();
      const bot = aServiceUser(org.id, { description: 'before', expiresAt: at(50) });
      await store().createServiceUser(bot, auditOf('serviceuser.created'));
      await store().updateServiceUser(bot.id, { description: null, expiresAt: null }, auditOf('x'));
      expect(await store().findServiceUser(bot.id)).toMatchObject({ description: null, expiresAt: null });
    });

    it('keeps a name unique in its organization, whatever its case; another organization may have it', async () => {
      const { org, other } = await twoOrgs();
      const first = aServiceUser(org.id, { name: 'Deploy-Bot' });
      expect(await store().createServiceUser(first, auditOf('serviceuser.created'))).toBe(true);
      const again = aServiceUser(org.id, { name: 'deploy-bot' });
      expect(await store().createServiceUser(again, auditOf('serviceuser.created'))).toBe(false);
      expect(await store().findServiceUser(again.id)).toBeNull();
      const elsewhere = aServiceUser(other.id, { name: 'deploy-bot' });
      expect(await store().createServiceUser(elsewhere, auditOf('serviceuser.created'))).toBe(true);

      const second = aServiceUser(org.id, { name: 'release-bot' });
      await store().createServiceUser(second, auditOf('serviceuser.created'));
      const renamed = await store().updateServiceUser(
        second.id,
        { name: 'DEPLOY-BOT', role: 'admin' },
        auditOf('x'),
      );
      expect(renamed).toBe('name-taken');
      expect(await store().findServiceUser(second.id)).toEqual(second);
      // Its own name, in another case, is not taken from it.
      expect(await store().updateServiceUser(first.id, { name: 'deploy-bot' }, auditOf('x'))).toMatchObject({
        name: 'deploy-bot',
      });
    });

    it('answers null when updating an unknown service user', async () => {
      expect(await store().updateServiceUser(nthId('svc', 1), { name: 'x' }, auditOf('x'))).toBeNull();
    });

    it('deletes a service user and revokes its keys', async () => {
      const s = store();
      const { org, admin } = await seedWorld(s);
      const bot = aServiceUser(org.id);
      await s.createServiceUser(bot, auditOf('serviceuser.created'));
      const botKey = await seedKey(s, aKey(org.id, bot.id));
      const revokedEarlier = await seedKey(s, aKey(org.id, bot.id, { revokedAt: at(5) }));
      const adminKey = await seedKey(s, aKey(org.id, admin.id));

      expect(await s.deleteServiceUser(bot.id, at(10), auditOf('serviceuser.deleted'))).toBe(true);

      expect(await s.findServiceUser(bot.id)).toBeNull();
      expect((await s.findKey(botKey.id))?.key.revokedAt).toBe(at(10));
      expect((await s.findKey(revokedEarlier.id))?.key.revokedAt).toBe(at(5));
      expect((await s.findKey(adminKey.id))?.key.revokedAt).toBeNull();
      expect(await s.deleteServiceUser(bot.id, at(11), auditOf('serviceuser.deleted'))).toBe(false);
    });
  });
}
