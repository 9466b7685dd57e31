import type { FastifyRequest } from 'fastify';
import type { Access } from '../auth/caller.js';
import type { Deps } from '../deps.js';
import { forbidden, invalid } from '../errors.js';
import { inspectKey, keyHint, MIN_KEY_LENGTH } from '../keys/format.js';
import { digestKey } from '../keys/hash.js';
import { newId } from '../keys/ids.js';
import type { Role } from '../keys/permissions.js';
import type { Json, Quota, RateLimit, StoredKey } from '../store/types.js';

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
): Promise<{ ownerId: string; ownerRole: Role }> {
  const caller = request.caller;
  const id = ownerId ?? caller.id;
  if (access.ownOnly && id !== caller.id)
    throw forbidden(`${field}: members create keys only for themselves`);
  if (id.startsWith('svc_')) {
    const svc = await deps.store.findServiceUser(id);
    if (!svc || svc.orgId !== access.orgId)
      throw invalid(field, 'is not a service user of this organization');
    if (svc.expiresAt && Date.parse(svc.expiresAt) <= deps.clock()) throw invalid(field, 'has expired');
    return { ownerId: id, ownerRole: svc.role };
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
  return { ownerId: id, ownerRole: member.role };
}

/** Refuses a role or scopes beyond what the owner holds or the caller may grant. */
export function checkGrant(
  access: Access,
  ownerRole: Role,
  role: Role,
  scopes: readonly string[] | null,
  field = 'body',
): void {
  if (role === 'admin' && access.role === 'member') {
    throw forbidden(`${field}.role: cannot exceed the caller's role`);
  }
  if (role === 'admin' && ownerRole !== 'admin') {
    throw invalid(`${field}.role`, "cannot exceed the owner's role (member)");
  }
  for (const scope of scopes ?? []) {
    if (!access.can(scope))
      throw forbidden(`${field}.scopes: grants ${scope}, which the caller does not hold`);
  }
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
): StoredKey {
  const at = new Date(deps.clock()).toISOString();
  const fromSecret = 'apiKey' in secret;
  return {
    id: newId('key'),
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
    quota: input.quota
      ? { remaining: input.quota.remaining, refill: input.quota.refill ?? null, refilledAt: at }
      : null,
  };
}
