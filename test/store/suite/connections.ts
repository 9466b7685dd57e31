import { describe, expect, it } from 'vitest';
import { newId } from '../../../src/keys/ids.js';
import type { StoredConnection } from '../../../src/store/types.js';
import { allAudit, readAllPages, type StoreFactory, useStore } from './context.js';
import { anOrg, at, auditOf, nthId, seedWorld } from './fixtures.js';

export function aConnection(orgId: string, fields: Partial<StoredConnection> = {}): StoredConnection {
  return {
    id: newId('con'),
    orgId,
    provider: 'sentinelone',
    name: 'SentinelOne',
    config: { hostname: 'tenant.sentinelone.net' },
    expiresAt: null,
    lastCheck: { at: at(0), outcome: 'passed', status: 200 },
    createdAt: at(0),
    updatedAt: at(0),
    createdBy: null,
    sealed: '{"v":1,"sealed":"opaque"}',
    masterKeyId: 'mk_one',
    ...fields,
  };
}

export function connectionsSuite(factory: StoreFactory): void {
  describe('connections', () => {
    const store = useStore(factory);

    it('stores every field of a connection and finds it, with its audit entry', async () => {
      const { org } = await seedWorld(store());
      const connection = aConnection(org.id, { expiresAt: at(86_400), createdBy: nthId('usr', 1) });
      const before = (await allAudit(store())).length;
      await store().createConnection(connection, auditOf('connection.created'));
      expect(await store().findConnection(connection.id)).toEqual(connection);
      expect(await store().findConnection(nthId('con', 9))).toBeNull();
      expect((await allAudit(store())).length).toBe(before + 1);
    });

    it('lists one organization’s connections a page at a time, and those expiring by a time', async () => {
      const { org } = await seedWorld(store());
      const other = anOrg();
      await store().createOrganization(other, null, auditOf('org.created'));
      const made = [0, 1, 2].map((n) =>
        aConnection(org.id, {
          id: nthId('con', n),
          expiresAt: n === 1 ? at(100) : n === 2 ? at(10_000) : null,
        }),
      );
      for (const connection of made)
        await store().createConnection(connection, auditOf('connection.created'));
      await store().createConnection(aConnection(other.id), auditOf('connection.created'));
      const { items, sizes } = await readAllPages(2, (page) => store().listConnections(org.id, page, null));
      expect(sizes).toEqual([2, 1]);
      expect(items.map((c) => c.id)).toEqual(made.map((c) => c.id));
      const soon = await store().listConnections(org.id, { limit: 10, after: null }, at(1000));
      expect(soon.items.map((c) => c.id)).toEqual([made[1]?.id]);
    });

    it('changes what it is asked to and nothing else, and answers null for an unknown connection', async () => {
      const { org } = await seedWorld(store());
      const connection = aConnection(org.id);
      await store().createConnection(connection, auditOf('connection.created'));
      const check = { at: at(5), outcome: 'refused' as const, status: 401 };
      const updated = await store().updateConnection(
        connection.id,
        { name: 'Renamed', lastCheck: check },
        at(5),
        auditOf('connection.updated'),
      );
      expect(updated).toEqual({ ...connection, name: 'Renamed', lastCheck: check, updatedAt: at(5) });
      expect(
        await store().updateConnection(nthId('con', 9), { name: 'x' }, at(6), auditOf('connection.updated')),
      ).toBeNull();
    });

    it('deletes a connection once', async () => {
      const { org } = await seedWorld(store());
      const connection = aConnection(org.id);
      await store().createConnection(connection, auditOf('connection.created'));
      expect(await store().deleteConnection(connection.id, auditOf('connection.deleted'))).toBe(true);
      expect(await store().deleteConnection(connection.id, auditOf('connection.deleted'))).toBe(false);
      expect(await store().findConnection(connection.id)).toBeNull();
    });

    it('goes with its organization', async () => {
      const { org } = await seedWorld(store());
      const connection = aConnection(org.id);
      await store().createConnection(connection, auditOf('connection.created'));
      await store().deleteOrganization(org.id, at(9), auditOf('org.deleted'));
      expect(await store().findConnection(connection.id)).toBeNull();
    });

    it('walks sealed secrets for a rewrap, reseals only what is still exactly as read, and counts by key', async () => {
      const { org } = await seedWorld(store());
      const made = [0, 1, 2].map((n) =>
        aConnection(org.id, { id: nthId('con', n), masterKeyId: n === 2 ? 'mk_two' : 'mk_one' }),
      );
      for (const connection of made)
        await store().createConnection(connection, auditOf('connection.created'));
      const first = await store().listSealed(null, 2);
      expect(first.map((r) => r.id)).toEqual([made[0]?.id, made[1]?.id]);
      expect(await store().listSealed(first[1]?.id ?? null, 2)).toEqual([
        { id: made[2]?.id, orgId: org.id, sealed: made[2]?.sealed, masterKeyId: 'mk_two' },
      ]);
      expect(await store().countByMasterKey()).toEqual(
        new Map([
          ['mk_one', 2],
          ['mk_two', 1],
        ]),
      );
      const id = made[0]?.id as string;
      expect(await store().reseal(id, 'resealed', 'mk_two', made[0]?.sealed as string)).toBe(true);
      expect(await store().reseal(id, 'again', 'mk_three', made[0]?.sealed as string)).toBe(false);
      expect(await store().findConnection(id)).toMatchObject({
        sealed: 'resealed',
        masterKeyId: 'mk_two',
      });
      expect(await store().countByMasterKey()).toEqual(
        new Map([
          ['mk_one', 1],
          ['mk_two', 2],
        ]),
      );
    });
  });
}
