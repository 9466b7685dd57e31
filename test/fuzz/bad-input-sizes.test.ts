import { expect, it } from 'vitest';
import { expected, invalid } from './support/answers.js';
import { spoil } from './support/examples.js';
import { useWorld } from './support/fixture.js';
import { OPERATIONS } from './support/operations.js';

/**
 * PRODUCT.md §11, bad input by size: oversized bodies, overlong strings, too many items, and a `meta`
 * over 4 KiB however it gets there (wide, multi-byte or deep). Each row must get exactly its answer and
 * change nothing.
 */
const f = useWorld();
const { body, row } = f;

const BODY_LIMIT = 1024 * 1024;
const readsBody = OPERATIONS.filter((op) => ['POST', 'PATCH', 'DELETE'].includes(op.method));
const CREATE = 'POST /v1/organizations/{orgId}/apikeys';
const IMPORT = 'POST /v1/organizations/{orgId}/apikeys/import';

it('a body over the 1 MiB limit gets 413 from every endpoint that reads a body', async () => {
  const raw = `{"name":"${'x'.repeat(BODY_LIMIT)}"}`;
  const rows = readsBody.map((op) =>
    row(op.name, { raw }, '413 PAYLOAD_TOO_LARGE body: is larger than the server accepts', 'over 1 MiB'),
  );
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('overlong strings are refused, naming the field and the limit', async () => {
  const tooLong = (op: string, field: string, limit: number) =>
    row(
      op,
      { body: { ...body(op), [field]: 'x'.repeat(limit + 1) } },
      invalid(`body.${field}: must NOT have more than ${limit} characters`),
      field,
    );
  const entry = (body(IMPORT).keys as object[])[0];
  const rows = [
    tooLong('POST /v1/auth/refresh', 'refreshToken', 200),
    tooLong('POST /v1/organizations', 'name', 200),
    tooLong('PATCH /v1/organizations/{orgId}', 'name', 200),
    tooLong('POST /v1/users', 'password', 1024),
    tooLong('PATCH /v1/users/{userId}', 'password', 1024),
    tooLong('POST /v1/organizations/{orgId}/service-users', 'description', 1000),
    tooLong('PATCH /v1/organizations/{orgId}/service-users/{serviceUserId}', 'name', 200),
    tooLong(CREATE, 'apiKey', 256),
    tooLong('PATCH /v1/apikeys/{keyId}', 'description', 1000),
    tooLong('POST /v1/keys/verify', 'key', 4096),
    tooLong('POST /v1/keys/report-leak', 'source', 500),
    row(
      'POST /v1/organizations',
      { body: { name: 'G', keyPrefix: 'a'.repeat(17) } },
      invalid('body.keyPrefix: must NOT have more than 16 characters'),
      'keyPrefix',
    ),
    row(
      'POST /v1/users',
      { body: { username: `e${'r'.repeat(64)}`, password: 'erin-password-1' } },
      invalid('body.username: must NOT have more than 64 characters'),
      'username',
    ),
    row(
      CREATE,
      { body: { ...body(CREATE), scopes: [`documents:${'x'.repeat(120)}`] } },
      invalid('body.scopes[0]: must NOT have more than 129 characters'),
      'scope',
    ),
    row(
      IMPORT,
      { body: { keys: [{ ...entry, hash: 'x'.repeat(101) }] } },
      invalid('body.keys[0].hash: must NOT have more than 100 characters'),
      'hash',
    ),
    row(
      'POST /v1/keys/report-leak',
      { body: { keys: ['x'.repeat(4097)] } },
      invalid('body.keys[0]: must NOT have more than 4096 characters'),
      'key',
    ),
  ];
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('too many items are refused, naming the field and the limit', async () => {
  const entry = (body(IMPORT).keys as object[])[0];
  const scopes = (n: number) => Array.from({ length: n }, (_, i) => `documents:s${i}`);
  const rows = [
    row(
      IMPORT,
      { body: { keys: Array(1001).fill(entry) } },
      invalid('body.keys: must NOT have more than 1000 items'),
      '1001 entries',
    ),
    row(IMPORT, { body: { keys: [] } }, invalid('body.keys: must NOT have fewer than 1 items'), 'no entries'),
    row(
      CREATE,
      { body: { ...body(CREATE), scopes: scopes(65) } },
      invalid('body.scopes: must NOT have more than 64 items'),
      '65 scopes',
    ),
    row(
      'POST /v1/keys/verify',
      { body: { key: 'k', permissions: scopes(65) } },
      invalid('body.permissions: must NOT have more than 64 items'),
      '65 permissions',
    ),
    row(
      'POST /v1/keys/report-leak',
      { body: { keys: Array(101).fill('k') } },
      invalid('body.keys: must NOT have more than 100 items'),
      '101 keys',
    ),
  ];
  expect(await f.answers(rows)).toEqual(expected(rows));
});

const META_LIMIT = invalid('body.meta: must be at most 4096 bytes of JSON');
const deep = (depth: number) => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;
const withMeta = (op: string, meta: string) =>
  JSON.stringify({ ...body(op), meta: 0 }).replace(/"meta":0}$/, `"meta":${meta}}`);

it('a meta over 4 KiB is refused, whether wide, multi-byte or deep', async () => {
  const metas: Array<[string, string, string]> = [
    ['5000 bytes', JSON.stringify({ v: 'x'.repeat(5000) }), META_LIMIT],
    ['2100 two-byte characters', JSON.stringify({ v: 'é'.repeat(2100) }), META_LIMIT],
    [
      '64 entries of 100 bytes',
      JSON.stringify(Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`k${i}`, 'x'.repeat(100)]))),
      META_LIMIT,
    ],
    [
      '65 entries',
      JSON.stringify(Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, i]))),
      invalid('body.meta: must NOT have more than 64 properties'),
    ],
    ['nested 10,000 deep', deep(10_000), META_LIMIT],
    ['nested 200,000 deep', deep(200_000), META_LIMIT],
  ];
  const rows = [CREATE, 'PATCH /v1/apikeys/{keyId}'].flatMap((op) =>
    metas.map(([label, meta, expect]) => row(op, { raw: withMeta(op, meta) }, expect, label)),
  );
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it.each([
  ['wide', JSON.stringify({ v: 'x'.repeat(5000) })],
  ['nested 10,000 deep', deep(10_000)],
])('an import entry with a meta over 4 KiB (%s) fails alone, and nothing is stored', async (_label, meta) => {
  const entry = JSON.stringify((body(IMPORT).keys as object[])[0]);
  const before = await f.snapshots.take();
  const raw = `{"keys":[${entry.replace(/}$/, `,"meta":${meta}}`)}]}`;
  const reply = await f.t.app.inject(spoil(f.example(IMPORT), f.w, { raw }));
  expect(reply.statusCode, reply.body).toBe(200);
  expect(reply.json()).toEqual({
    success: true,
    imported: 0,
    failed: 1,
    results: [
      {
        index: 0,
        success: false,
        error: { code: 'INVALID_REQUEST', message: 'body.keys[0].meta: must be at most 4096 bytes of JSON' },
      },
    ],
  });
  expect(await f.snapshots.take()).toStrictEqual(before);
});
