import fastJson from 'fast-json-stringify';
import type { FastifyServerOptions } from 'fastify';

type Schema = Record<string, unknown>;

/** Keywords that constrain or describe a value but change nothing about how it is written out. */
const VALIDATION_ONLY = new Set([
  'format',
  'pattern',
  'description',
  'title',
  'examples',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'propertyNames',
  'enum',
  'const',
]);

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A response schema reduced to what serialization needs. fast-json-stringify writes an `anyOf` by
 * validating the value against each branch with Ajv, formats included, which made a nullable
 * `date-time` cost more than the rest of a key record. The API's unions are all of simple types (a
 * value or null, or a set of string literals), so they become a type list that the serializer checks
 * with `typeof`. A union it cannot reduce is left as it is. The documented schemas are not touched:
 * only the copy handed to the serializer is.
 */
export function forSerialization(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forSerialization);
  if (!isSchema(schema)) return schema;
  const out: Schema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (VALIDATION_ONLY.has(keyword)) continue;
    out[keyword] =
      keyword === 'properties' && isSchema(value)
        ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, forSerialization(sub)]))
        : forSerialization(value);
  }
  return Array.isArray(out.anyOf) ? mergeSimpleUnion(out) : out;
}

/** `anyOf` of branches of distinct simple types (string literals count as one) as one `type` list. */
function mergeSimpleUnion(schema: Schema): Schema {
  const branches = schema.anyOf as unknown[];
  const byType = new Map<string, Schema>();
  for (const branch of branches) {
    if (!isSchema(branch) || typeof branch.type !== 'string' || 'anyOf' in branch) return schema;
    const seen = byType.get(branch.type);
    // Two branches of one type can be merged only when they are both plain strings (literals, once
    // their `const` or `enum` is gone); two object shapes need the serializer's own choice.
    const plain = (one: Schema) => one.type === 'string' && Object.keys(one).length === 1;
    if (seen && !(plain(seen) && plain(branch))) return schema;
    byType.set(branch.type, branch);
  }
  const { anyOf: _branches, ...rest } = schema;
  const types = [...byType.keys()];
  const merged: Schema = { ...rest, type: types.length === 1 ? types[0] : types };
  for (const branch of byType.values()) {
    for (const [keyword, value] of Object.entries(branch)) if (keyword !== 'type') merged[keyword] = value;
  }
  return merged;
}

/**
 * Fastify's serializer factory, over {@link forSerialization}: pass as `schemaController` in the
 * server options. Shared schemas (the error body) are reduced the same way.
 */
export const schemaController: FastifyServerOptions['schemaController'] = {
  compilersFactory: {
    buildSerializer: (externalSchemas, serializerOptions) => {
      const shared: Record<string, fastJson.Schema> = Object.fromEntries(
        Object.entries(externalSchemas as Schema).map(([id, schema]) => [
          id,
          forSerialization(schema) as fastJson.Schema,
        ]),
      );
      // Every route shares the error responses and many share a record schema: build each serializer
      // once rather than once per route and status, which was a tenth of start-up.
      const built = new WeakMap<object, (value: unknown) => string>();
      return ({ schema }) => {
        let serialize = built.get(schema as object);
        if (serialize === undefined) {
          const options = { ...serializerOptions, schema: shared };
          const compiled = fastJson(forSerialization(schema) as fastJson.AnySchema, options);
          serialize = (value) => (value instanceof Serialized ? value.json : compiled(value));
          built.set(schema as object, serialize);
        }
        return serialize;
      };
    },
  },
};

/**
 * A response body already written to JSON: every route's serializer passes it through as is. Made only
 * with the serializer of the route's own response schema ({@link serializerFor}), so the schema still
 * decides what goes out.
 */
export class Serialized {
  /** The JSON in ASCII: every character above U+007F is written as its `\uXXXX` escape. */
  readonly json: string;

  /**
   * The hot path (src/http/hot-path.ts) writes `json` as it is, and Node writes an ASCII string held one
   * byte per character, flat, together with the response head in one pass. So every body is made so,
   * once: a key's hint holds a non-ASCII "…", which would keep its body two bytes per character, and a
   * serializer's output is a rope of many pieces. Any JSON parser reads an escape as the character;
   * Fastify sends the same text, so both paths answer with the same bytes.
   */
  constructor(
    json: string,
    readonly stamp: unknown,
    /** Response headers that go with this body (a key's rate-limit state), or null. */
    readonly headers: Record<string, string> | null = null,
  ) {
    this.json = flatAscii(HAS_NON_ASCII.test(json) ? json.replace(NON_ASCII, escapeCodeUnit) : json);
  }
}

const HAS_NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII = /[\u0080-\uffff]/g;

/** One UTF-16 code unit as a JSON escape; a pair of surrogates becomes two escapes, as JSON allows. */
function escapeCodeUnit(unit: string): string {
  return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * An ASCII string as one flat string of one byte per character. V8 keeps the result of `replace` on a
 * two-byte string two bytes wide even when every character fits in one, and Latin-1 is the encoding
 * that copies each character to one byte and back.
 */
function flatAscii(ascii: string): string {
  return Buffer.from(ascii, 'latin1').toString('latin1');
}

const writers = new WeakMap<object, (value: unknown) => string>();

/**
 * The serializer of a self-contained response schema (no `$ref`), built once: the same writer Fastify's
 * serializer would build for it through {@link schemaController}.
 */
export function serializerFor(schema: object): (value: unknown) => string {
  let serialize = writers.get(schema);
  if (serialize === undefined) {
    serialize = fastJson(forSerialization(schema) as fastJson.AnySchema);
    writers.set(schema, serialize);
  }
  return serialize;
}

/**
 * Bodies serialized once per record, for the routes that answer the same record from memory on every
 * call: a key read by its id, and a verification. Building and serializing the record was a tenth of
 * such a request (BENCHMARKS.md).
 */
export class SerializedBodies<Owner extends object> {
  private readonly bodies = new WeakMap<Owner, Serialized>();
  private readonly serialize: (value: unknown) => string;

  /** `schema` is the route's response schema for the status these bodies go out with. */
  constructor(schema: object) {
    this.serialize = serializerFor(schema);
  }

  /**
   * The body of `owner` for this route, serialized on first use. `stamp` is whatever of `owner` may
   * change in place (a key's `lastUsedAt`): a body made under another stamp is made again. Anything
   * else that changes replaces `owner` itself, which leaves its body behind.
   */
  get(owner: Owner, stamp: unknown, body: () => unknown): Serialized {
    let serialized = this.bodies.get(owner);
    if (serialized === undefined || serialized.stamp !== stamp) {
      serialized = new Serialized(this.serialize(body()), stamp);
      this.bodies.set(owner, serialized);
    }
    return serialized;
  }
}
