import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/keys/ids.js';
import type { StoredConnectSession } from '../../../src/store/types.js';
import { aConnection } from './connections.js';
import { allAudit, readAllPages, type StoreFactory, useStore } from './context.js';
import { anOrg, at, auditOf, nthId, seedWorld } from './fixtures.js';

function aSession(orgId: string, fields: Partial<StoredConnectSession> = {}): StoredConnectSession {
  return {
    id: newId('cns'),
    orgId,
    tokenHash: newId('cns'),
    providers: ['sentinelone', 'grafana'],
    connectionName: 'Their SentinelOne',
    createdBy: nthId('usr', 1),
    madeByKey: nthId('key', 1),
    createdAt: at(0),
    expiresAt: at(1800),
    usedAt: null,
    connectionId: null,
    refusals: 0,
    ...fields,
  };
}

export function connectSessionsSuite(factory: StoreFactory): void {
  describe('connect sessions', () => {
    const store = useStore(factory);

    it('stores every field, finds a session by id and by its token’s digest, and lists one organization’s', async () => {
      const { org } = await seedWorld(store());
      const other = anOrg();
      await store().createOrganization(other, null, auditOf('org.created'));
      const made = [0, 1, 2].map((n) =>
        aSession(org.id, { id: nthId('cns', n), madeByKey: n ? null : nthId('key', 1) }),
      );
      for (const session of made)
        await store().createConnectSession(session, auditOf('connect_session.created'));
      await store().createConnectSession(aSession(other.id), auditOf('connect_session.created'));
      expect(await store().findConnectSession(made[0]?.id ?? '')).toEqual(made[0]);
      expect(await store().findConnectSessionByHash(made[1]?.tokenHash ?? '')).toEqual(made[1]);
      expect(await store().findConnectSessionByHash('unknown')).toBeNull();
      const { items, sizes } = await readAllPages(2, (page) => store().listConnectSessions(org.id, page));
      expect(sizes).toEqual([2, 1]);
      expect(items).toEqual(made);
    });

    it('is used once: the connection is stored with the claim, and a second claim stores nothing', async () => {
      const { org } = await seedWorld(store());
      const session = aSession(org.id);
      await store().createConnectSession(session, auditOf('connect_session.created'));
      const before = (await allAudit(store())).length;
      const first = aConnection(org.id);
      const second = aConnection(org.id);
      const claims = await Promise.all([
        store().connectThroughSession(session.id, at(10), 5, first, auditOf('connection.created')),
        store().connectThroughSession(session.id, at(11), 5, second, auditOf('connection.created')),
      ]);
      expect([...claims].sort()).toEqual([false, true]);
      const winner = claims[0] ? first : second;
      const loser = claims[0] ? second : first;
      expect(await store().findConnection(winner.id)).toEqual(winner);
      expect(await store().findConnection(loser.id)).toBeNull();
      expect(await store().findConnectSession(session.id)).toMatchObject({
        usedAt: claims[0] ? at(10) : at(11),
        connectionId: winner.id,
      });
      // One audit entry: the change that happened, not the one refused.
      expect((await allAudit(store())).length).toBe(before + 1);
    });

    it('refuses a claim once the session has expired, or the provider has refused too many credentials', async () => {
      const { org } = await seedWorld(store());
      const expiring = aSession(org.id, { expiresAt: at(100) });
      const refused = aSession(org.id);
      for (const session of [expiring, refused])
        await store().createConnectSession(session, auditOf('connect_session.created'));
      const late = aConnection(org.id);
      expect(await store().connectThroughSession(expiring.id, at(100), 5, late, auditOf('c'))).toBe(false);
      expect(await store().findConnection(late.id)).toBeNull();

      const counts = await Promise.all([1, 2, 3].map(() => store().countConnectRefusal(refused.id)));
      expect(counts.sort()).toEqual([1, 2, 3]);
      expect(await store().countConnectRefusal(nthId('cns', 99))).toBeNull();
      expect(
        await store().connectThroughSession(refused.id, at(10), 3, aConnection(org.id), auditOf('c')),
      ).toBe(false);
      const fine = aConnection(org.id);
      expect(await store().connectThroughSession(refused.id, at(10), 4, fine, auditOf('c'))).toBe(true);
      expect((await store().findConnectSession(refused.id))?.refusals).toBe(3);
    });

    it('deletes a session, and goes with its organization', async () => {
      const { org } = await seedWorld(store());
      const other = anOrg();
      await store().createOrganization(other, null, auditOf('org.created'));
      const session = aSession(org.id);
      const doomed = aSession(other.id);
      for (const s of [session, doomed])
        await store().createConnectSession(s, auditOf('connect_session.created'));
      expect(await store().deleteConnectSession(session.id, auditOf('connect_session.deleted'))).toBe(true);
      expect(await store().deleteConnectSession(session.id, auditOf('connect_session.deleted'))).toBe(false);
      expect(await store().findConnectSession(session.id)).toBeNull();
      await store().deleteOrganization(other.id, at(20), auditOf('org.deleted'));
      expect(await store().findConnectSessionByHash(doomed.tokenHash)).toBeNull();
    });
  });
}
