import { join } from 'node:path';
import { loadSqlite } from '../../../src/store/sqlite-driver.js';

export type Snapshot = Record<string, string[]>;

export interface Snapshots {
  /**
   * Every row of every table of the app's SQLite file, SQLite's own bookkeeping and the migration
   * tables included. With `ignoreAuthFailures`, the `auth.failed` audit rows a request with bad
   * credentials rightly appends are left out, and so is the audit counter in `sqlite_sequence`, which
   * only those rows move.
   */
  take(options?: { ignoreAuthFailures?: boolean }): Snapshot;
  close(): void;
}

/** Opens the test app's database file read-only, beside the app's own connection. */
export function openSnapshots(dir: string): Snapshots {
  const Sqlite = loadSqlite();
  const db = new Sqlite(join(dir, 'keyward.db'), { readonly: true, fileMustExist: true });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck();
  return {
    take({ ignoreAuthFailures = false } = {}) {
      const snapshot: Snapshot = {};
      for (const table of tables.all() as string[]) {
        let rows = db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
        if (ignoreAuthFailures && table === 'audit_log')
          rows = rows.filter((r) => r.action !== 'auth.failed');
        if (ignoreAuthFailures && table === 'sqlite_sequence')
          rows = rows.filter((r) => r.name !== 'audit_log');
        snapshot[table] = rows.map((row) => JSON.stringify(row)).sort();
      }
      return snapshot;
    },
    close: () => db.close(),
  };
}
