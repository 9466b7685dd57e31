import { KeyGrants, narrowerRole, type Role } from './permissions.js';
import type { KeyEntry } from './types.js';

export const VERIFY_CODES = [
  'VALID',
  'MALFORMED',
  'NOT_FOUND',
  'EXPIRED',
  'REVOKED',
  'DISABLED',
  'OWNER_DISABLED',
  'RATE_LIMITED',
  'USAGE_EXCEEDED',
  'INSUFFICIENT_PERMISSIONS',
] as const;
export type VerifyCode = (typeof VERIFY_CODES)[number];

/**
 * A key entry as the verification cache holds it: its times parsed once, and whatever its status owes
 * nothing to the clock decided once. A change to the key or its owner drops the entry rather than
 * editing it (only `lastUsedAt` is updated in place), so `keyStatus` can read this one object instead
 * of three; with a hundred thousand cached keys, the memory those reads touch is most of the cost.
 */
export interface CachedKey extends KeyEntry {
  expiresAtMs: number;
  ownerExpiresAtMs: number;
  /** `key.lastUsedAt` in ms, or -Infinity when the key was never used. */
  lastUsedMs: number;
  /** REVOKED, DISABLED or OWNER_DISABLED when that holds whatever the time; null otherwise. */
  standing: 'REVOKED' | 'DISABLED' | 'OWNER_DISABLED' | null;
  /** The role the key acts with: its own, capped by its owner's current role in the organization. */
  role: Role;
  /** What the key may do in its organization, with that role: asked on every request, so built once. */
  grants: KeyGrants;
  /** When the cache took the entry; an entry past the cache's maximum age is read again. */
  cachedAtMs: number;
}

const NEVER = Number.POSITIVE_INFINITY;

export function toCached(entry: KeyEntry): CachedKey {
  const { key, owner } = entry;
  const ownerUnusable = !owner.exists || owner.disabled || owner.orgRole === null;
  const role = narrowerRole(key.role, owner.orgRole ?? 'member');
  return {
    key,
    owner,
    expiresAtMs: key.expiresAt ? Date.parse(key.expiresAt) : NEVER,
    ownerExpiresAtMs: owner.expiresAt ? Date.parse(owner.expiresAt) : NEVER,
    lastUsedMs: key.lastUsedAt ? Date.parse(key.lastUsedAt) : Number.NEGATIVE_INFINITY,
    standing:
      key.revokedAt !== null
        ? 'REVOKED'
        : !key.enabled
          ? 'DISABLED'
          : ownerUnusable
            ? 'OWNER_DISABLED'
            : null,
    role,
    grants: new KeyGrants(role, key.scopes),
    cachedAtMs: 0,
  };
}

/**
 * Whether a stored key may be used now, before any permission or counter is consulted.
 * The order matters: a revoked key says REVOKED even when it has also expired.
 */
export function keyStatus(entry: CachedKey, nowMs: number): VerifyCode {
  const standing = entry.standing;
  if (standing === 'REVOKED' || standing === 'DISABLED') return standing;
  if (nowMs >= entry.expiresAtMs) return 'EXPIRED';
  if (standing === 'OWNER_DISABLED' || nowMs >= entry.ownerExpiresAtMs) return 'OWNER_DISABLED';
  return 'VALID';
}

/** True when the key grants every permission in `wanted`. */
export function grantsAll(entry: CachedKey, wanted: readonly string[]): boolean {
  for (const permission of wanted) if (!entry.grants.allows(permission)) return false;
  return true;
}

/** The permissions a key holds now, as verify and `/v1/me` report them: its scopes met with its role. */
export function keyPermissions(entry: CachedKey): readonly string[] {
  return entry.grants.permissions;
}

/** When a key stops working by the clock: its own expiry, or its service user's, whichever comes first. */
export function keyEndsAtMs(entry: CachedKey): number {
  return Math.min(entry.expiresAtMs, entry.ownerExpiresAtMs);
}
