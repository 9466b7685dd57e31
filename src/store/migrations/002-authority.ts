import { type Kysely, sql } from 'kysely';

/**
 * What the authority rule of PRODUCT.md §4a needs a key to remember: whether it carries cluster-wide
 * power, the key that replaced it, the rotation lineage its budget belongs to, who disabled it, and the
 * key that made it (whose revocation revokes it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    .addColumn('cluster', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('api_keys').addColumn('successor_id', 'text').execute();
  await db.schema.alterTable('api_keys').addColumn('budget_id', 'text').execute();
  await db.schema.alterTable('api_keys').addColumn('disabled_by', 'text').execute();
  await db.schema.alterTable('api_keys').addColumn('made_by_key', 'text').execute();
  await sql`update api_keys set budget_id = id`.execute(db);
  // Keys stored before this rule carry cluster power only when their owner made them, as a cluster
  // admin, unscoped and with the role admin. Disablements of unknown origin count as an admin's.
  await sql`
    update api_keys set cluster = 1
    where created_by = owner_id and role = 'admin' and scopes is null
      and owner_id in (select id from users where cluster_admin = 1)`.execute(db);
  await sql`update api_keys set disabled_by = 'admin' where enabled = 0`.execute(db);
  await db.schema.createIndex('api_keys_budget').on('api_keys').column('budget_id').execute();
  await db.schema.createIndex('api_keys_made_by').on('api_keys').column('made_by_key').execute();
}
