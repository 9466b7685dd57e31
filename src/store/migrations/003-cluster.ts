import { type Kysely, sql } from 'kysely';

/**
 * What several processes on one database share: secrets every process must hold alike (the signing
 * key of access tokens), the rate-limit windows of keys, and their quotas' counts in columns of their
 * own, so that one statement can spend a unit exactly however many processes spend at once
 * (PRODUCT.md §7). A key's `quota` keeps its settings (the refill).
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('rate_windows')
    .addColumn('budget_id', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('api_keys').addColumn('quota_remaining', 'integer').execute();
  await db.schema.alterTable('api_keys').addColumn('quota_refilled_at', 'text').execute();
  await (dialect === 'postgres'
    ? sql`update api_keys set quota_remaining = (quota::jsonb->>'remaining')::integer,
            quota_refilled_at = quota::jsonb->>'refilledAt' where quota is not null`
    : sql`update api_keys set quota_remaining = json_extract(quota, '$.remaining'),
            quota_refilled_at = json_extract(quota, '$.refilledAt') where quota is not null`
  ).execute(db);
}
