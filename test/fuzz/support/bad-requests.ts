import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { encodeParams, type Operation, PROXY_PATH, queryString, type Schema, urlOf } from './operations.js';
import type { BadRequest, Expected } from './refusal.js';
import { fieldName, invalidArb, noPoison, validArb, withTrick } from './schema-arbitraries.js';
import { accepts, acceptsText, parametersSchema } from './schema-oracle.js';

/** Real values from a populated cluster, so that each bad request is wrong in one place only. */
export interface FuzzContext {
  /** A real value for every path parameter name of the API. */
  params: Record<string, string>;
  /** A cluster admin's access token: authorization never hides a validation error. */
  adminToken: string;
  /** Real API keys, to put in headers that are wrong in another way. */
  secrets: string[];
  /** Real ids of every kind. */
  ids: string[];
  /** True for a value that names a real object though it is no id, such as a provider of the catalog. */
  named(value: string): boolean;
}

/** The router's `maxParamLength`: a longer path parameter is refused before any route sees it. */
const MAX_PARAM_LENGTH = 200;
/** Percent-encodings that decode to nothing valid. */
const BAD_ESCAPES = ['%', '%Z', '%ZZ', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%FF', 'key_%G1', 'org_%'];

const admin = (ctx: FuzzContext) => ({ authorization: `Bearer ${ctx.adminToken}` });
const json = (ctx: FuzzContext) => ({ ...admin(ctx), 'content-type': 'application/json' });

/**
 * The path parameters that name something: every one but the proxy's `*`, which is the provider's own
 * path, forwarded whatever it holds (its bad values are bad-proxy.ts's).
 */
export const namingParams = (op: Operation): string[] =>
  Object.keys(op.pathParams).filter((name) => name !== PROXY_PATH);

/** A path parameter replaced by a bad id: another kind's, a look-alike, overlong, unknown, or badly encoded. */
export function badPathParam(op: Operation, ctx: FuzzContext): fc.Arbitrary<BadRequest> {
  const body = op.body ? validArb(op.body).map((v) => JSON.stringify(v)) : fc.constant(undefined);
  const defect = fc.constantFrom(...namingParams(op)).chain((name) => {
    const schema = op.pathParams[name] as Schema;
    const real = ctx.params[name] as string;
    const text = fc
      .oneof(
        fc.constantFrom(...ctx.ids).filter((id) => !accepts(schema, id)),
        fc.stringMatching(/^[a-z]{3}_[0-9A-Za-z]{22}$/),
        fc.string({ unit: 'grapheme', maxLength: 40 }).map((rest) => `${real.slice(0, 4)}${rest}`),
        withTrick(fc.constant(real)),
        fc.constant(real.toUpperCase()),
        fc.integer({ min: 1, max: 2 * MAX_PARAM_LENGTH }).map((n) => real + 'A'.repeat(n)),
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        // The right shape for an id that does not exist.
        fc.stringMatching(new RegExp(schema.pattern, 'u')),
      )
      // Dot segments are resolved by URL parsing before routing: not an id at all.
      .filter((v) => v !== real && v !== '.' && v !== '..' && !ctx.named(v))
      .map((value) => ({ name, value, raw: false }));
    const raw = fc.constantFrom(...BAD_ESCAPES).map((value) => ({ name, value, raw: true }));
    return fc.oneof({ weight: 6, arbitrary: text }, { weight: 1, arbitrary: raw });
  });
  return fc.tuple(defect, body).map(([{ name, value, raw }, payload]) => {
    const params = encodeParams({ ...ctx.params, [name]: value }, new Set(raw ? [name] : []));
    let expected: Expected;
    if (raw || value.length > MAX_PARAM_LENGTH) expected = { code: 'INVALID_REQUEST', message: /^url: / };
    else if (!accepts(op.pathParams[name] as Schema, value))
      expected = { code: 'INVALID_REQUEST', message: new RegExp(`^params\\.${name}: `) };
    else expected = { code: 'NOT_FOUND' };
    const request: InjectOptions = {
      method: op.method as never,
      url: urlOf(op, params),
      headers: admin(ctx),
    };
    if (payload !== undefined) Object.assign(request, { payload, headers: json(ctx) });
    return { request, expected };
  });
}

/** True for what `encodeCursor` could have produced: base64url of `{"a": <1 to 100 characters>}`. */
function isIssuedCursor(cursor: string): boolean {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return typeof parsed?.a === 'string' && parsed.a.length > 0 && parsed.a.length <= 100;
  } catch {
    return false;
  }
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');
const badCursor = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.jsonValue({ maxDepth: 2 }).map((v) => base64url(JSON.stringify(v))),
    fc
      .constantFrom('{"a":""}', '{"a":1}', '{"a":null}', 'null', '[]', `{"a":"${'x'.repeat(101)}"}`)
      .map(base64url),
    fc.string({ minLength: 201, maxLength: 260 }),
  )
  .filter((cursor) => !isIssuedCursor(cursor));

const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const NUMERIC_TRICKS = ['１０', '٣', '', ' ', 'NaN', 'Infinity', '-0x1', '1_0', '10abc', '1,5'];

/** A query string with one defect: an unknown name, a bad or repeated value, or a cursor the API never issued. */
export function badQuery(op: Operation, ctx: FuzzContext): fc.Arbitrary<BadRequest> {
  const schema = parametersSchema(op.query);
  const names = Object.keys(op.query);
  const valid = (name: string) => validArb(op.query[name] as Schema).map(asText);
  const invalid = (name: string) => {
    const arb = invalidArb(op.query[name] as Schema);
    const tricks = fc.constantFrom(...NUMERIC_TRICKS);
    return arb ? fc.oneof(arb.map(asText), tricks) : tricks;
  };
  const good = fc.record(Object.fromEntries(names.filter((n) => n !== 'cursor').map((n) => [n, valid(n)])), {
    requiredKeys: [],
  });
  const defects: fc.Arbitrary<Record<string, string | string[]>>[] = [
    fc
      .tuple(
        fieldName.filter((k) => !names.includes(k)),
        fc.string({ maxLength: 10 }),
      )
      .map(([name, value]) => ({ [name]: value })),
    fc.constantFrom(...names).chain((name) => invalid(name).map((value) => ({ [name]: value }))),
    fc
      .constantFrom(...names)
      .chain((name) => fc.tuple(valid(name), valid(name)).map((two) => ({ [name]: two }))),
  ];
  if (names.includes('cursor')) defects.push(badCursor.map((cursor) => ({ cursor })));
  return fc
    .tuple(good, fc.oneof(...defects))
    .map(([g, d]) => ({ ...g, ...d }) as Record<string, string | string[]>)
    .filter((query) => !acceptsText(schema, query) || typeof query.cursor === 'string')
    .map((query) => ({
      request: {
        method: op.method as never,
        url: urlOf(op, encodeParams(ctx.params), queryString(query)),
        headers: admin(ctx),
      },
      expected: acceptsText(schema, query)
        ? { code: 'INVALID_REQUEST', message: 'querystring.cursor: is not a cursor this API issued' }
        : { code: 'INVALID_REQUEST', message: /^querystring[.:[]/ },
    }));
}

/** A JSON body that breaks the operation's request schema, by one defect or as random JSON. */
export function badBody(op: Operation, ctx: FuzzContext): fc.Arbitrary<BadRequest> {
  const schema = op.body as Schema;
  const bodies = fc.oneof(
    { weight: 5, arbitrary: invalidArb(schema) as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).filter((v) => noPoison(v) && !accepts(schema, v)) },
  );
  return bodies.map((value) => ({
    request: {
      method: op.method as never,
      url: urlOf(op, encodeParams(ctx.params)),
      headers: json(ctx),
      payload: JSON.stringify(value),
    },
    expected: { code: 'INVALID_REQUEST', message: /^body[.:[]/ },
  }));
}

/** A `meta` within the schema but over 4 KiB of JSON: wide, multi-byte or deep. */
const hugeMeta = fc.oneof(
  fc
    .integer({ min: 1, max: 64 })
    .map((n) =>
      JSON.stringify(
        Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'x'.repeat(Math.ceil(4097 / n))])),
      ),
    ),
  fc
    .tuple(fc.constantFrom('é', '€', '😀'), fc.nat(100))
    .map(([ch, extra]) => JSON.stringify({ v: ch.repeat(Math.ceil(4097 / Buffer.byteLength(ch)) + extra) })),
  fc.integer({ min: 2100, max: 100_000 }).map((depth) => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`),
);

/** A valid body whose `meta` is too large: the schema passes, the handler's size rule refuses. */
export function hugeMetaBody(op: Operation, ctx: FuzzContext): fc.Arbitrary<BadRequest> {
  return fc.tuple(validArb(op.body as Schema), hugeMeta).map(([body, meta]) => {
    // Spliced in as text: a meta deep enough to matter would overflow JSON.stringify in the test too.
    const { meta: _replaced, ...rest } = body as Record<string, unknown>;
    const payload = JSON.stringify({ ...rest, meta: 0 }).replace(/"meta":0}$/, `"meta":${meta}}`);
    return {
      request: {
        method: op.method as never,
        url: urlOf(op, encodeParams(ctx.params)),
        headers: json(ctx),
        payload,
      },
      expected: { code: 'INVALID_REQUEST', message: 'body.meta: must be at most 4096 bytes of JSON' },
    };
  });
}
