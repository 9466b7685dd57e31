import type { Kysely } from 'kysely';

/**
 * Connections: the third-party credentials an organization holds (PRODUCT.md §8). The non-secret
 * fields are kept as they are; the secret ones only sealed by the vault (src/vault/), with the id of
 * the master key that wrapped their data key, so that a rotation can find what it has left to rewrap.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('master_key_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('last_checked_at', 'text')
    .addColumn('last_check_status', 'integer')
    .addColumn('last_check_outcome', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('connections_org').on('connections').columns(['org_id', 'id']).execute();
  await db.schema
    .createIndex('connections_master_key')
    .on('connections')
    .columns(['master_key_id', 'id'])
    .execute();
}
