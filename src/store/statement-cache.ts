import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';
import type { SqliteDatabase } from './sqlite-driver.js';

type Statement = ReturnType<SqliteDatabase['prepare']>;

/**
 * The connection as Kysely sees it, with each statement prepared once. Kysely's SQLite driver prepares
 * every statement it runs, and preparing cost more than running: 15% of a key creation against 26% for
 * all the SQLite work itself. Kysely compiles a query to the same SQL each time, so a few hundred
 * statements cover every query Keyward makes; past `max`, the least recently used is dropped.
 * A statement still iterating (a streamed export) is busy, and a second use gets its own.
 */
export function withStatementCache(db: SqliteDatabase, max = 500): KyselySqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => {
      statements.clear();
      db.close();
    },
    prepare(sql) {
      const cached = statements.get(sql);
      if (cached !== undefined) {
        if (cached.busy) return db.prepare(sql);
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = db.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > max) statements.delete(statements.keys().next().value as string);
      return statement;
    },
  };
}
