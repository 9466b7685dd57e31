import type { Selectable } from 'kysely';
import type { KeyEventType } from '../events.js';
import type { Database } from '../schema.js';
import type { Page, PageOf, SealedRecord } from '../types.js';
import type { Db } from './db.js';
import { pageOf } from './page.js';

/** An organization's endpoint for key events, its signing secret sealed by the vault. */
export interface StoredWebhook {
  id: string;
  orgId: string;
  url: string;
  description: string | null;
  /** The event types it receives; null for every type. */
  events: KeyEventType[] | null;
  enabled: boolean;
  /** `{secret}`, sealed by the vault under `masterKeyId`, bound to the organization and the webhook's id. */
  sealed: string;
  masterKeyId: string;
  createdBy: string;
  madeByKey: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What a webhook's change may touch: everything but its id, organization and creation. */
export type WebhookPatch = Partial<
  Pick<StoredWebhook, 'url' | 'description' | 'events' | 'enabled' | 'sealed' | 'masterKeyId'>
>;

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event to one webhook, and what its attempts so far came to. */
export interface WebhookDelivery {
  id: string;
  webhookId: string;
  orgId: string;
  eventSeq: number;
  eventType: KeyEventType;
  /** The JSON body every attempt sends, byte for byte. */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** How an attempt ended: sent, to be tried again at `nextAttemptAt`, or given up after the last attempt. */
export type DeliveryOutcome =
  | { status: 'delivered'; at: string; httpStatus: number }
  | { status: 'pending'; nextAttemptAt: string; httpStatus: number | null; error: string | null }
  | { status: 'failed'; httpStatus: number | null; error: string | null };

const toWebhook = (row: Selectable<Database['webhooks']>): StoredWebhook => ({
  id: row.id,
  orgId: row.org_id,
  url: row.url,
  description: row.description,
  events: row.events === null ? null : (JSON.parse(row.events) as KeyEventType[]),
  enabled: row.enabled === 1,
  sealed: row.secret_sealed,
  masterKeyId: row.master_key_id,
  createdBy: row.created_by,
  madeByKey: row.made_by_key,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toDelivery = (row: Selectable<Database['webhook_deliveries']>): WebhookDelivery => ({
  id: row.id,
  webhookId: row.webhook_id,
  orgId: row.org_id,
  // A bigint column: PostgreSQL's driver answers it as a string.
  eventSeq: Number(row.event_seq),
  eventType: row.event_type as KeyEventType,
  payload: row.payload,
  status: row.status as DeliveryStatus,
  attempts: Number(row.attempts),
  nextAttemptAt: row.next_attempt_at,
  lastStatus: row.last_status,
  lastError: row.last_error,
  createdAt: row.created_at,
  deliveredAt: row.delivered_at,
});

const eventsColumn = (events: readonly KeyEventType[] | null) =>
  events === null ? null : JSON.stringify(events);

export async function insertWebhook(db: Db, hook: StoredWebhook): Promise<void> {
  await db
    .insertInto('webhooks')
    .values({
      id: hook.id,
      org_id: hook.orgId,
      url: hook.url,
      description: hook.description,
      events: eventsColumn(hook.events),
      enabled: hook.enabled ? 1 : 0,
      secret_sealed: hook.sealed,
      master_key_id: hook.masterKeyId,
      created_by: hook.createdBy,
      made_by_key: hook.madeByKey,
      created_at: hook.createdAt,
      updated_at: hook.updatedAt,
    })
    .execute();
}

export async function selectWebhook(db: Db, id: string): Promise<StoredWebhook | null> {
  const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toWebhook(row) : null;
}

/** One organization's webhooks in id order. */
export async function selectWebhooks(db: Db, orgId: string, page: Page): Promise<PageOf<StoredWebhook>> {
  let q = db.selectFrom('webhooks').selectAll().where('org_id', '=', orgId).orderBy('id');
  if (page.after) q = q.where('id', '>', page.after);
  const rows = await q.limit(page.limit + 1).execute();
  return pageOf(rows.map(toWebhook), page, (hook) => hook.id);
}

export async function patchWebhook(
  db: Db,
  id: string,
  patch: WebhookPatch,
  at: string,
): Promise<StoredWebhook | null> {
  const row = await db
    .updateTable('webhooks')
    .set({
      updated_at: at,
      ...(patch.url === undefined ? {} : { url: patch.url }),
      ...(patch.description === undefined ? {} : { description: patch.description }),
      ...(patch.events === undefined ? {} : { events: eventsColumn(patch.events) }),
      ...(patch.enabled === undefined ? {} : { enabled: patch.enabled ? 1 : 0 }),
      ...(patch.sealed === undefined ? {} : { secret_sealed: patch.sealed }),
      ...(patch.masterKeyId === undefined ? {} : { master_key_id: patch.masterKeyId }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toWebhook(row) : null;
}

/** Deletes a webhook; its deliveries go with it (the foreign key cascades). */
export async function deleteWebhook(db: Db, id: string): Promise<boolean> {
  await db.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute();
  const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A webhook's deliveries, newest first (ids sort by creation time). */
export async function selectDeliveries(
  db: Db,
  webhookId: string,
  page: Page,
): Promise<PageOf<WebhookDelivery>> {
  let q = db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_id', '=', webhookId)
    .orderBy('id', 'desc');
  if (page.after) q = q.where('id', '<', page.after);
  const rows = await q.limit(page.limit + 1).execute();
  return pageOf(rows.map(toDelivery), page, (delivery) => delivery.id);
}

/**
 * Locks up to `limit` pending deliveries that are due at `now` and not locked by another dispatcher, of
 * enabled webhooks, until `now + lockMs`, and answers them. One statement: the outer `where` repeats
 * what made a row due, so that on PostgreSQL a row another process claimed meanwhile is read again after
 * its lock and left out, and no delivery is sent by two processes at once. SQLite runs one writer.
 */
export async function claimDeliveries(
  db: Db,
  now: string,
  limit: number,
  lockMs: number,
): Promise<WebhookDelivery[]> {
  const until = new Date(Date.parse(now) + lockMs).toISOString();
  const rows = await db
    .updateTable('webhook_deliveries')
    .set({ locked_until: until })
    .where((eb) =>
      eb(
        'id',
        'in',
        eb
          .selectFrom('webhook_deliveries as due')
          .select('due.id')
          .where('due.status', '=', 'pending')
          .where('due.next_attempt_at', '<=', now)
          .where((inner) =>
            inner.or([inner('due.locked_until', 'is', null), inner('due.locked_until', '<=', now)]),
          )
          .where(
            'due.webhook_id',
            'in',
            eb.selectFrom('webhooks').select('webhooks.id').where('webhooks.enabled', '=', 1),
          )
          .orderBy('due.next_attempt_at')
          .limit(limit),
      ),
    )
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returningAll()
    .execute();
  return rows.map(toDelivery);
}

/** Records one attempt's outcome and releases the delivery's lock. */
export async function recordDeliveryAttempt(db: Db, id: string, outcome: DeliveryOutcome): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      status: outcome.status,
      locked_until: null,
      last_status: outcome.httpStatus,
      last_error: outcome.status === 'delivered' ? null : outcome.error,
      next_attempt_at: outcome.status === 'pending' ? outcome.nextAttemptAt : null,
      delivered_at: outcome.status === 'delivered' ? outcome.at : null,
    }))
    .where('id', '=', id)
    .execute();
}

/** Every webhook's sealed secret, in id order, a page at a time: what a rewrap of the master key walks. */
export async function selectSealedWebhooks(
  db: Db,
  after: string | null,
  limit: number,
): Promise<SealedRecord[]> {
  let q = db
    .selectFrom('webhooks')
    .select(['id', 'org_id', 'secret_sealed', 'master_key_id'])
    .orderBy('id')
    .limit(limit);
  if (after !== null) q = q.where('id', '>', after);
  return (await q.execute()).map((row) => ({
    id: row.id,
    orgId: row.org_id,
    sealed: row.secret_sealed,
    masterKeyId: row.master_key_id,
  }));
}

/** Replaces a webhook's sealed secret only while it is exactly `previous` (a rewrap racing a roll loses nothing). */
export async function resealWebhook(
  db: Db,
  id: string,
  sealed: string,
  masterKeyId: string,
  previous: string,
): Promise<boolean> {
  const result = await db
    .updateTable('webhooks')
    .set({ secret_sealed: sealed, master_key_id: masterKeyId })
    .where('id', '=', id)
    .where('secret_sealed', '=', previous)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** How many webhook secrets each master key still wraps. */
export async function countWebhooksByMasterKey(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('webhooks')
    .select((eb) => ['master_key_id', eb.fn.countAll<number>().as('count')])
    .groupBy('master_key_id')
    .execute();
  return new Map(rows.map((row) => [row.master_key_id, Number(row.count)]));
}
