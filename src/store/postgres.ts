import { randomBytes } from 'node:crypto';
import { Kysely, type LogEvent, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { StoreEvent } from './events.js';
import { KyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrations/index.js';
import { ChangeFeed, publishEvents } from './postgres-feed.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

/** Any constant, the same in every process: the lock two processes starting at once migrate under. */
const MIGRATION_LOCK = 73_730_001;
/** Serializes appends to the audit chain, whose head each transaction reads and extends. */
const AUDIT_CHAIN_LOCK = 73_730_002;

// PostgreSQL's bigint (int8) arrives as a string by default. Keyward's bigints (the audit sequence,
// rate-limit windows in ms) stay far below 2^53, so they are read as numbers, in this one place.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface PostgresOptions {
  /** Told of each statement run (or failed), transaction control included, and its duration: for the metrics. */
  onQuery?: (event: LogEvent) => void;
  /** Connections in the pool of this process. */
  poolSize?: number;
  /** Told when the change feed from other processes is lost or back, for the log. */
  onFeedState?: (state: 'lost' | 'restored', error?: unknown) => void;
}

/** Migrates the connection's schema under an advisory lock, and answers its name. */
async function migrate(db: Kysely<Database>): Promise<string> {
  return db.connection().execute(async (connection) => {
    const current = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
      connection,
    );
    const schema = current.rows[0]?.schema;
    if (!schema) throw new Error('the connection has no schema to work in: check its search_path');
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(connection);
    try {
      await migrateToLatest(connection as Kysely<unknown>, 'postgres', schema);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(connection);
    }
    return schema;
  });
}

/**
 * Opens a PostgreSQL store, migrating it under an advisory lock so that processes starting at once
 * migrate once. Every committed change is announced to this process at once and to every other process
 * on the same database and schema through NOTIFY, which PostgreSQL delivers at commit (ChangeFeed).
 *
 * @example const store = await openPostgresStore('postgres://keyward@db.internal/keyward');
 */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // A connection that dies (a restart, a terminated backend) must not take the process down: while idle,
  // the pool hears of it; while checked out between two statements (inside a transaction), pg-pool has
  // taken its own listener off, and an 'error' event nobody listens to would end the process. The
  // statement waiting on such a connection fails with the error, and the pool drops it on release.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...(options.onQuery ? { log: options.onQuery } : {}),
  });
  let schema: string;
  try {
    schema = await migrate(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  // One channel per schema: processes share a channel exactly when they share the tables.
  const channel = `keyward_${schema}`.slice(0, 63);
  const origin = randomBytes(9).toString('base64url');
  let store: KyselyStore | null = null;
  const feed = new ChangeFeed(url, channel, origin, (events) => store?.hear(events), options.onFeedState);
  store = new KyselyStore(db, {
    lockAuditChain: async (trx) => {
      await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
    },
    lockOrganization: async (trx, orgId) => {
      await trx.selectFrom('organizations').select('id').where('id', '=', orgId).forUpdate().execute();
    },
    isUniqueViolation: (error) => (error as { code?: string } | null)?.code === '23505',
    // PostgreSQL commits concurrent transactions side by side: each creation commits on its own.
    creating: (work) => db.transaction().execute(work),
    publish: (trx: Transaction<Database>, events: readonly StoreEvent[]) =>
      publishEvents(trx, channel, origin, events),
    destroy: async () => {
      await feed.stop();
      await db.destroy();
    },
  });
  try {
    await feed.start();
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return store;
}
