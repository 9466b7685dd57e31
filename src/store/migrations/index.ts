import { type Kysely, sql } from 'kysely';
import * as initial from './001-initial.js';
import * as authority from './002-authority.js';
import * as cluster from './003-cluster.js';
import * as connections from './004-connections.js';
import * as connectSessions from './005-connect-sessions.js';
import * as serviceUserNames from './006-service-user-names.js';
import * as orgAuditChains from './007-org-audit-chains.js';
import * as keyEvents from './008-key-events.js';

type Step = { up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> };

/** Every migration, in order. A new one is a new file and one more line here; old ones never change. */
const STEPS: Record<string, Step> = {
  '001-initial': initial,
  '002-authority': authority,
  '003-cluster': cluster,
  '004-connections': connections,
  '005-connect-sessions': connectSessions,
  '006-service-user-names': serviceUserNames,
  '007-org-audit-chains': orgAuditChains,
  '008-key-events': keyEvents,
};

/**
 * Where applied migrations are recorded: the table and columns Kysely's own migrator used, so that a
 * database migrated by an earlier Keyward reads the same.
 */
const LEDGER = 'kysely_migration';

/**
 * Brings the schema up to date, in one transaction: every missing step in order, each recorded in the
 * ledger, or none. Throws with the failing step's name; refuses a database that records a step this
 * Keyward does not know (a newer version migrated it). On PostgreSQL, `schema` is the schema Keyward's
 * tables live in, and the caller holds the lock that makes processes starting at once migrate one at a
 * time.
 *
 * Kysely's Migrator is not used: it looks for its ledger by reading every column of every table in
 * every schema of the database, which fails when another schema is dropped meanwhile and grows with
 * whatever else the database holds.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: 'sqlite' | 'postgres',
  schema?: string,
): Promise<void> {
  const ledger = schema === undefined ? sql.table(LEDGER) : sql.id(schema, LEDGER);
  await db.transaction().execute(async (trx) => {
    await sql`create table if not exists ${ledger} (
      name varchar(255) not null primary key,
      timestamp varchar(255) not null
    )`.execute(trx);
    const recorded = await sql<{ name: string }>`select name from ${ledger}`.execute(trx);
    const applied = new Set(recorded.rows.map((row) => row.name));
    const unknown = [...applied].filter((name) => !Object.hasOwn(STEPS, name));
    if (unknown.length > 0) {
      throw new Error(
        `the database was migrated by a newer Keyward (${unknown.join(', ')}): run that version or newer`,
      );
    }
    for (const [name, step] of Object.entries(STEPS)) {
      if (applied.has(name)) continue;
      try {
        await step.up(trx, dialect);
      } catch (error) {
        throw new Error(`migration ${name} failed: ${String(error)}`);
      }
      await sql`insert into ${ledger} (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(
        trx,
      );
    }
  });
}
