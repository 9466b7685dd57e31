import type { ApiKey } from './api.js';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A timestamp for people, or what its absence means. */
export function when(iso: string | null, absent: string): string {
  return iso === null ? absent : dateTime.format(new Date(iso));
}

export type KeyStatus = 'active' | 'revoked' | 'expired' | 'disabled' | 'rotated';

/** A key's state as verify would judge it now, revocation first (docs/errors.md, Verify codes). */
export function keyStatus(key: ApiKey, nowMs = Date.now()): KeyStatus {
  if (key.revokedAt !== null) return 'revoked';
  if (!key.enabled) return 'disabled';
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= nowMs) return 'expired';
  if (key.successorId !== null) return 'rotated';
  return 'active';
}
