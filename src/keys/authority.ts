import { effectivePermissions, Grants, type Role } from './permissions.js';
import type { Quota, RateLimit } from './types.js';

/**
 * The authority of a credential, or of a principal, in one organization: everything PRODUCT.md §4a
 * compares. A grant is allowed only when what it makes is contained in what its maker holds, term by
 * term, so no chain of grants can end with more than it started with.
 */
export interface Authority {
  /** Cluster-wide power: a cluster admin's own token, or a key they made for themselves. */
  cluster: boolean;
  role: Role;
  /** Its effective permissions (`effectivePermissions`): the role's, narrowed by scopes. */
  permissions: readonly string[];
  /** When it ends, in ms; Infinity when it does not. */
  expiresAtMs: number;
  ratelimit: RateLimit | null;
  /** Verifications left now and how they refill; null when unlimited. */
  quota: Pick<Quota, 'remaining' | 'refill'> | null;
}

/** The credential's maker: its authority, and who it acts for. */
export interface Maker extends Authority {
  principalId: string;
}

/** A credential or principal about to be made, or to hold authority again: a key, a membership, a user. */
export interface Requested {
  /** A key's owner, whose role caps the key's; absent for a principal, which is its own owner. */
  owner?: { id: string; role: Role };
  role: Role;
  scopes: readonly string[] | null;
  expiresAtMs: number;
  ratelimit: RateLimit | null;
  quota: Pick<Quota, 'remaining' | 'refill'> | null;
  /**
   * Cluster-wide power it already carries: an existing key being rotated or enabled, or a user who is a
   * cluster admin. A new key never asks for it: it is given when the rule allows (see {@link decideGrant}).
   */
  cluster?: boolean;
  /** True for a rotation: the successor is a new key, so cluster power passes only to its owner's hand. */
  renewal?: boolean;
}

/** The terms of a request, by name, so that a route can say which of its fields broke the rule. */
export type Term = 'role' | 'scopes' | 'expiry' | 'ratelimit' | 'quota' | 'cluster';

/** Why a grant is refused: `invalid` when the owner could not hold it, `forbidden` when the maker does not. */
export interface Refusal {
  refused: 'invalid' | 'forbidden';
  term: Term;
  rule: string;
}

/**
 * Whether `maker` may make `requested`, and whether the result carries cluster-wide power.
 *
 * Cluster power passes only from a cluster admin to a key of their own that they make or rotate
 * themselves, unscoped and with the role `admin`. Everything else must be contained in the maker: a
 * role no higher, permissions it holds, an end no later, and a rate limit and quota no looser.
 *
 * @example decideGrant(memberToken, { role: 'admin', ... }) // { refused: 'forbidden', term: 'role', … }
 */
export function decideGrant(maker: Maker, requested: Requested): Refusal | { cluster: boolean } {
  const owner = requested.owner;
  if (requested.role === 'admin' && maker.role !== 'admin')
    return forbidden('role', "cannot exceed the caller's role (member)");
  if (owner && requested.role === 'admin' && owner.role !== 'admin')
    return invalid('role', "cannot exceed the owner's role (member)");
  const own = owner !== undefined && owner.id === maker.principalId;
  if (requested.cluster && (!maker.cluster || (requested.renewal && !own))) {
    return forbidden(
      'cluster',
      requested.renewal
        ? 'the key carries cluster-wide authority, which only its owner can pass to a new key'
        : 'carries cluster-wide authority, which the caller does not hold',
    );
  }
  const held = new Grants(maker.permissions);
  const wanted = requested.scopes ?? effectivePermissions(requested.role, null);
  const missing = wanted.find((permission) => !held.has(permission));
  if (missing !== undefined) {
    return forbidden(
      'scopes',
      requested.scopes === null
        ? `are required: without them it would hold ${missing}, which the caller does not hold`
        : `grants ${missing}, which the caller does not hold`,
    );
  }
  if (requested.expiresAtMs > maker.expiresAtMs)
    return forbidden(
      'expiry',
      `must end no later than the caller's credential, at ${iso(maker.expiresAtMs)}`,
    );
  const limit = maker.ratelimit;
  if (limit && !noLooserRate(requested.ratelimit, limit))
    return forbidden(
      'ratelimit',
      `must be no looser than the caller's: at most ${limit.limit} per ${limit.duration} ms`,
    );
  if (maker.quota && !noLooserQuota(requested.quota, maker.quota))
    return forbidden(
      'quota',
      `must be no looser than the caller's: at most ${maker.quota.remaining} left${refillText(maker.quota.refill)}`,
    );
  // A maker with cluster power is a cluster admin now, so a key of their own may carry it.
  const cluster =
    maker.cluster &&
    own &&
    requested.role === 'admin' &&
    requested.scopes === null &&
    (requested.cluster ?? !requested.renewal);
  return { cluster };
}

/** No more per window, and windows no shorter: looser in no span of time. */
function noLooserRate(wanted: RateLimit | null, held: RateLimit): boolean {
  return wanted !== null && wanted.limit <= held.limit && wanted.duration >= held.duration;
}

function noLooserQuota(wanted: Requested['quota'], held: NonNullable<Authority['quota']>): boolean {
  if (wanted === null || wanted.remaining > held.remaining) return false;
  if (wanted.refill === null) return true;
  if (held.refill === null || wanted.refill.amount > held.refill.amount) return false;
  // A daily refill tops up thirty times a month: only a monthly one is no looser than a monthly one.
  return held.refill.interval === 'daily' || wanted.refill.interval === 'monthly';
}

function refillText(refill: Quota['refill']): string {
  return refill ? `, refilled to at most ${refill.amount} ${refill.interval}` : ', never refilled';
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function invalid(term: Term, rule: string): Refusal {
  return { refused: 'invalid', term, rule };
}

function forbidden(term: Term, rule: string): Refusal {
  return { refused: 'forbidden', term, rule };
}

/** A principal's authority in an organization: a member's or a service user's role, unnarrowed. */
export function principalAuthority(
  role: Role,
  expiresAtMs = Number.POSITIVE_INFINITY,
  cluster = false,
): Requested {
  return { role, scopes: null, expiresAtMs, ratelimit: null, quota: null, cluster };
}
