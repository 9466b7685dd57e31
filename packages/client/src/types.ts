/**
 * The records of Keyward's REST API, as `openapi.json` describes them. Timestamps are ISO 8601 strings
 * and ids carry their prefix (`org_`, `usr_`, `svc_`, `key_`).
 */

export type Role = 'admin' | 'member';

/** Every list answers one page and the cursor of the next, or null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

/** Who the credentials authenticate as. A token's rights depend on the organization: its fields are null. */
export interface Me {
  id: string;
  kind: 'user' | 'service';
  name: string;
  clusterAdmin: boolean;
  keyId: string | null;
  organizationId: string | null;
  /** A key's role as it acts now, narrowed by its owner's current role. */
  role: Role | null;
  /** A key's permissions as it acts now, narrowed by its owner's current role. */
  permissions: string[] | null;
  /** When a key expires. */
  expiresAt: string | null;
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

export interface User {
  id: string;
  username: string;
  clusterAdmin: boolean;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The body of `PATCH /v1/users/{userId}`. */
export interface UserChange {
  disabled?: boolean;
  password?: string;
  /** With `password`, to change one's own password: the one it replaces. Refused for anyone else's. */
  currentPassword?: string;
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

export interface ApiKey {
  id: string;
  orgId: string;
  ownerId: string;
  name: string;
  description: string | null;
  meta: Record<string, unknown> | null;
  role: Role;
  scopes: string[] | null;
  /** The prefix and the first four characters: enough to recognise the key, never to use it. */
  hint: string;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  enabled: boolean;
  revokedAt: string | null;
  ratelimit: { limit: number; duration: number } | null;
  quota: {
    remaining: number;
    refill: { interval: 'daily' | 'monthly'; amount: number } | null;
    refilledAt: string | null;
  } | null;
  /** The key that replaced this one when it was rotated: a key is rotated once. */
  successorId: string | null;
}

/** The answer that creates a key: its record and the key itself, shown this once. */
export interface CreatedKey extends ApiKey {
  success: true;
  apiKey: string;
}

export interface RotatedKey extends CreatedKey {
  previous: { id: string; expiresAt: string };
}

export interface NewKey {
  name: string;
  role: Role;
  description?: string;
  /** Seconds from now. */
  ttl?: number;
  /** A caller-supplied key, to migrate from another system. */
  apiKey?: string;
  scopes?: string[];
  ownerId?: string;
  meta?: Record<string, unknown>;
  /** At most `limit` verifications in each window of `duration` milliseconds. */
  ratelimit?: { limit: number; duration: number };
  /** Verifications left; with `refill`, set back to `amount` at the start of each UTC day or month. */
  quota?: { remaining: number; refill?: { interval: 'daily' | 'monthly'; amount: number } };
}

/** The body of `PATCH /v1/apikeys/{keyId}`: scopes can only narrow, and null clears description or meta. */
export interface KeyChange {
  name?: string;
  description?: string | null;
  meta?: Record<string, unknown> | null;
  enabled?: boolean;
  scopes?: string[];
}

/** One key to import: the plain key, or its SHA-256 digest with the prefix and display hint. */
export interface ImportEntry {
  apiKey?: string;
  hash?: string;
  prefix?: string;
  hint?: string;
  name: string;
  description?: string;
  ownerId: string;
  role: Role;
  scopes?: string[];
  expiresAt?: string | null;
  meta?: Record<string, unknown>;
}

export interface ImportResult {
  success: true;
  imported: number;
  failed: number;
  results: { index: number; success: boolean; id?: string; error?: { code: string; message: string } }[];
}

export interface LeakReport {
  success: true;
  received: number;
  revoked: number;
}

export interface AuditEntry {
  seq: number;
  id: string;
  at: string;
  action: string;
  actorId: string | null;
  orgId: string | null;
  targetId: string | null;
  requestId: string | null;
  ip: string | null;
  outcome: 'success' | 'failure';
  details: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
  /** The link and hash in the chain of the entry's organization; null for an entry of none. */
  orgPrevHash: string | null;
  orgHash: string | null;
}

/** `GET /v1/audit/verify`: the server's walk of a chain in its store. */
export type AuditChainCheck =
  | { ok: true; chain: 'log' | 'organization'; orgId: string | null; count: number; lastHash: string | null }
  | {
      ok: false;
      chain: 'log' | 'organization';
      orgId: string | null;
      count: number;
      firstBad: { seq: number; id: string; at: string };
      reason: 'hash' | 'link';
      message: string;
    };

export interface AuditQuery {
  orgId?: string;
  action?: string;
  actorId?: string;
  targetId?: string;
  since?: string;
  until?: string;
}
