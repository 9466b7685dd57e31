import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { type Access, type Caller, keyAccess, orgAccess } from '../../auth/caller.js';
import type { Deps } from '../../deps.js';
import { forbidden } from '../../errors.js';
import {
  type CachedKey,
  effectiveRole,
  grantsAll,
  keyPermissions,
  keyStatus,
  VERIFY_CODES,
  type VerifyCode,
} from '../../keys/verify.js';
import { andThen } from '../../maybe-promise.js';
import type { Found } from '../../verify/verifier.js';
import type { App } from '../app.js';
import { Closed, errorResponses, Permission, RateLimitSchema, RoleSchema } from '../schemas.js';
import { SerializedBodies } from '../serialization.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const VerifyResult = Type.Object({
  valid: Type.Boolean(),
  code: Type.Union(VERIFY_CODES.map((code) => Type.Literal(code))),
  keyId: Nullable(Type.String()),
  ownerId: Nullable(Type.String()),
  organizationId: Nullable(Type.String()),
  role: Nullable(RoleSchema),
  permissions: Type.Array(Type.String()),
  expiresAt: Nullable(Type.String()),
  meta: Nullable(Type.Record(Type.String(), Type.Unknown())),
  ratelimit: Type.Optional(
    Type.Object({
      ...RateLimitSchema.properties,
      remaining: Type.Integer(),
      reset: Type.Integer({ description: 'Unix ms' }),
    }),
  ),
  remaining: Type.Optional(Type.Integer({ description: 'Quota left after this call' })),
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

export default function verifyKey(app: App, deps: Deps): void {
  /** The answer about a found key, counted. */
  const answer = (code: VerifyCode, entry: CachedKey, extra: object = {}) => {
    deps.metrics.verifications[code]++;
    return body(code, entry, extra);
  };
  const body = (code: VerifyCode, entry: CachedKey | null, extra: object = {}) => {
    if (!entry) return { valid: false, code, ...NOTHING };
    const key = entry.key;
    return {
      valid: code === 'VALID',
      code,
      keyId: key.id,
      ownerId: key.ownerId,
      organizationId: key.orgId,
      role: effectiveRole(entry),
      permissions: keyPermissions(entry),
      expiresAt: key.expiresAt,
      meta: key.meta,
      ...extra,
    };
  };
  /** A key's VALID answer is the same every time until the cached key is replaced: it is written once. */
  const validBodies = new SerializedBodies<CachedKey>();
  /**
   * The answer about no key at all depends on its code alone, and floods of bad keys get nothing else:
   * written once per code, it costs them no more than a valid key's.
   */
  const noKeyBodies = new SerializedBodies<object>();
  const NO_KEY = { MALFORMED: {}, NOT_FOUND: {} };
  const noKey = (reply: FastifyReply, code: keyof typeof NO_KEY) => {
    deps.metrics.verifications[code]++;
    return noKeyBodies.get(reply, NO_KEY[code], null, () => body(code, null));
  };

  app.post(
    '/v1/keys/verify',
    {
      schema: {
        tags: ['verification'],
        summary: 'Verify a key for a service that uses Keyward as its key backend',
        description:
          'Needs `keys:verify`. Always answers 200 with a code. A verifier sees only the keys of its own organizations: any other key answers NOT_FOUND, exactly as an unknown key does.',
        body: Type.Object(
          {
            key: Type.String({ maxLength: 4096 }),
            permissions: Type.Optional(Type.Array(Permission, { maxItems: 64 })),
          },
          Closed,
        ),
        response: { 200: VerifyResult, ...errorResponses },
      },
    },
    (request, reply) => {
      const caller = request.caller;
      const callerKey = caller.key;
      if (callerKey && !caller.clusterAdmin) {
        const own = keyAccess(callerKey, callerKey.key.orgId);
        if (!own?.can('keys:verify')) throw forbidden('The caller lacks keys:verify');
      }
      const now = deps.clock();
      const { key, permissions } = request.body;
      return andThen(deps.finder.find(key, now), (found) => decide(reply, caller, found, permissions, now));
    },
  );

  /** The answer for a found key; a promise only when a token caller's membership must be read. */
  function decide(
    reply: FastifyReply,
    caller: Caller,
    found: Found,
    wanted: string[] | undefined,
    now: number,
  ) {
    if (typeof found === 'string') return noKey(reply, found);
    return andThen(orgAccess(deps.store, caller, found.key.orgId), (access) =>
      judge(reply, access, found, wanted, now),
    );
  }

  /** A verifier sees only the keys of its own organizations: any other key is NOT_FOUND. */
  function judge(
    reply: FastifyReply,
    access: Access | null,
    found: CachedKey,
    wanted: string[] | undefined,
    now: number,
  ) {
    if (!access?.can('keys:verify')) return noKey(reply, 'NOT_FOUND');
    const status = keyStatus(found, now);
    if (status !== 'VALID') return answer(status, found);
    if (wanted && !grantsAll(found, wanted)) return answer('INSUFFICIENT_PERMISSIONS', found);
    const key = found.key;
    if (!key.ratelimit && !key.quota) {
      deps.usage.touch(found, now);
      deps.metrics.verifications.VALID++;
      return validBodies.get(reply, found, null, () => body('VALID', found));
    }
    const extra: { ratelimit?: object; remaining?: number } = {};
    if (key.ratelimit) {
      const window = deps.usage.rateLimit(key.id, key.ratelimit, now);
      extra.ratelimit = { ...key.ratelimit, remaining: window.remaining, reset: window.reset };
      if (!window.ok) return answer('RATE_LIMITED', found, extra);
    }
    if (key.quota) {
      const usage = deps.usage.consume(key.id, key.quota, now);
      extra.remaining = usage.remaining;
      if (!usage.ok) return answer('USAGE_EXCEEDED', found, extra);
    }
    deps.usage.touch(found, now);
    return answer('VALID', found, extra);
  }
}
