import type { KeyEntry } from '../store/types.js';
import { keyAllows, narrowerRole, type Role, rolePermissions } from './permissions.js';

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

/** A key entry with its times parsed once, as the verification cache holds it. */
export interface CachedKey extends KeyEntry {
  expiresAtMs: number;
  ownerExpiresAtMs: number;
}

const NEVER = Number.POSITIVE_INFINITY;

export function toCached(entry: KeyEntry): CachedKey {
  return {
    key: entry.key,
    owner: entry.owner,
    expiresAtMs: entry.key.expiresAt ? Date.parse(entry.key.expiresAt) : NEVER,
    ownerExpiresAtMs: entry.owner.expiresAt ? Date.parse(entry.owner.expiresAt) : NEVER,
  };
}

/**
 * Whether a stored key may be used now, before any permission or counter is consulted.
 * The order matters: a revoked key says REVOKED even when it has also expired.
 */
export function keyStatus(entry: CachedKey, nowMs: number): VerifyCode {
  if (entry.key.revokedAt !== null) return 'REVOKED';
  if (!entry.key.enabled) return 'DISABLED';
  if (nowMs >= entry.expiresAtMs) return 'EXPIRED';
  const owner = entry.owner;
  if (!owner.exists || owner.disabled || owner.orgRole === null || nowMs >= entry.ownerExpiresAtMs) {
    return 'OWNER_DISABLED';
  }
  return 'VALID';
}

/** The role a key acts with: its own, capped by its owner's current role in the organization. */
export function effectiveRole(entry: CachedKey): Role {
  return narrowerRole(entry.key.role, entry.owner.orgRole ?? 'member');
}

/** True when the key grants every permission in `wanted`. */
export function grantsAll(entry: CachedKey, wanted: readonly string[]): boolean {
  const role = effectiveRole(entry);
  for (const permission of wanted) if (!keyAllows(role, entry.key.scopes, permission)) return false;
  return true;
}

/** The permissions a key carries, as verify reports them. */
export function keyPermissions(entry: CachedKey): string[] {
  return entry.key.scopes ?? [...rolePermissions(effectiveRole(entry))];
}
