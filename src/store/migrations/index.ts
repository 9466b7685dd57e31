import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as initial from './001-initial.js';
import * as authority from './002-authority.js';
import * as cluster from './003-cluster.js';
import * as connections from './004-connections.js';

type Step = { up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> };

/** Every migration, in order. A new one is a new file and one more line here; old ones never change. */
const STEPS: Record<string, Step> = {
  '001-initial': initial,
  '002-authority': authority,
  '003-cluster': cluster,
  '004-connections': connections,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: 'sqlite' | 'postgres') {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, step] of Object.entries(STEPS)) {
      out[name] = { up: (db) => step.up(db, this.dialect) };
    }
    return out;
  }
}

/**
 * Brings the schema up to date; throws with the failing migration's name if one fails. On PostgreSQL,
 * `schema` names the schema Keyward's tables live in: Kysely looks for its bookkeeping tables by name
 * in every schema unless told which.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: 'sqlite' | 'postgres',
  schema?: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(dialect),
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`);
  }
}
