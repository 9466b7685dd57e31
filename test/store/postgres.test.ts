import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/store/audit-chain.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { freshSchema, postgresOrSkip } from '../support/postgres.js';
import { describeStore } from './store-suite.js';
import { allAudit, NO_FILTER } from './suite/context.js';
import { auditOf } from './suite/fixtures.js';

const run = await postgresOrSkip('the store conformance suite on PostgreSQL');

describe.runIf(run)('postgres', () => {
  describeStore('postgres', async () => {
    const store = await openPostgresStore(await freshSchema(), { poolSize: 4 });
    return { store, cleanup: () => store.close() };
  });

  describe('postgres store: the database', () => {
    it('migrates once when several processes open an empty schema at the same moment', async () => {
      const url = await freshSchema();
      const stores = await Promise.all([1, 2, 3, 4].map(() => openPostgresStore(url, { poolSize: 2 })));
      try {
        for (const store of stores) expect(await store.ping()).toBe(true);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });

    it('keeps the whole log and each organization a single chain when processes append at once', async () => {
      const url = await freshSchema();
      const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(url, { poolSize: 3 })));
      try {
        await Promise.all(
          stores.flatMap((store, s) =>
            Array.from({ length: 20 }, (_, n) =>
              store.appendAudit([
                auditOf('burst', { orgId: `org_${n % 2}`, details: { s, n } }),
                auditOf('burst', { orgId: n % 3 ? 'org_0' : null }),
              ]),
            ),
          ),
        );
        const [one] = stores as [(typeof stores)[0]];
        expect(await verifyChain(one.exportAudit(NO_FILTER))).toEqual({ ok: true, count: 120 });
        const orgs = await Promise.all(
          ['org_0', 'org_1'].map((id) =>
            verifyChain(one.exportAudit({ ...NO_FILTER, orgIds: [id] }), 'organization'),
          ),
        );
        expect(orgs).toEqual([
          { ok: true, count: 30 + 3 * 13 },
          { ok: true, count: 30 },
        ]);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });

    it("chains each organization's entries of an earlier Keyward's log, as it chains new ones", async () => {
      const url = await freshSchema();
      const first = await openPostgresStore(url);
      await first.appendAudit([
        auditOf('a.1', { orgId: 'org_a', details: { nested: { deep: 'é' } } }),
        auditOf('none'),
        auditOf('a.2', { orgId: 'org_a' }),
      ]);
      const chained = await allAudit(first);
      await first.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('alter table audit_log drop column org_prev_hash, drop column org_hash');
        await client.query("delete from kysely_migration where name = '007-org-audit-chains'");
      } finally {
        await client.end();
      }
      const second = await openPostgresStore(url);
      try {
        expect(await allAudit(second)).toEqual(chained);
        await second.appendAudit([auditOf('a.3', { orgId: 'org_a' })]);
        const orgA = second.exportAudit({ ...NO_FILTER, orgIds: ['org_a'] });
        expect(await verifyChain(orgA, 'organization')).toEqual({ ok: true, count: 3 });
      } finally {
        await second.close();
      }
    });
  });
});
