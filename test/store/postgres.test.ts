import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres.js';
import { freshSchema, postgresOrSkip } from '../support/postgres.js';
import { describeStore } from './store-suite.js';

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
  });
});
