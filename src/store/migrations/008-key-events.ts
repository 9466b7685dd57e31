import { type Kysely, sql } from 'kysely';

/**
 * The key-event log, and the webhooks that deliver it.
 *
 * `key_events` records, in the transaction that made it, each change after which an earlier answer of
 * verify may no longer hold (src/store/events.ts). It is what `GET /v1/events` resumes from
 * (`Last-Event-ID` is its `seq`) and what webhook deliveries point at; old entries are pruned.
 *
 * `webhooks` are an organization's endpoints, each with its signing secret sealed by the vault, and
 * `webhook_deliveries` one row per event and endpoint, written in the same transaction as the event, so
 * that no committed event goes undelivered: a dispatcher sends what is due and records every attempt.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('key_events')
    .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text')
    .addColumn('owner_id', 'text')
    .execute();
  await db.schema.createIndex('key_events_org').on('key_events').columns(['org_id', 'seq']).execute();
  await db.schema.createIndex('key_events_at').on('key_events').column('at').execute();
  // A key expires once: whichever process sees it first records it, and the others find it recorded.
  await db.schema
    .createIndex('key_events_expired')
    .on('key_events')
    .column('key_id')
    .unique()
    .where(sql.ref('type'), '=', sql.lit('key.expired'))
    .execute();
  // The expiry sweep reads the keys whose expiry has just passed.
  await db.schema.createIndex('api_keys_expires').on('api_keys').column('expires_at').execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // A JSON array of event types, or null for every type.
    .addColumn('events', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('master_key_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('made_by_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhooks_org').on('webhooks').columns(['org_id', 'id']).execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('event_seq', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    // The event as delivered, so that a delivery outlives the pruning of the log.
    .addColumn('payload', 'text', (c) => c.notNull())
    // pending, delivered or failed (no attempt left).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due')
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_webhook')
    .on('webhook_deliveries')
    .columns(['webhook_id', 'id'])
    .execute();
}
