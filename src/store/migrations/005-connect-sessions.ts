import type { Kysely } from 'kysely';

/**
 * Connect sessions: a link an organization admin hands to someone without a Keyward account, who uses it
 * once to connect one of the named providers (Nango's model). Only the token's digest is kept. A session
 * ends when it is used, when it expires, after too many credentials the provider refused, or when its
 * maker deletes it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connect_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('providers', 'text', (c) => c.notNull())
    .addColumn('connection_name', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('made_by_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('connection_id', 'text')
    .addColumn('refusals', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('connect_sessions_org')
    .on('connect_sessions')
    .columns(['org_id', 'id'])
    .execute();
}
