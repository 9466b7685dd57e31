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
  | { type: 'feed.restored' };

export type StoreListener = (events: readonly StoreEvent[]) => void;
