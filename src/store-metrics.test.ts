import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from './store/sqlite.js';
import { StoreQueryMetrics } from './store-metrics.js';

describe('StoreQueryMetrics', () => {
  it('times every statement of a real store under one operation of a closed set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyward-store-metrics-'));
    const queries = new StoreQueryMetrics('sqlite');
    const store = await openSqliteStore(join(dir, 'keyward.db'), { onQuery: queries.observe });
    try {
      await store.listKeyPrefixes();
      await store.touchKeys(new Map([['key_00000000000000000000ab', new Date().toISOString()]]));
      const registry = new Registry();
      for (const metric of queries.metrics()) registry.registerMetric(metric);
      const text = await registry.metrics();
      const count = (operation: string) =>
        Number(
          new RegExp(
            `^keyward_store_query_duration_seconds_count\\{store="sqlite",operation="${operation}"\\} (\\d+)$`,
            'm',
          ).exec(text)?.[1],
        );
      // The migrations and the two calls: reads, writes, and the transactions around them.
      expect(count('read')).toBeGreaterThan(0);
      expect(count('write')).toBeGreaterThan(0);
      expect(count('transaction')).toBeGreaterThan(0);
      const operations = ['read', 'write', 'transaction', 'other'];
      expect(operations.reduce((sum, operation) => sum + count(operation), 0)).toBe(queries.total);
      expect(text).toMatch(/^keyward_store_query_failures_total\{store="sqlite",operation="read"\} 0$/m);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
