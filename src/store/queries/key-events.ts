import { sql } from 'kysely';
import { newId } from '../../keys/ids.js';
import { type KeyEvent, type KeyEventInput, type KeyEventType, keyEventBody } from '../events.js';
import type { Db } from './db.js';

/** Events per page when a stream resumes, and per `in (…)` list. */
const PAGE = 500;

type Row = {
  seq: number | string;
  at: string;
  type: string;
  org_id: string;
  key_id: string | null;
  owner_id: string | null;
};

const toEvent = (row: Row): KeyEvent => ({
  seq: Number(row.seq),
  at: row.at,
  type: row.type as KeyEventType,
  orgId: row.org_id,
  keyId: row.key_id,
  ownerId: row.owner_id,
});

/**
 * Records a change's key events, in its transaction, and a pending delivery of each to every enabled
 * webhook of its organization that asked for its type: the delivery commits with the event or not at all.
 */
export async function insertKeyEvents(
  db: Db,
  inputs: readonly KeyEventInput[],
  at: string,
): Promise<KeyEvent[]> {
  const events: KeyEvent[] = [];
  // A page of rows per statement: a cascade (a user's or an organization's keys) can name thousands.
  for (let start = 0; start < inputs.length; start += PAGE) {
    const rows = await db
      .insertInto('key_events')
      .values(
        inputs.slice(start, start + PAGE).map((input) => ({
          at,
          type: input.type,
          org_id: input.orgId,
          key_id: input.keyId,
          owner_id: input.ownerId,
        })),
      )
      .returningAll()
      .execute();
    events.push(...rows.map(toEvent).sort((a, b) => a.seq - b.seq));
  }
  await queueDeliveries(db, events, at);
  return events;
}

async function queueDeliveries(db: Db, events: readonly KeyEvent[], at: string): Promise<void> {
  const orgIds = [...new Set(events.map((event) => event.orgId))];
  if (orgIds.length === 0) return;
  const hooks = await db
    .selectFrom('webhooks')
    .select(['id', 'org_id', 'events'])
    .where('org_id', 'in', orgIds)
    .where('enabled', '=', 1)
    .execute();
  if (hooks.length === 0) return;
  const wanted = hooks.map((hook) => ({
    ...hook,
    types: hook.events === null ? null : new Set(JSON.parse(hook.events) as string[]),
  }));
  const rows = events.flatMap((event) =>
    wanted
      .filter((hook) => hook.org_id === event.orgId && (hook.types === null || hook.types.has(event.type)))
      .map((hook) => ({
        id: newId('whd'),
        webhook_id: hook.id,
        org_id: event.orgId,
        event_seq: event.seq,
        event_type: event.type,
        payload: JSON.stringify(keyEventBody(event)),
        status: 'pending',
        next_attempt_at: at,
        created_at: at,
      })),
  );
  for (let start = 0; start < rows.length; start += PAGE) {
    await db
      .insertInto('webhook_deliveries')
      .values(rows.slice(start, start + PAGE))
      .execute();
  }
}

/**
 * The events after `after` (and those recorded since `recentSince`, which a transaction that took its
 * number earlier may have committed late), in the given organizations (null: all), in order, a page at
 * a time.
 */
export async function selectKeyEvents(
  db: Db,
  after: number,
  recentSince: string | null,
  orgIds: readonly string[] | null,
  limit = PAGE,
): Promise<KeyEvent[]> {
  let query = db
    .selectFrom('key_events')
    .selectAll()
    .where((eb) =>
      recentSince === null
        ? eb('seq', '>', after)
        : eb.or([eb('seq', '>', after), eb('at', '>=', recentSince)]),
    );
  if (orgIds !== null) query = query.where('org_id', 'in', orgIds.length > 0 ? [...orgIds] : ['']);
  const rows = await query.orderBy('seq').limit(limit).execute();
  return rows.map(toEvent);
}

/** The first and last numbers the log holds (0 and 0 when it is empty). */
export async function selectKeyEventBounds(db: Db): Promise<{ first: number; last: number }> {
  const row = await db
    .selectFrom('key_events')
    .select((eb) => [eb.fn.min('seq').as('first'), eb.fn.max('seq').as('last')])
    .executeTakeFirst();
  return { first: Number(row?.first ?? 0), last: Number(row?.last ?? 0) };
}

/**
 * Records `key.expired` for the live keys whose expiry passed after `since` and by `until`, and
 * `owner.changed` for the service users whose expiry did, a page at a time (`more`: ask again). A key
 * expires once however many processes sweep: the log's unique index on expired keys keeps the first
 * record only.
 */
export async function insertExpiries(
  db: Db,
  since: string,
  until: string,
): Promise<{ events: KeyEvent[]; more: boolean }> {
  const keys = await db
    .selectFrom('api_keys')
    .select(['id', 'org_id', 'owner_id'])
    .where('expires_at', '>', since)
    .where('expires_at', '<=', until)
    .where('revoked_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('key_events')
            .select('seq')
            .where('type', '=', 'key.expired')
            .whereRef('key_events.key_id', '=', 'api_keys.id'),
        ),
      ),
    )
    .limit(PAGE)
    .execute();
  const events: KeyEvent[] = [];
  for (const key of keys) {
    const row = await db
      .insertInto('key_events')
      .values({ at: until, type: 'key.expired', org_id: key.org_id, key_id: key.id, owner_id: key.owner_id })
      .onConflict((conflict) =>
        // The partial index's own predicate, written out: a bound parameter would not match it.
        conflict.column('key_id').where('type', '=', sql.lit('key.expired')).doNothing(),
      )
      .returningAll()
      .executeTakeFirst();
    if (row) events.push(toEvent(row));
  }
  await queueDeliveries(db, events, until);
  const owners = await expiredServiceUsers(db, since, until);
  const ownerEvents = await insertKeyEvents(
    db,
    owners.map((owner) => ({ type: 'owner.changed', orgId: owner.org_id, keyId: null, ownerId: owner.id })),
    until,
  );
  return { events: [...events, ...ownerEvents], more: keys.length === PAGE || owners.length === PAGE };
}

/**
 * Service users whose expiry passed after `since` and by `until`, with no `owner.changed` recorded since:
 * their keys stop working with them. Two processes sweeping at once may both record one, which is
 * harmless: an event only tells a cache what to drop.
 */
function expiredServiceUsers(db: Db, since: string, until: string) {
  return db
    .selectFrom('service_users')
    .select(['id', 'org_id'])
    .where('expires_at', '>', since)
    .where('expires_at', '<=', until)
    .where(({ not, exists, selectFrom, ref }) =>
      not(
        exists(
          selectFrom('key_events')
            .select('seq')
            .where('type', '=', 'owner.changed')
            .whereRef('key_events.owner_id', '=', 'service_users.id')
            .where('key_events.at', '>=', ref('service_users.expires_at')),
        ),
      ),
    )
    .limit(PAGE)
    .execute();
}

/** Forgets the events recorded before `before`; their deliveries keep their own copy. */
export async function deleteKeyEventsBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom('key_events').where('at', '<', before).execute();
}
