/**
 * A committed change, as the store announces it: what a process's caches must forget or learn. The
 * store emits them once the transaction that made the change has committed, and never for one that
 * rolled back; the caches, the key prefixes and the digest filter subscribe (src/verify/invalidation.ts).
 * They carry ids and digests only, never a secret, so that they can cross to other processes.
 */
export type StoreEvent =
  /** A key's record changed: updated, disabled, enabled, revoked, or rotated (the old key). */
  | { type: 'key.changed'; keyId: string }
  /** A key with this digest now exists: created, imported, or a rotation's successor. */
  | { type: 'key.created'; keyId: string; hash: string }
  /** What verification reads of an owner changed: a user or service user, or a membership of theirs. */
  | { type: 'owner.changed'; ownerId: string }
  /** An organization was created (with its key prefix) or deleted. */
  | { type: 'organization.changed'; orgId: string; keyPrefix: string | null }
  /**
   * The changes other processes make can no longer be heard (their feed's connection is down): until it
   * is back, nothing cached may be trusted for long.
   */
  | { type: 'feed.lost' }
  /** The feed is heard again; what it missed meanwhile is unknown, so everything cached must go. */
  | { type: 'feed.restored' }
  /** A key event, as recorded in the key-event log: what `GET /v1/events` streams and webhooks deliver. */
  | { type: 'key.event'; event: KeyEvent };

export type StoreListener = (events: readonly StoreEvent[]) => void;

/**
 * What the key-event log records, and `GET /v1/events` and webhooks tell the services that verify keys:
 * the changes after which a verification answered earlier may no longer hold.
 */
export const KEY_EVENT_TYPES = [
  'key.revoked',
  'key.disabled',
  'key.enabled',
  /** Its name, description, meta or scopes changed. */
  'key.updated',
  /** It was rotated: its expiry moved to the end of the grace period. */
  'key.rotated',
  'key.expired',
  /** Gone with its organization. */
  'key.deleted',
  /** What its owner may do changed: disabled or enabled, a new role, a new expiry (`keyId` is null). */
  'owner.changed',
] as const;
export type KeyEventType = (typeof KEY_EVENT_TYPES)[number];

/** A key event as a change records it, before the log numbers it. */
export interface KeyEventInput {
  type: KeyEventType;
  orgId: string;
  keyId: string | null;
  ownerId: string | null;
}

/** A recorded key event: `seq` orders the whole log and is the stream's event id. Ids only, no secret. */
export interface KeyEvent extends KeyEventInput {
  seq: number;
  at: string;
}

/** A key event as `GET /v1/events` and webhooks send it: the id is the log's `seq`, as a string. */
export interface KeyEventBody {
  id: string;
  type: KeyEventType;
  keyId: string | null;
  ownerId: string | null;
  organizationId: string;
  at: string;
}

export function keyEventBody(event: KeyEvent): KeyEventBody {
  return {
    id: String(event.seq),
    type: event.type,
    keyId: event.keyId,
    ownerId: event.ownerId,
    organizationId: event.orgId,
    at: event.at,
  };
}
