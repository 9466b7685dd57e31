import type { FastifyRequest } from 'fastify';
import type { Access } from '../auth/caller.js';
import type { FailureThrottle } from '../auth/throttle.js';
import type { Deps } from '../deps.js';
import { invalid, KeywardError } from '../errors.js';
import type { ApiKey, AuditInput, Json, Page, Rank, StoredKey } from '../store/types.js';

/** An audit entry for this request, with actor, request id and client address filled in. */
export function auditInput(
  request: FastifyRequest,
  action: string,
  fields: Partial<Pick<AuditInput, 'orgId' | 'targetId' | 'details' | 'outcome'>> = {},
): AuditInput {
  return {
    action,
    actorId: request.caller?.id ?? null,
    orgId: fields.orgId ?? null,
    targetId: fields.targetId ?? null,
    requestId: request.id,
    ip: request.ip,
    outcome: fields.outcome ?? 'success',
    details: fields.details ?? null,
  };
}

export function nowIso(deps: Deps): string {
  return new Date(deps.clock()).toISOString();
}

/**
 * The `429` for an address past the failed-authentication throttle. The refusal is counted per address
 * and audited in aggregate, never one entry each, so that a flood cannot grow the audit log.
 */
export function throttled(
  deps: Deps,
  request: FastifyRequest,
  throttle: FailureThrottle,
  retryAfter: number,
  message: string,
): KeywardError {
  deps.failures.throttled(request.ip);
  const { policy, maxFailures, windowMs } = throttle;
  return new KeywardError('RATE_LIMITED', message, {
    'retry-after': String(retryAfter),
    // The IETF RateLimit header fields: the address's policy, and nothing left until the window ends.
    'ratelimit-policy': `"${policy}";q=${maxFailures};w=${windowMs / 1000}`,
    ratelimit: `"${policy}";r=0;t=${retryAfter}`,
  });
}

/** Why an organization's last admin stays: someone must be able to manage it. */
export const LAST_ADMIN = 'An organization keeps at least one admin: add or promote another first';

/** Ranks, lowest first: a member acting on their own key, an organization admin, a cluster admin. */
export const RANKS: readonly Rank[] = ['member', 'admin', 'cluster'];

/** The rank a caller acts with in an organization. */
export function rankOf(access: Access): Rank {
  return access.role === 'cluster' ? 'cluster' : access.ownOnly ? 'member' : 'admin';
}

/** Cursors are opaque to clients: base64url of the last sort key seen. */
export function encodeCursor(next: string | null): string | null {
  return next === null ? null : Buffer.from(JSON.stringify({ a: next })).toString('base64url');
}

const SORT_KEYS = {
  id: /^[a-z]{3}_[0-9A-Za-z]{22}$/,
  seq: /^[1-9][0-9]{0,15}$/,
  name: /^[a-z0-9][a-z0-9._-]{0,99}$/,
};

/**
 * The page a query asks for. Lists sort by id, the audit log by sequence number, providers by name; a
 * cursor must hold one.
 */
export function pageFrom(
  query: { limit?: number; cursor?: string },
  sortKey: keyof typeof SORT_KEYS = 'id',
): Page {
  const limit = query.limit ?? 50;
  if (query.cursor === undefined) return { limit, after: null };
  try {
    const parsed = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8')) as { a?: unknown };
    if (typeof parsed.a === 'string' && SORT_KEYS[sortKey].test(parsed.a)) return { limit, after: parsed.a };
  } catch {
    // fall through to the error below
  }
  throw invalid('querystring.cursor', 'is not a cursor this API issued');
}

/** The public view of a key: never its digest, nor what only the server reads. */
export function keyBody(key: ApiKey): ApiKey {
  const {
    hash: _hash,
    cluster: _cluster,
    budgetId: _budget,
    disabledBy: _disabledBy,
    madeByKeyId: _madeBy,
    ...rest
  } = key as ApiKey & Partial<Omit<StoredKey, keyof ApiKey>>;
  return rest;
}

const MAX_META_BYTES = 4096;

type JsonObject = { [key: string]: Json };

/**
 * A request's `meta` once it is known to fit in 4 KiB. It came from a parsed JSON body, so it is JSON;
 * the schema only types it as an object of unknowns.
 */
export function checkedMeta<T extends Record<string, unknown> | null | undefined>(
  meta: T,
  field = 'body.meta',
): T extends Record<string, unknown> ? JsonObject : T {
  checkMetaSize(meta, field);
  return meta as never;
}

function checkMetaSize(meta: unknown, field: string): void {
  if (meta === undefined || meta === null) return;
  let bytes: number;
  try {
    bytes = Buffer.byteLength(JSON.stringify(meta));
  } catch {
    // Nesting deep enough to overflow the stack is far past the size limit anyway.
    bytes = Number.POSITIVE_INFINITY;
  }
  if (bytes > MAX_META_BYTES) throw invalid(field, `must be at most ${MAX_META_BYTES} bytes of JSON`);
}
