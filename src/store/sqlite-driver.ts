import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * better-sqlite3 for the running Node. Version 12 is the last that runs on Node 20, but on Node 24.19+
 * its Statement destructor aborts the process during garbage collection (nodejs/node#65446). Version 13,
 * built on Node-API, runs on Node 22+ and crashes on 20. Both are installed, 13 under the alias
 * `better-sqlite3-napi`, and the one that works here is loaded. Their APIs are the same.
 */
export function loadSqlite(): typeof BetterSqlite3 {
  const major = Number(process.versions.node.split('.')[0]);
  const name = major >= 22 ? 'better-sqlite3-napi' : 'better-sqlite3';
  return createRequire(import.meta.url)(name) as typeof BetterSqlite3;
}

/** A connection, as either version opens it. */
export type SqliteDatabase = BetterSqlite3.Database;
