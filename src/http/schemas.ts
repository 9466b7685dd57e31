import { type Static, type TSchema, Type } from 'typebox';
import { ERROR_STATUS } from '../errors.js';
import { PREFIX_PATTERN } from '../keys/format.js';
import { PERMISSION_PATTERN } from '../keys/permissions.js';

/** Shared request and response schemas. Every object is closed: unknown fields are a `400`. */

export const Closed = { additionalProperties: false } as const;
/** A PATCH body: closed, and changing at least one field. */
export const ClosedPatch = { additionalProperties: false, minProperties: 1 } as const;

export const idOf = (prefix: string) =>
  Type.String({ pattern: `^${prefix}_[0-9A-Za-z]{22}$`, description: `An id starting with \`${prefix}_\`` });

export const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

export const RoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('member')]);
export const Permission = Type.String({ pattern: PERMISSION_PATTERN, maxLength: 129 });
export const Scopes = Type.Array(Permission, { maxItems: 64, uniqueItems: true });
/**
 * Characters no stored text may hold: DEL and the C1 controls (U+009B starts terminal escapes),
 * bidirectional overrides that make text read differently from how it sorts, and lone surrogates, which
 * JSON can carry but storage would silently replace.
 */
const UNSAFE = '\\u007f-\\u009f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ud800-\\udfff';
/** One line of text: no C0 controls at all. */
export const SINGLE_LINE = `^[^\\u0000-\\u001f${UNSAFE}]*$`;
/** Free text: tabs and line breaks allowed, other controls not. */
const MULTI_LINE = `^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f${UNSAFE}]*$`;

export const Name = Type.String({ minLength: 1, maxLength: 200, pattern: SINGLE_LINE });
export const Description = Type.String({
  maxLength: 1000,
  pattern: MULTI_LINE,
});
export const Meta = Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
  description: 'Free JSON, at most 4 KiB when serialized',
  maxProperties: 64,
  // TypeBox turns the key schema into a pattern and drops its length; this keeps the limit.
  propertyNames: { maxLength: 100 },
});
export const KeyPrefix = Type.String({ pattern: PREFIX_PATTERN });
/** Seconds; up to ten years. */
export const Ttl = Type.Integer({ minimum: 1, maximum: 315_360_000, description: 'Time to live in seconds' });

export const RateLimitSchema = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }),
    duration: Type.Integer({
      minimum: 1000,
      maximum: 86_400_000,
      description: 'Window length in milliseconds',
    }),
  },
  Closed,
);
export const RefillSchema = Type.Object(
  {
    interval: Type.Union([Type.Literal('daily'), Type.Literal('monthly')]),
    amount: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }),
  },
  Closed,
);
export const QuotaInput = Type.Object(
  { remaining: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }), refill: Type.Optional(RefillSchema) },
  Closed,
);

export const ErrorBody = Type.Object(
  {
    success: Type.Literal(false),
    error: Type.Object({
      code: Type.Union(Object.keys(ERROR_STATUS).map((code) => Type.Literal(code))),
      message: Type.String(),
      requestId: Type.String(),
    }),
  },
  { $id: 'Error', description: 'The one error shape; `docs/errors.md` lists every code' },
);

/** The error responses every route may give, spread into each route's `response`. */
export const errorResponses = {
  400: Type.Ref('Error'),
  401: Type.Ref('Error'),
  403: Type.Ref('Error'),
  404: Type.Ref('Error'),
  409: Type.Ref('Error'),
  413: Type.Ref('Error'),
  415: Type.Ref('Error'),
  429: Type.Ref('Error'),
  500: Type.Ref('Error'),
};

export const Cursor = Type.String({ maxLength: 200, description: 'The `nextCursor` of the previous page' });
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Cursor),
};

export const listOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const Success = Type.Object({ success: Type.Literal(true) });

export const OrganizationSchema = Type.Object({
  id: idOf('org'),
  name: Type.String(),
  keyPrefix: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const UserSchema = Type.Object({
  id: idOf('usr'),
  username: Type.String(),
  clusterAdmin: Type.Boolean(),
  disabled: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const MemberSchema = Type.Object({
  orgId: idOf('org'),
  userId: idOf('usr'),
  username: Type.String(),
  role: RoleSchema,
  createdAt: Timestamp,
});

export const ServiceUserSchema = Type.Object({
  id: idOf('svc'),
  orgId: idOf('org'),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  role: RoleSchema,
  expiresAt: NullableTimestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ApiKeySchema = Type.Object({
  id: idOf('key'),
  orgId: idOf('org'),
  ownerId: Type.String(),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  meta: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  role: RoleSchema,
  scopes: Type.Union([Type.Array(Type.String()), Type.Null()]),
  hint: Type.String({ description: 'The prefix and first four characters, for recognising the key' }),
  createdAt: Timestamp,
  createdBy: Type.Union([Type.String(), Type.Null()]),
  expiresAt: NullableTimestamp,
  lastUsedAt: NullableTimestamp,
  enabled: Type.Boolean(),
  revokedAt: NullableTimestamp,
  ratelimit: Type.Union([RateLimitSchema, Type.Null()]),
  quota: Type.Union([
    Type.Object({
      remaining: Type.Integer(),
      refill: Type.Union([RefillSchema, Type.Null()]),
      refilledAt: NullableTimestamp,
    }),
    Type.Null(),
  ]),
  successorId: Type.Union([idOf('key'), Type.Null()], {
    description: 'The key that replaced this one when it was rotated: a key is rotated once',
  }),
});

/** A key as `POST …/apikeys` and rotation answer it: the record, and the key itself this once. */
export const CreatedKeySchema = Type.Intersect([
  Type.Object({
    success: Type.Literal(true),
    apiKey: Type.String({ description: 'The key itself. Shown this once, never again.' }),
  }),
  ApiKeySchema,
]);

export const TokenPairSchema = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
});

export const AuditEntrySchema = Type.Object({
  seq: Type.Integer(),
  id: Type.String(),
  at: Timestamp,
  action: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  orgId: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  prevHash: Type.String({ description: "The hash of the entry before it in the whole log's chain" }),
  hash: Type.String(),
  orgPrevHash: Type.Union([Type.String(), Type.Null()], {
    description: "The hash of the entry before it in its organization's own chain; null for an entry of none",
  }),
  orgHash: Type.Union([Type.String(), Type.Null()]),
});

export type ApiKeyBody = Static<typeof ApiKeySchema>;
