import { Type } from 'typebox';
import { type Access, type Caller, keyAccess, orgAccess } from '../auth/caller.js';
import type { Deps } from '../deps.js';
import {
  type CachedKey,
  grantsAll,
  keyPermissions,
  keyStatus,
  VERIFY_CODES,
  type VerifyCode,
} from '../keys/verify.js';
import { andThen, type MaybePromise } from '../maybe-promise.js';
import type { RateLimit } from '../store/types.js';
import type { Window } from '../verify/counters.js';
import type { Found } from '../verify/verifier.js';
import {
  AnyId,
  Closed,
  Count,
  Int64,
  LIMITS,
  MetaOut,
  Permission,
  RateLimitSchema,
  RoleSchema,
  Text,
  Timestamp,
} from './schemas.js';
import { Serialized, SerializedBodies, serializerFor } from './serialization.js';

/**
 * The answer to `POST /v1/keys/verify`, which the route and the hot path (src/http/hot-path.ts) both give:
 * the same schemas, the same decision and the same bodies, whichever path answers.
 */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const VerifyResult = Type.Object({
  valid: Type.Boolean(),
  code: Type.Union(VERIFY_CODES.map((code) => Type.Literal(code))),
  keyId: Nullable(AnyId),
  ownerId: Nullable(AnyId),
  organizationId: Nullable(AnyId),
  role: Nullable(RoleSchema),
  permissions: Type.Array(Text(LIMITS.permission), { maxItems: LIMITS.scopes }),
  expiresAt: Nullable(Timestamp),
  meta: Nullable(MetaOut),
  ratelimit: Type.Optional(
    Type.Object({
      ...RateLimitSchema.properties,
      remaining: Count(),
      reset: Int64({ minimum: 0, maximum: LIMITS.count, description: 'Unix ms' }),
    }),
  ),
  remaining: Type.Optional(Count('Quota left after this call')),
});

const NOTHING = {
  keyId: null,
  ownerId: null,
  organizationId: null,
  role: null,
  permissions: [],
  expiresAt: null,
  meta: null,
};

/** The request body: the route and the hot path validate against this one schema. */
export const VerifyRequest = Type.Object(
  {
    key: Type.String({ maxLength: LIMITS.presentedKey }),
    permissions: Type.Optional(Type.Array(Permission, { maxItems: LIMITS.scopes })),
  },
  Closed,
);

const writeResult = serializerFor(VerifyResult);
/** A key's VALID answer is the same every time until the cached key is replaced: it is written once. */
const validBodies = new SerializedBodies<CachedKey>(VerifyResult);
/**
 * The answer about no key at all depends on its code alone, and floods of bad keys get nothing else:
 * written once per code, it costs them no more than a valid key's.
 */
const noKeyBodies = new SerializedBodies<object>(VerifyResult);
const NO_KEY = { MALFORMED: {}, NOT_FOUND: {} };

function body(code: VerifyCode, entry: CachedKey | null, extra: object = {}) {
  if (!entry) return { valid: false, code, ...NOTHING };
  const key = entry.key;
  return {
    valid: code === 'VALID',
    code,
    keyId: key.id,
    ownerId: key.ownerId,
    organizationId: key.orgId,
    role: entry.role,
    permissions: keyPermissions(entry),
    expiresAt: key.expiresAt,
    meta: key.meta,
    ...extra,
  };
}

/** Whether a caller may ask about keys at all: a key needs `keys:verify` in its own organization. */
export function mayVerify(caller: Caller): boolean {
  const callerKey = caller.key;
  if (!callerKey || caller.clusterAdmin) return true;
  return keyAccess(callerKey, callerKey.key.orgId)?.can('keys:verify') === true;
}

/**
 * The answer about a presented key, counted. A promise only when a token caller's membership must be
 * read; a key's caller is answered from memory, which is what lets the hot path use this too.
 */
export function decide(
  deps: Deps,
  caller: Caller,
  found: Found,
  wanted: string[] | undefined,
  now: number,
): MaybePromise<Serialized> {
  if (typeof found === 'string') return noKey(deps, found);
  return andThen(orgAccess(deps.store, caller, found.key.orgId), (access) =>
    judge(deps, access, found, wanted, now),
  );
}

/** The answer about a found key, counted. */
function answer(
  deps: Deps,
  code: VerifyCode,
  entry: CachedKey,
  extra: object = {},
  headers: Record<string, string> | null = null,
): Serialized {
  deps.metrics.verifications[code]++;
  return new Serialized(writeResult(body(code, entry, extra)), null, headers);
}

/**
 * The presented key's rate limit as the IETF RateLimit header fields say it (draft-ietf-httpapi-
 * ratelimit-headers): its policy (`q` per `w` seconds) and what is left (`r`, for `t` more seconds), so
 * that a service can hand them to its own client, with a Retry-After when the limit is spent.
 */
function rateLimitHeaders(limit: RateLimit, window: Window, now: number): Record<string, string> {
  const left = Math.max(0, Math.ceil((window.reset - now) / 1000));
  return {
    'ratelimit-policy': `"key";q=${limit.limit};w=${Math.ceil(limit.duration / 1000)}`,
    ratelimit: `"key";r=${window.remaining};t=${left}`,
  };
}

function noKey(deps: Deps, code: keyof typeof NO_KEY): Serialized {
  deps.metrics.verifications[code]++;
  return noKeyBodies.get(NO_KEY[code], null, () => body(code, null));
}

/** A verifier sees only the keys of its own organizations: any other key is NOT_FOUND. */
function judge(
  deps: Deps,
  access: Access | null,
  found: CachedKey,
  wanted: string[] | undefined,
  now: number,
): MaybePromise<Serialized> {
  if (!access?.can('keys:verify')) return noKey(deps, 'NOT_FOUND');
  const status = keyStatus(found, now);
  if (status !== 'VALID') return answer(deps, status, found);
  if (wanted && !grantsAll(found, wanted)) return answer(deps, 'INSUFFICIENT_PERMISSIONS', found);
  const key = found.key;
  if (!key.ratelimit && !key.quota) {
    deps.usage.touch(found, now);
    deps.metrics.verifications.VALID++;
    return validBodies.get(found, null, () => body('VALID', found));
  }
  return counted(deps, found, now);
}

/**
 * A valid key with a rate limit or a quota: its window, then its quota, counted where the counters live
 * (src/verify/counters.ts). A promise only when they are not in this process's memory.
 */
function counted(deps: Deps, found: CachedKey, now: number): MaybePromise<Serialized> {
  const key = found.key;
  const extra: { ratelimit?: object; remaining?: number } = {};
  const limit = key.ratelimit;
  return andThen(limit ? deps.counters.rateLimit(key.budgetId, limit, now) : null, (window) => {
    const headers = limit && window ? rateLimitHeaders(limit, window, now) : null;
    if (limit && window) {
      extra.ratelimit = { ...limit, remaining: window.remaining, reset: window.reset };
      if (!window.ok) return answer(deps, 'RATE_LIMITED', found, extra, headers);
    }
    return andThen(key.quota ? deps.counters.consume(key.budgetId, key.quota, now) : null, (usage) => {
      if (usage) {
        extra.remaining = usage.remaining;
        if (!usage.ok) return answer(deps, 'USAGE_EXCEEDED', found, extra, headers);
      }
      deps.usage.touch(found, now);
      return answer(deps, 'VALID', found, extra, headers);
    });
  });
}
