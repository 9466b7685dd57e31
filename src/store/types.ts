import type { Role } from '../keys/permissions.js';
import type { Json } from '../keys/types.js';

// The key types are the core's (src/keys/types.ts); the store keeps them, and its callers find them here.
export type { ApiKey, Json, KeyEntry, OwnerState, Quota, Rank, RateLimit, StoredKey } from '../keys/types.js';

export interface User {
  id: string;
  username: string;
  clusterAdmin: boolean;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UserCredentials extends User {
  passwordHash: string;
}

export interface Organization {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: string;
  updatedAt: string;
}

export interface Member {
  orgId: string;
  userId: string;
  username: string;
  role: Role;
  createdAt: string;
}

export interface ServiceUser {
  id: string;
  orgId: string;
  name: string;
  description: string | null;
  role: Role;
  expiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RefreshToken {
  id: string;
  userId: string;
  familyId: string;
  hash: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
}

export interface AuditInput {
  action: string;
  actorId: string | null;
  orgId: string | null;
  targetId: string | null;
  requestId: string | null;
  ip: string | null;
  outcome: 'success' | 'failure';
  details: { [key: string]: Json } | null;
}

export interface AuditEntry extends AuditInput {
  seq: number;
  id: string;
  at: string;
  prevHash: string;
  hash: string;
  /** The link and hash in the chain of the entry's organization (src/audit-chain.ts); null without one. */
  orgPrevHash: string | null;
  orgHash: string | null;
}

export interface Page {
  limit: number;
  /** The sort key of the last item on the previous page. */
  after: string | null;
}

export interface PageOf<T> {
  items: T[];
  /** The sort key to pass as `after` for the next page; null on the last page. */
  next: string | null;
}

export interface AuditFilter {
  orgIds: string[] | null;
  action: string | null;
  actorId: string | null;
  targetId: string | null;
  since: string | null;
  until: string | null;
}

/** A third-party credential an organization holds, as the API shows it: never its secrets. */
/**
 * How a check of a connection's credential against its provider ended: `passed` (a 2xx answer), `refused`
 * (any other answer; `status` says which), `unreachable` (no answer: DNS, connection, TLS, timeout), or
 * `forbidden` (the provider's address is one this cluster does not let Keyward reach).
 */
export type CheckOutcome = 'passed' | 'refused' | 'unreachable' | 'forbidden';

export interface ConnectionCheck {
  at: string;
  outcome: CheckOutcome;
  /** The provider's HTTP status, when it answered. */
  status: number | null;
}

export interface Connection {
  id: string;
  orgId: string;
  provider: string;
  name: string;
  /** The provider's non-secret fields (Nango's `connection_config`), such as `hostname`. */
  config: Record<string, string>;
  expiresAt: string | null;
  /** The last check against the provider: when, whether it passed, and the status it answered. */
  lastCheck: ConnectionCheck | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
}

/** A connection as stored: its secret fields sealed by the vault, and the master key that wrapped them. */
export interface StoredConnection extends Connection {
  sealed: string;
  masterKeyId: string;
}

/** What a rotation of the master key reads of each connection. */
export interface SealedRecord {
  id: string;
  orgId: string;
  sealed: string;
  masterKeyId: string;
}

/**
 * A link to connect one provider, for someone without a Keyward account (PRODUCT.md §9). Only the
 * digest of its token is stored. It ends when used, at `expiresAt`, after too many refused credentials,
 * or when deleted; its maker must still hold `connections:write` in the organization when it is used.
 */
export interface ConnectSession {
  id: string;
  orgId: string;
  /** The providers the link may connect, in the order the form offers them. */
  providers: string[];
  /** The name the connection takes; null for the provider's own. */
  connectionName: string | null;
  createdBy: string;
  /** The key it was made with; null when made with an access token. */
  madeByKey: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  connectionId: string | null;
  /** Credentials the provider refused through this link. */
  refusals: number;
}

export interface StoredConnectSession extends ConnectSession {
  tokenHash: string;
}
