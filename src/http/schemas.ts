import { type Static, type TSchema, Type } from 'typebox';
import { ERROR_STATUS } from '../errors.js';
import { MAX_KEY_LENGTH, PREFIX_PATTERN } from '../keys/format.js';
import { PERMISSION_PATTERN } from '../keys/permissions.js';

/** Shared request and response schemas. Every object is closed: unknown fields are a `400`. */

/**
 * The bounds the OpenAPI document states for every string, array and integer. In a request schema ajv
 * enforces them; in a response schema they say what the server can write there, so each must hold
 * anything the request limits let in. One name per number, so that a limit is changed in one place.
 */
export const LIMITS = {
  /** Display names of organizations, keys, service users and connections. */
  name: 200,
  description: 1000,
  /** A permission is `resource:action`, two parts of at most 64 characters. */
  permission: 129,
  scopes: 64,
  metaKey: 100,
  metaFields: 64,
  /** Every id is a three-letter prefix, `_` and 22 base62 characters. */
  id: 26,
  /** RFC 3339 with a long fraction or an offset; the server itself writes at most 27 characters. */
  timestamp: 64,
  /** A key as presented to the verifier: longer than any key, so a long one answers MALFORMED, not 400. */
  presentedKey: 4096,
  /** A key the server issues or imports (src/keys/format.ts). */
  key: MAX_KEY_LENGTH,
  /** An access token: a compact HS256 JWT of a few fixed claims, about 200 characters. */
  token: 1024,
  cursor: 200,
  pageSize: 200,
  /** Free text the server writes: error messages, the provider catalogue's descriptions and URLs. */
  text: 8192,
  /** Short words the server writes: an error's or an outcome's code, an audit action. */
  word: 64,
  /**
   * A client address as Fastify reports it. Behind a trusted proxy it is an `X-Forwarded-For` entry taken
   * as it is, so only Node's limit on a request's headers (16 KiB) bounds it.
   */
  address: 16_384,
  /** The providers one connect link offers. */
  linkProviders: 20,
  /** A webhook's endpoint. */
  url: 2048,
  /** A SHA-256 digest in hex. */
  digest: 64,
  /** Items of a list the server writes whole, such as the providers' categories or a field's choices. */
  listItems: 1000,
  /** Counts and quotas the server keeps: within a JavaScript number's exact integers. */
  count: Number.MAX_SAFE_INTEGER,
} as const;

/** A whole number of a 32-bit range: a page size, a status, seconds of a short lifetime. */
export const Int32 = (options: {
  minimum: number;
  maximum: number;
  description?: string;
  default?: number;
}) => Type.Integer({ format: 'int32', ...options });
/** A count or a time in milliseconds, which may pass 2^31: exact as a JavaScript number. */
export const Int64 = (options: { minimum: number; maximum: number; description?: string }) =>
  Type.Integer({ format: 'int64', ...options });
/** A count the server keeps, from zero up. */
export const Count = (description?: string) =>
  Int64({ minimum: 0, maximum: LIMITS.count, ...(description ? { description } : {}) });
/** A string the server writes, bounded by one of {@link LIMITS}. */
export const Text = (maxLength: number, options: { description?: string } = {}) =>
  Type.String({ maxLength, ...options });
/** Any id the server writes, whatever its kind. */
export const AnyId = Type.String({ maxLength: LIMITS.id });

export const Closed = { additionalProperties: false } as const;
/** A PATCH body: closed, and changing at least one field. */
export const ClosedPatch = { additionalProperties: false, minProperties: 1 } as const;

export const idOf = (prefix: string) =>
  Type.String({
    pattern: `^${prefix}_[0-9A-Za-z]{22}$`,
    maxLength: prefix.length + 23,
    description: `An id starting with \`${prefix}_\``,
  });

export const Timestamp = Type.String({
  format: 'date-time',
  maxLength: LIMITS.timestamp,
  description: 'ISO 8601, UTC',
});
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

export const RoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('member')]);
export const Permission = Type.String({ pattern: PERMISSION_PATTERN, maxLength: LIMITS.permission });
export const Scopes = Type.Array(Permission, { maxItems: LIMITS.scopes, uniqueItems: true });
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

export const Name = Type.String({ minLength: 1, maxLength: LIMITS.name, pattern: SINGLE_LINE });
export const Description = Type.String({
  maxLength: LIMITS.description,
  pattern: MULTI_LINE,
});
export const Meta = Type.Record(Type.String({ maxLength: LIMITS.metaKey }), Type.Unknown(), {
  description: 'Free JSON, at most 4 KiB when serialized',
  maxProperties: LIMITS.metaFields,
  // TypeBox turns the key schema into a pattern and drops its length; this keeps the limit.
  propertyNames: { maxLength: LIMITS.metaKey },
});
/** `meta` as the server answers it: what {@link Meta} let in. */
export const MetaOut = Type.Record(Type.String({ maxLength: LIMITS.metaKey }), Type.Unknown(), {
  maxProperties: LIMITS.metaFields,
});
export const KeyPrefix = Type.String({ pattern: PREFIX_PATTERN, maxLength: 16 });
/** Seconds; up to ten years. */
export const Ttl = Int32({ minimum: 1, maximum: 315_360_000, description: 'Time to live in seconds' });

export const RateLimitSchema = Type.Object(
  {
    limit: Int32({ minimum: 1, maximum: 1_000_000_000 }),
    duration: Int32({
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
    amount: Int32({ minimum: 1, maximum: 1_000_000_000 }),
  },
  Closed,
);
export const QuotaInput = Type.Object(
  { remaining: Int32({ minimum: 0, maximum: 1_000_000_000 }), refill: Type.Optional(RefillSchema) },
  Closed,
);

export const ErrorBody = Type.Object(
  {
    success: Type.Literal(false),
    error: Type.Object({
      code: Type.Union(Object.keys(ERROR_STATUS).map((code) => Type.Literal(code))),
      message: Text(LIMITS.text),
      requestId: Text(LIMITS.id),
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

export const Cursor = Type.String({
  maxLength: LIMITS.cursor,
  description: 'The `nextCursor` of the previous page',
});
export const PageQuery = {
  limit: Type.Optional(Int32({ minimum: 1, maximum: LIMITS.pageSize, default: 50 })),
  cursor: Type.Optional(Cursor),
};

/** A page of a list: at most the largest page a query may ask for. */
export const listOf = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item, { maxItems: LIMITS.pageSize }),
    nextCursor: Type.Union([Text(LIMITS.cursor), Type.Null()]),
  });

export const Success = Type.Object({ success: Type.Literal(true) });

export const OrganizationSchema = Type.Object({
  id: idOf('org'),
  name: Text(LIMITS.name),
  keyPrefix: Text(16),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const UserSchema = Type.Object({
  id: idOf('usr'),
  username: Text(64),
  clusterAdmin: Type.Boolean(),
  disabled: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const MemberSchema = Type.Object({
  orgId: idOf('org'),
  userId: idOf('usr'),
  username: Text(64),
  role: RoleSchema,
  createdAt: Timestamp,
});

export const ServiceUserSchema = Type.Object({
  id: idOf('svc'),
  orgId: idOf('org'),
  name: Text(LIMITS.name),
  description: Type.Union([Text(LIMITS.description), Type.Null()]),
  role: RoleSchema,
  expiresAt: NullableTimestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ApiKeySchema = Type.Object({
  id: idOf('key'),
  orgId: idOf('org'),
  ownerId: AnyId,
  name: Text(LIMITS.name),
  description: Type.Union([Text(LIMITS.description), Type.Null()]),
  meta: Type.Union([MetaOut, Type.Null()]),
  role: RoleSchema,
  scopes: Type.Union([Type.Array(Text(LIMITS.permission), { maxItems: LIMITS.scopes }), Type.Null()]),
  hint: Text(LIMITS.key, { description: 'The prefix and first four characters, for recognising the key' }),
  createdAt: Timestamp,
  createdBy: Type.Union([AnyId, Type.Null()]),
  expiresAt: NullableTimestamp,
  lastUsedAt: NullableTimestamp,
  enabled: Type.Boolean(),
  revokedAt: NullableTimestamp,
  ratelimit: Type.Union([RateLimitSchema, Type.Null()]),
  quota: Type.Union([
    Type.Object({
      remaining: Count(),
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
    apiKey: Text(LIMITS.key, { description: 'The key itself. Shown this once, never again.' }),
  }),
  ApiKeySchema,
]);

export const TokenPairSchema = Type.Object({
  accessToken: Text(LIMITS.token),
  refreshToken: Text(LIMITS.token),
  expiresIn: Int32({
    minimum: 1,
    maximum: 2_147_483_647,
    description: 'Seconds until the access token expires',
  }),
});

export const AuditEntrySchema = Type.Object({
  seq: Int64({ minimum: 1, maximum: LIMITS.count }),
  id: AnyId,
  at: Timestamp,
  action: Text(LIMITS.word),
  actorId: Type.Union([Text(LIMITS.word), Type.Null()]),
  orgId: Type.Union([AnyId, Type.Null()]),
  targetId: Type.Union([Text(LIMITS.word), Type.Null()]),
  requestId: Type.Union([AnyId, Type.Null()]),
  ip: Type.Union([Text(LIMITS.address), Type.Null()]),
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  prevHash: Text(LIMITS.digest, { description: "The hash of the entry before it in the whole log's chain" }),
  hash: Text(LIMITS.digest),
  orgPrevHash: Type.Union([Text(LIMITS.digest), Type.Null()], {
    description: "The hash of the entry before it in its organization's own chain; null for an entry of none",
  }),
  orgHash: Type.Union([Text(LIMITS.digest), Type.Null()]),
});

export type ApiKeyBody = Static<typeof ApiKeySchema>;
