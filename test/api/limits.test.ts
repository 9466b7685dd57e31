import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { expected, invalid, type Row } from '../fuzz/support/answers.js';
import { type Example, spoil } from '../fuzz/support/examples.js';
import { useWorld } from '../fuzz/support/fixture.js';
import type { Schema } from '../fuzz/support/operations.js';
import { injectWhole, TRANSPORT } from '../support/app.js';

/**
 * Issue 18, "the API document states its limits, and the server enforces them": every string, array and
 * integer of the served OpenAPI document has a bound; every bound of a request (body or query string) is
 * enforced, a value just over it answering `400` in the one error shape and a value at it not refused for
 * its size; and the bounds of responses hold what the server really writes.
 */
const f = useWorld();
/** The served OpenAPI document, read as plain JSON. */
let doc: any;

beforeAll(async () => {
  doc = (await f.t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
});

/** Every schema node of a type with no bound, by its JSON pointer in the document. */
function unbounded(node: unknown, at = '#'): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => unbounded(item, `${at}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  const n = node as Schema;
  const missing: string[] = [];
  if (n.type === 'string' && !('maxLength' in n || 'enum' in n || 'const' in n))
    missing.push(`${at} maxLength`);
  if (n.type === 'array' && !('maxItems' in n)) missing.push(`${at} maxItems`);
  if (n.type === 'integer' && !('minimum' in n && 'maximum' in n && 'format' in n))
    missing.push(`${at} minimum, maximum and format`);
  for (const [key, value] of Object.entries(n)) missing.push(...unbounded(value, `${at}/${key}`));
  return missing;
}

describe('the document states its limits', () => {
  it('gives every string a maxLength, every array a maxItems, every integer its range and format', () => {
    expect(Object.keys(doc.paths).length).toBeGreaterThan(30);
    expect(unbounded(doc)).toEqual([]);
  });

  it('names the servers it describes', () => {
    expect(doc.servers.length).toBeGreaterThan(0);
    expect(doc.servers[0].url).toBe('/');
  });

  it('declares the rate-limit header fields on every 429, and on the verification of a key', () => {
    const throttled = Object.values<Record<string, Schema>>(doc.paths).flatMap((item) =>
      Object.values(item).flatMap((op) => (op.responses?.['429'] ? [op.responses['429']] : [])),
    );
    expect(throttled.length).toBeGreaterThan(40);
    for (const response of throttled)
      expect(Object.keys(response.headers).sort()).toEqual(['RateLimit', 'RateLimit-Policy', 'Retry-After']);
    expect(Object.keys(doc.paths['/v1/keys/verify'].post.responses['200'].headers).sort()).toEqual([
      'RateLimit',
      'RateLimit-Policy',
    ]);
    for (const name of ['RateLimit', 'RateLimit-Policy', 'Retry-After'])
      expect(doc.components.headers[name].schema).toBeDefined();
  });
});

/** One bounded value of a request: where it goes, and the schemas of it and of what holds it. */
interface Bound {
  part: 'body' | 'querystring';
  /** Property names and array indexes, from the body or the query string down. */
  path: Array<string | number>;
  schema: Schema;
  /** The schemas of the containers along the path, outermost first, to build any the example lacks. */
  holders: Schema[];
}

/** A string with a maxLength (not a constant), an array with a maxItems, an integer with a range. */
const isBounded = (schema: Schema) =>
  (schema.type === 'string' && 'maxLength' in schema) ||
  (schema.type === 'array' && 'maxItems' in schema) ||
  (schema.type === 'integer' && 'minimum' in schema && 'maximum' in schema);

/** Whether a schema, or anything in it, is bounded. */
function holdsBound(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  return isBounded(node as Schema) || Object.values(node).some(holdsBound);
}

/** Every bounded string, array and integer under a request schema, following the example's own shape. */
function boundsIn(
  schema: Schema,
  example: unknown,
  path: Bound['path'],
  holders: Schema[],
): Omit<Bound, 'part'>[] {
  const found: Omit<Bound, 'part'>[] = [];
  for (const branch of [...(schema.anyOf ?? []), ...(schema.allOf ?? [])])
    found.push(...boundsIn(branch, example, path, holders));
  if (isBounded(schema) && path.length > 0) found.push({ path, schema, holders });
  const inner = [...holders, schema];
  const value = example as Record<string, unknown> | undefined;
  for (const [name, property] of Object.entries<Schema>(schema.properties ?? {}))
    found.push(...boundsIn(property, value?.[name], [...path, name], inner));
  // A record (a connection's config): the example's own field names.
  const records = [...Object.values<Schema>(schema.patternProperties ?? {})];
  if (typeof schema.additionalProperties === 'object') records.push(schema.additionalProperties);
  for (const property of records)
    for (const name of Object.keys(value ?? {}))
      found.push(...boundsIn(property, value?.[name], [...path, name], inner));
  if (schema.type === 'array' && schema.items && Array.isArray(example) && example.length > 0)
    found.push(...boundsIn(schema.items, example[0], [...path, 0], inner));
  return found;
}

/** A value the schema accepts, when one can be made without knowing what a pattern means. */
function minimal(schema: Schema): unknown {
  if ('const' in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return schema.anyOf.map(minimal).find((value: unknown) => value !== undefined);
  switch (schema.type) {
    case 'object': {
      const built: Record<string, unknown> = {};
      for (const name of schema.required ?? []) built[name] = minimal(schema.properties?.[name] ?? {});
      return Object.values(built).includes(undefined) ? undefined : built;
    }
    case 'array':
      return [];
    case 'integer':
      return schema.default ?? schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
      if (schema.format === 'date-time') return '2030-01-01T00:00:00.000Z';
      return schema.pattern ? undefined : 'x'.repeat(Math.max(1, schema.minLength ?? 0));
    default:
      return undefined;
  }
}

/** `body.keys[0].name`, as the server's error names a field. */
const fieldName = (bound: Bound) =>
  bound.part + bound.path.map((step) => (typeof step === 'number' ? `[${step}]` : `.${step}`)).join('');

/** The example's body with one value replaced, and any container the example lacks built around it. */
function bodyWith(example: Example, bound: Bound, value: unknown): unknown {
  const body = structuredClone(example.body ?? {}) as Record<string | number, unknown>;
  let holder: Record<string | number, unknown> = body;
  bound.path.forEach((step, i) => {
    if (i === bound.path.length - 1) {
      holder[step] = value;
      return;
    }
    if (holder[step] === undefined) {
      const next = bound.holders[i + 1] as Schema;
      holder[step] = next.type === 'array' ? [] : (minimal(next) ?? {});
    }
    holder = holder[step] as Record<string | number, unknown>;
  });
  return body;
}

/** The example's URL with one query parameter set. */
function urlWith(example: Example, name: string, value: unknown): string {
  const url = new URL(example.url, 'http://keyward.test');
  url.searchParams.set(name, String(value));
  return `${url.pathname}${url.search}`;
}

/** Values just over a bound, with the refusal each must get, and values at it. */
function probes(bound: Bound): { over: Array<[unknown, string]>; at: unknown[] } {
  const s = bound.schema;
  const field = fieldName(bound);
  if (s.type === 'string')
    return {
      over: [['x'.repeat(s.maxLength + 1), `${field}: must NOT have more than ${s.maxLength} characters`]],
      at: ['x'.repeat(s.maxLength)],
    };
  if (s.type === 'array') {
    const item = minimal(s.items ?? {}) ?? 'x';
    return {
      over: [[Array(s.maxItems + 1).fill(item), `${field}: must NOT have more than ${s.maxItems} items`]],
      at: [Array(s.maxItems).fill(item)],
    };
  }
  return {
    over: [
      [s.maximum + 1, `${field}: must be <= ${s.maximum}`],
      [s.minimum - 1, `${field}: must be >= ${s.minimum}`],
    ],
    at: [s.maximum, s.minimum],
  };
}

/** Every operation's bounded request values, with the example request each is sent on. */
function allBounds(): Array<{ op: string; example: Example; bound: Bound }> {
  const found: Array<{ op: string; example: Example; bound: Bound }> = [];
  for (const [path, item] of Object.entries<Record<string, Schema>>(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const name = `${method.toUpperCase()} ${path}`;
      const example = f.example(name);
      const body = op.requestBody?.content?.['application/json']?.schema;
      if (body) {
        for (const bound of boundsIn(body, example.body, [], []))
          found.push({ op: name, example, bound: { ...bound, part: 'body' } });
      }
      for (const parameter of op.parameters ?? []) {
        if (parameter.in !== 'query' || !isBounded(parameter.schema)) continue;
        const bound: Bound = {
          part: 'querystring',
          path: [parameter.name],
          schema: parameter.schema,
          holders: [],
        };
        found.push({ op: name, example, bound });
      }
    }
  }
  return found;
}

/**
 * Over a socket, verifications go over the wire, through the hot path as in production: it validates
 * the body with the route's schema and leaves a refusal to Fastify's route, which answers it.
 */
const viaHotPath = (op: string) => TRANSPORT === 'socket' && op === 'POST /v1/keys/verify';

/** The request for one probe: the example's, as a cluster admin, from an address of its own. */
let sent = 0;
function request(example: Example, bound: Bound, value: unknown): InjectOptions {
  sent++;
  // Some refusals count against the address (an unknown refresh token, a key to look up): each probe
  // comes from its own address, so that the failed-authentication throttle never answers for the schema.
  const remoteAddress = `127.1.${sent >> 8}.${sent & 255}`;
  if (bound.part === 'querystring')
    return spoil(example, f.w, { url: urlWith(example, String(bound.path[0]), value), remoteAddress });
  return spoil(example, f.w, { body: bodyWith(example, bound, value), remoteAddress });
}

describe('the server enforces the limits of requests', () => {
  it('reaches a bound of every operation whose body or query string holds one', () => {
    const bounds = allBounds();
    const withInput = Object.entries<Record<string, Schema>>(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => {
          const body = op.requestBody?.content?.['application/json']?.schema;
          const query = (op.parameters ?? []).filter((p: Schema) => p.in === 'query');
          return holdsBound(body) || query.some((p: Schema) => holdsBound(p.schema));
        })
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(withInput.length).toBeGreaterThan(30);
    expect([...new Set(bounds.map((b) => b.op))].sort()).toEqual(withInput.sort());
    // Nested values are reached too: an imported key's name, a key's rate limit, a connection's config.
    const fields = bounds.map((b) => `${b.op} ${fieldName(b.bound)}`);
    expect(fields).toContain('POST /v1/organizations/{orgId}/apikeys/import body.keys[0].name');
    expect(fields).toContain('POST /v1/organizations/{orgId}/apikeys body.ratelimit.limit');
    expect(fields).toContain('POST /v1/organizations/{orgId}/connections body.config.hostname');
  });

  it('refuses a value just over each bound with 400 in the error shape, changing nothing', async () => {
    const rows: Row[] = allBounds().flatMap(({ op, example, bound }) =>
      probes(bound).over.map(([value, message]) => ({
        name: `${op} ${message}`,
        request: request(example, bound, value),
        wire: viaHotPath(op),
        expect: invalid(message),
      })),
    );
    expect(rows.length).toBeGreaterThan(100);
    expect(await f.answers(rows)).toEqual(expected(rows));
  });

  it('does not refuse a value at each bound for its size', async () => {
    const rows = allBounds().flatMap(({ op, example, bound }) =>
      probes(bound).at.map((value) => ({
        name: `${op} ${fieldName(bound)} at ${Array.isArray(value) ? `${value.length} items` : String(value).length}`,
        request: request(example, bound, value),
        wire: viaHotPath(op),
        // The size rules' wording, for this field: any other answer (a pattern, a conflict, success) is not
        // a refusal of the value's size.
        sizeRule: new RegExp(
          `^400 INVALID_REQUEST ${fieldName(bound).replace(/[.[\]]/g, '\\$&')}: must (NOT have more than|be <=|be >=)`,
        ),
      })),
    );
    expect(rows.length).toBeGreaterThan(100);
    const got = await f.answers(rows.map(({ sizeRule: _, ...row }) => ({ ...row, expect: '' })));
    const refused = rows.filter((row) => row.sizeRule.test(got[row.name] ?? '')).map((row) => got[row.name]);
    expect(refused).toEqual([]);
    // Most values at their bound are simply taken.
    expect(Object.values(got).filter((answer) => /^20[01] /.test(answer)).length).toBeGreaterThan(30);
  });
});

describe('the bounds of responses hold what the server writes', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  let compiled = false;

  /** Checks an answer against the schema the document gives its status, with the document's refs. */
  function check(op: string, status: number, text: string): string[] {
    if (!compiled) {
      ajv.addSchema({ components: doc.components }, 'doc');
      compiled = true;
    }
    const [method, path] = op.split(' ') as [string, string];
    const response = doc.paths[path][method.toLowerCase()].responses[String(status)];
    const schema = response?.content?.['application/json']?.schema;
    if (!schema) return [];
    const resolved = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));
    const validate = ajv.compile(resolved);
    return validate(JSON.parse(text)) ? [] : [`${op} ${status}: ${ajv.errorsText(validate.errors)}`];
  }

  it('answers a key with its longest name and description within the bounds', async () => {
    const reply = await f.t.app.inject(
      spoil(f.example('POST /v1/organizations/{orgId}/apikeys'), f.w, {
        body: {
          ...f.body('POST /v1/organizations/{orgId}/apikeys'),
          name: 'n'.repeat(200),
          description: 'd'.repeat(1000),
        },
        remoteAddress: '127.3.0.2',
      }),
    );
    expect(reply.statusCode).toBe(201);
    expect(check('POST /v1/organizations/{orgId}/apikeys', 201, reply.body)).toEqual([]);
  });

  it("answers each example request within its documented bounds, the catalogue's providers included", async () => {
    const problems: string[] = [];
    const names = [
      ...Object.keys(f.examples).filter(
        (name) => !name.includes('/proxy/') && !['GET /metrics', 'GET /v1/audit/export'].includes(name),
      ),
    ];
    // Reads first, then writes, and deletions last, so that each example finds what it names.
    const order = (name: string) => (name.startsWith('GET') ? 0 : name.startsWith('DELETE') ? 2 : 1);
    names.sort((a, b) => order(a) - order(b));
    let i = 0;
    for (const name of names) {
      i++;
      const reply = await injectWhole(f.t.app, {
        ...spoil(f.example(name), f.w),
        remoteAddress: `127.2.0.${i}`,
      });
      if (reply.headers['content-type']?.toString().startsWith('application/json'))
        problems.push(...check(name, reply.statusCode, reply.body));
    }
    const providers = [...f.t.deps.catalog.providers.values()];
    expect(providers.length).toBeGreaterThan(10);
    for (const provider of providers) {
      const reply = await f.t.app.inject(
        spoil({ method: 'GET', url: `/v1/providers/${provider.name}` }, f.w, { remoteAddress: '127.3.0.1' }),
      );
      expect(reply.statusCode).toBe(200);
      problems.push(...check('GET /v1/providers/{name}', 200, reply.body));
    }
    expect(problems).toEqual([]);
  });
});
