import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Driver, Kysely, type LogEvent, SqliteDialect } from 'kysely';
import { GroupCommit } from './group-commit.js';
import { KyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrations/index.js';
import type { Database as Schema } from './schema.js';
import { type Checkpointer, loadSqlite, type SqliteDatabase, startCheckpointer } from './sqlite-driver.js';

import { withStatementCache } from './statement-cache.js';
import type { Store } from './store.js';

/**
 * Opens (creating if needed) a SQLite store in WAL mode and migrates it.
 * `synchronous=NORMAL` in WAL mode keeps every committed transaction across a crash of the process;
 * only a power loss can take the last few, which `KEYWARD_SQLITE_SYNC=full` closes at a cost.
 */
export async function openSqliteStore(
  file: string,
  options: {
    synchronous?: 'normal' | 'full';
    /** Told when the checkpoint worker fails; SQLite's own checkpoint on commit then takes over. */
    onCheckpointError?: (message: string) => void;
    /** How often the worker checkpoints; 1 s unless a test needs otherwise. */
    checkpointIntervalMs?: number;
    /** Told of each statement run (or failed), transaction control included, and its duration: for the metrics. */
    onQuery?: (event: LogEvent) => void;
  } = {},
): Promise<Store> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const Database = loadSqlite();
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Kysely calls `log` once per statement run (or failed), with the duration it times whenever a hook is
  // set: the metrics count and bucket it (src/store-metrics.ts).
  const db = new Kysely<Schema>({
    dialect: new RollbackOnlyOpen({ database: withStatementCache(sqlite) }, sqlite),
    ...(options.onQuery ? { log: options.onQuery } : {}),
  });
  await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  if (file !== ':memory:') restrictToOwner(file);
  const checkpointer = file === ':memory:' ? null : moveCheckpointsOffThread(sqlite, file, options);
  // Key creations, the one write that arrives by the thousand, share transactions (see GroupCommit).
  const creations = new GroupCommit(db);
  return new KyselyStore(db, {
    // One writer at a time already: SQLite serializes every write transaction.
    lockAuditChain: async () => {},
    lockOrganization: async () => {},
    isUniqueViolation: (error) =>
      error instanceof Error && (error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT') === true,
    creating: (work) => creations.run(work),
    // One process owns the file: whoever is in it already heard (Store.subscribe).
    publish: async () => {},
    destroy: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  });
}

/**
 * SQLite ends a transaction itself when a write fails for want of space or memory (SQLITE_FULL,
 * SQLITE_NOMEM, some I/O errors); Kysely's `rollback` after it would fail with "no transaction is
 * active" and hide the error that explains the failure. This dialect rolls back only an open one.
 */
class RollbackOnlyOpen extends SqliteDialect {
  readonly #sqlite: SqliteDatabase;

  constructor(config: ConstructorParameters<typeof SqliteDialect>[0], sqlite: SqliteDatabase) {
    super(config);
    this.#sqlite = sqlite;
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.#sqlite.inTransaction) await rollback(connection);
    };
    return driver;
  }
}

/** Checkpoints on a worker thread (see `startCheckpointer`), or on commit again if the worker fails. */
function moveCheckpointsOffThread(
  sqlite: SqliteDatabase,
  file: string,
  options: { onCheckpointError?: (message: string) => void; checkpointIntervalMs?: number },
): Checkpointer {
  sqlite.pragma('wal_autocheckpoint = 0');
  return startCheckpointer(file, options.checkpointIntervalMs ?? 1000, (message) => {
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
    options.onCheckpointError?.(message);
  });
}

/** The database holds password hashes and key digests: owner-only, whatever the umask was. */
function restrictToOwner(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}
