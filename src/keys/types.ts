import type { Role } from './permissions.js';

/**
 * A key as the core reasons about it. These types are the domain's, not the database's: the store keeps
 * them (src/store/types.ts re-exports them beside its own), and the verify decision reads them.
 */

/** JSON as stored in `meta` and audit details. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** At most `limit` verifications per `duration` milliseconds. */
export interface RateLimit {
  limit: number;
  duration: number;
}

/** A usage budget: `remaining` verifications, topped up to `refill.amount` each day or month. */
export interface Quota {
  remaining: number;
  refill: { interval: 'daily' | 'monthly'; amount: number } | null;
  refilledAt: string | null;
}

export interface ApiKey {
  id: string;
  orgId: string;
  ownerId: string;
  name: string;
  description: string | null;
  meta: { [key: string]: Json } | null;
  role: Role;
  scopes: string[] | null;
  hint: string;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  enabled: boolean;
  revokedAt: string | null;
  ratelimit: RateLimit | null;
  quota: Quota | null;
  /** The key that replaced this one when it was rotated; a key is rotated once. */
  successorId: string | null;
}

/** Who disabled a key: a member on their own key, an organization admin, or a cluster admin. */
export type Rank = 'member' | 'admin' | 'cluster';

/** A key as stored: the record, the SHA-256 digest of the secret, and what only the server reads. */
export interface StoredKey extends ApiKey {
  hash: string;
  /** Carries cluster-wide power: set only on a key a cluster admin made or rotated for themselves. */
  cluster: boolean;
  /**
   * The first key of its rotation lineage: the rate-limit window and quota belong to the lineage, so
   * that a rotation moves the key and not its budget.
   */
  budgetId: string;
  /** The rank of whoever disabled it, which only the same rank or higher may lift; null when enabled. */
  disabledBy: Rank | null;
  /** The key the request that made it authenticated with (null for a token): revoking that revokes this. */
  madeByKeyId: string | null;
}

/** What verification needs to know about a key's owner, read in the same query as the key. */
export interface OwnerState {
  kind: 'user' | 'service';
  /** False when the owner row is gone. */
  exists: boolean;
  disabled: boolean;
  expiresAt: string | null;
  clusterAdmin: boolean;
  /** The owner's role in the key's organization; null when it is no longer a member. */
  orgRole: Role | null;
}

export interface KeyEntry {
  key: StoredKey;
  owner: OwnerState;
}
