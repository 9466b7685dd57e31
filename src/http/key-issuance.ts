import type { FastifyRequest } from 'fastify';
import type { Access, Caller } from '../auth/caller.js';
import type { Deps } from '../deps.js';
import { forbidden, invalid, KeywardError } from '../errors.js';
import { decideGrant, type Maker, principalAuthority, type Requested, type Term } from '../keys/authority.js';
import { inspectKey, keyHint, MIN_KEY_LENGTH } from '../keys/format.js';
import { digestKey } from '../keys/hash.js';
import { newId } from '../keys/ids.js';
import { effectivePermissions, type Role } from '../keys/permissions.js';
import { type CachedKey, keyEndsAtMs } from '../keys/verify.js';
import type { Json, Quota, RateLimit, StoredKey } from '../store/types.js';
import { throttled } from './helpers.js';

/**
 * Who will own a new key, and their role in the organization. The owner defaults to the caller when the
 * caller belongs to the organization; members may create keys only for themselves.
 */
export async function resolveOwner(
  deps: Deps,
  request: FastifyRequest,
  access: Access,
  ownerId: string | undefined,
  field = 'body.ownerId',
): Promise<{ id: string; role: Role }> {
  const caller = request.caller;
  const id = ownerId ?? caller.id;
  if (access.ownOnly && id !== caller.id)
    throw forbidden(`${field}: members create keys only for themselves`);
  if (id.startsWith('svc_')) {
    const svc = await deps.store.findServiceUser(id);
    if (!svc || svc.orgId !== access.orgId)
      throw invalid(field, 'is not a service user of this organization');
    if (svc.expiresAt && Date.parse(svc.expiresAt) <= deps.clock()) throw invalid(field, 'has expired');
    return { id, role: svc.role };
  }
  const member = id.startsWith('usr_') ? await deps.store.findMember(access.orgId, id) : null;
  if (!member) {
    throw invalid(
      field,
      ownerId === undefined
        ? 'is required: the caller is not a member of this organization'
        : 'is not a member of this organization',
    );
  }
  return { id, role: member.role };
}

/**
 * The caller's authority in the organization `access` is for, in the terms of PRODUCT.md §4a: what a
 * credential it makes is compared with. A key brings its own end, rate limit and quota, the quota as
 * this process has spent it.
 */
export async function makerOf(deps: Deps, caller: Caller, access: Pick<Access, 'role'>): Promise<Maker> {
  const entry = caller.key;
  const role: Role = access.role === 'member' ? 'member' : 'admin';
  const key = entry?.key;
  return {
    principalId: caller.id,
    cluster: caller.clusterAdmin,
    role,
    permissions:
      access.role === 'cluster' ? ['*'] : (entry?.grants.permissions ?? effectivePermissions(role, null)),
    // An access token, like a membership, does not end: signing in again renews it.
    expiresAtMs: entry ? keyEndsAtMs(entry) : Number.POSITIVE_INFINITY,
    ratelimit: key?.ratelimit ?? null,
    quota: key?.quota ? await deps.counters.quotaNow(key.budgetId, key.quota, deps.clock()) : null,
  };
}

/** The authority a key holds: what rotating or enabling it hands out again. */
export async function keyAuthority(deps: Deps, entry: CachedKey): Promise<Requested> {
  const key = entry.key;
  return {
    owner: { id: key.ownerId, role: entry.role },
    role: entry.role,
    scopes: key.scopes,
    expiresAtMs: entry.expiresAtMs,
    ratelimit: key.ratelimit,
    quota: key.quota ? await deps.counters.quotaNow(key.budgetId, key.quota, deps.clock()) : null,
    cluster: key.cluster,
  };
}

/** Where each term of a grant sits in the request, for the error that names it. */
export type GrantFields = Record<Term, string>;

/** The fields of a key request: `body.role`, `body.scopes`, … with the expiry under its own name. */
export function keyFields(prefix: string, expiry: string): GrantFields {
  const at = (name: string) => `${prefix}.${name}`;
  return {
    role: at('role'),
    scopes: at('scopes'),
    expiry: at(expiry),
    ratelimit: at('ratelimit'),
    quota: at('quota'),
    cluster: at('ownerId'),
  };
}

/**
 * The one rule of PRODUCT.md §4a, for a route: what `maker` may make of `requested`, or the `400` or
 * `403` that names the field and the rule. Every route that creates, imports, rotates or enables a key,
 * or sets a membership or a service user, goes through here.
 */
export function grant(maker: Maker, requested: Requested, fields: GrantFields): { cluster: boolean } {
  const decision = decideGrant(maker, requested);
  if (!('refused' in decision)) return decision;
  const field = fields[decision.term];
  throw decision.refused === 'invalid'
    ? invalid(field, decision.rule)
    : forbidden(`${field}: ${decision.rule}`);
}

/** A user's authority is cluster-wide; every term of it is named by the request as a whole. */
export const CLUSTER_FIELDS: GrantFields = {
  role: 'body',
  scopes: 'body',
  expiry: 'body',
  ratelimit: 'body',
  quota: 'body',
  cluster: 'body.clusterAdmin',
};

/** What a principal holds is no term of a key request: every term is named by the request body. */
const PRINCIPAL_FIELDS: GrantFields = {
  role: 'body.role',
  scopes: 'body.role',
  expiry: 'body.expiresAt',
  ratelimit: 'body',
  quota: 'body',
  cluster: 'body',
};

/**
 * A membership or a service user with `role`, ending at `expiresAtMs`: the caller must hold all of it,
 * for as long. A membership never ends, so a credential that does (or has a rate limit or quota) cannot
 * grant one.
 */
export async function grantPrincipal(
  deps: Deps,
  request: FastifyRequest,
  access: Access,
  role: Role,
  expiresAtMs = Number.POSITIVE_INFINITY,
): Promise<void> {
  const maker = await makerOf(deps, request.caller, access);
  grant(maker, principalAuthority(role, expiresAtMs), PRINCIPAL_FIELDS);
}

/**
 * Refuses a caller-supplied key while its address is throttled. Whether a supplied key is already
 * stored is an answer about someone's secret: each such answer counts as a failed authentication.
 */
export function assertMayTrySupplied(deps: Deps, request: FastifyRequest): void {
  const retryAfter = deps.throttle.retryAfter(request.ip, deps.clock());
  if (retryAfter > 0)
    throw throttled(deps, request, deps.throttle, retryAfter, 'Too many failed attempts from this address');
}

/** The answer to a supplied key that is already stored, counted as a failed authentication. */
export function suppliedConflict(deps: Deps, request: FastifyRequest, field: string): KeywardError {
  deps.throttle.recordFailure(request.ip, deps.clock());
  return new KeywardError('CONFLICT', `${field}: a key with this value already exists`);
}

/**
 * Checks a caller-supplied key against the organization's rules: its prefix, at least 32 characters,
 * a safe alphabet, and a valid checksum when it has the generated shape.
 */
export function checkSuppliedKey(apiKey: string, prefix: string, field = 'body.apiKey'): void {
  if (!apiKey.startsWith(`${prefix}_`))
    throw invalid(field, `must start with "${prefix}_", this organization's prefix`);
  if (apiKey.length < MIN_KEY_LENGTH)
    throw invalid(field, `must be at least ${MIN_KEY_LENGTH} characters long`);
  const shape = inspectKey(apiKey);
  if (!shape.ok) {
    const rules = {
      length: 'must be at most 256 characters long',
      alphabet: 'may use only letters, digits and _ . ~ + / = -',
      prefix: `must start with "${prefix}_"`,
      checksum: 'has the shape of a generated key but its checksum fails',
    };
    throw invalid(field, rules[shape.reason]);
  }
}

export interface KeyRequest {
  name: string;
  description?: string | null;
  role: Role;
  scopes?: string[] | null;
  meta?: { [key: string]: Json } | null;
  ratelimit?: RateLimit | null;
  quota?: { remaining: number; refill?: Quota['refill'] } | null;
}

/** A new key record and its secret (null when only a digest was given), ready for the store. */
export function buildKey(
  deps: Deps,
  request: FastifyRequest,
  orgId: string,
  ownerId: string,
  input: KeyRequest,
  secret: { apiKey: string } | { hash: string; hint: string },
  expiresAt: string | null,
  lineage: { cluster: boolean; budgetId?: string; quota?: Quota },
): StoredKey {
  const at = new Date(deps.clock()).toISOString();
  const fromSecret = 'apiKey' in secret;
  const id = newId('key');
  return {
    id,
    orgId,
    ownerId,
    name: input.name,
    description: input.description ?? null,
    meta: input.meta ?? null,
    role: input.role,
    scopes: input.scopes ?? null,
    hash: fromSecret ? digestKey(secret.apiKey) : secret.hash,
    hint: fromSecret ? keyHint(secret.apiKey) : secret.hint,
    createdAt: at,
    createdBy: request.caller.id,
    expiresAt,
    lastUsedAt: null,
    enabled: true,
    revokedAt: null,
    ratelimit: input.ratelimit ?? null,
    quota:
      lineage.quota ??
      (input.quota
        ? { remaining: input.quota.remaining, refill: input.quota.refill ?? null, refilledAt: at }
        : null),
    successorId: null,
    cluster: lineage.cluster,
    budgetId: lineage.budgetId ?? id,
    disabledBy: null,
    madeByKeyId: request.caller.key?.key.id ?? null,
  };
}
