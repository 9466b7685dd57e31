import { join } from 'node:path';
import pg from 'pg';
import { loadSqlite } from '../../../src/store/sqlite-driver.js';
import type { TestApp } from '../../support/app.js';
import type { HttpsServer } from '../../support/https-server.js';
import { schemaUrlOf } from '../../support/postgres.js';

export type Snapshot = Record<string, string[]>;

/**
 * The entry of a snapshot that counts what the fake provider received: a refused request must not reach
 * it, not even as a connection.
 */
export const PROVIDER = '(the fake provider)';

/** The provider a world's connections point at, as far as a snapshot looks at it. */
export type Outside = Pick<HttpsServer, 'requests' | 'connections'>;

export interface Snapshots {
  /**
   * Every row of every table of the app's store, the migration tables included (and on SQLite its own
   * bookkeeping), and under {@link PROVIDER} how many connections and requests the fake provider has
   * received. With `ignoreAuthFailures`, the `auth.failed` audit rows a request with bad credentials
   * rightly appends are left out, and so is SQLite's audit counter in `sqlite_sequence`, which only
   * those rows move.
   */
  take(options?: { ignoreAuthFailures?: boolean }): Promise<Snapshot>;
  close(): Promise<void>;
}

/**
 * Opens the test app's store beside the app's own connection: its SQLite file read-only, or its schema.
 * With a provider, each snapshot also counts what that provider received.
 */
export function openSnapshots(t: TestApp, provider?: Outside): Snapshots {
  const url = schemaUrlOf(t.store);
  const store = url ? postgresSnapshots(url) : sqliteSnapshots(t.dir);
  if (!provider) return store;
  return {
    async take(options) {
      const snapshot = await store.take(options);
      snapshot[PROVIDER] = [`${provider.connections()} connections`, `${provider.requests.length} requests`];
      return snapshot;
    },
    close: () => store.close(),
  };
}

function keep(table: string, rows: Record<string, unknown>[], ignoreAuthFailures: boolean): string[] {
  let kept = rows;
  if (ignoreAuthFailures && table === 'audit_log') kept = kept.filter((r) => r.action !== 'auth.failed');
  if (ignoreAuthFailures && table === 'sqlite_sequence') kept = kept.filter((r) => r.name !== 'audit_log');
  return kept.map((row) => JSON.stringify(row)).sort();
}

function sqliteSnapshots(dir: string): Snapshots {
  const Sqlite = loadSqlite();
  const db = new Sqlite(join(dir, 'keyward.db'), { readonly: true, fileMustExist: true });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck();
  return {
    async take({ ignoreAuthFailures = false } = {}) {
      const snapshot: Snapshot = {};
      for (const table of tables.all() as string[]) {
        const rows = db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
        snapshot[table] = keep(table, rows, ignoreAuthFailures);
      }
      return snapshot;
    },
    close: async () => {
      db.close();
    },
  };
}

function postgresSnapshots(url: string): Snapshots {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  return {
    async take({ ignoreAuthFailures = false } = {}) {
      await connected;
      const tables = await client.query<{ name: string }>(
        'select table_name as name from information_schema.tables where table_schema = current_schema() order by 1',
      );
      const snapshot: Snapshot = {};
      for (const { name } of tables.rows) {
        const rows = await client.query(`select * from "${name}"`);
        snapshot[name] = keep(name, rows.rows, ignoreAuthFailures);
      }
      return snapshot;
    },
    close: async () => {
      await connected;
      await client.end();
    },
  };
}
