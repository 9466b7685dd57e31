import { describe, expect, it } from 'vitest';
import { changes, expected, invalid } from './support/answers.js';
import { spoil } from './support/examples.js';
import { useWorld } from './support/fixture.js';
import { isProxy, OPERATIONS } from './support/operations.js';
import { accepts } from './support/schema-oracle.js';

/**
 * PRODUCT.md §11, bad input, item by item: malformed JSON, wrong types, unknown and missing fields,
 * prototype poisoning and content types, each on every endpoint it applies to. Every request must get
 * exactly the answer in its row, with a message that names the field and the rule, and change nothing.
 * Sizes, rules and Unicode tricks, ids, cursors and headers have files of their own.
 */
const f = useWorld();
const { body, row } = f;

const withBody = OPERATIONS.filter((op) => op.body !== null);
// The proxy parses no body: it forwards any, JSON or not, and its own refusals are bad-proxy.ts's.
const readsBody = OPERATIONS.filter((op) => ['POST', 'PATCH', 'DELETE'].includes(op.method) && !isProxy(op));

it('has a valid example of every operation, so that each row spoils one thing only', () => {
  expect(Object.keys(f.examples).sort()).toEqual(OPERATIONS.map((op) => op.name).sort());
  for (const op of withBody) expect(accepts(op.body ?? {}, body(op.name)), op.name).toBe(true);
});

describe('malformed JSON', () => {
  it.each([
    ['a truncated document', '{"name":'],
    ['single quotes', "{'name':'x'}"],
    ['a trailing comma', '{"name":"x",}'],
    ['two documents', '{}{}'],
  ])('%s is refused by every endpoint that reads a body', async (_what, raw) => {
    const rows = readsBody.map((op) => row(op.name, { raw }, '400 INVALID_JSON body: is not valid JSON'));
    expect(await f.answers(rows)).toEqual(expected(rows));
  });

  it('an empty body that claims to be JSON is refused where a body is expected', async () => {
    const rows = readsBody
      .filter((op) => op.body !== null)
      .map((op) => row(op.name, { raw: '' }, '400 INVALID_JSON body: is empty but the content type is JSON'));
    expect(await f.answers(rows)).toEqual(expected(rows));
  });
});

describe('a bodyless request whose empty body claims to be JSON, as many HTTP libraries send', () => {
  // Operations that take no body; the proxy forwards whatever comes, and the token endpoint reads a form.
  const bodyless = readsBody.filter((op) => op.body === null && /\{[a-zA-Z]+Id\}/.test(op.path));
  /** The example's URL with every id replaced by a well-formed one that names nothing. */
  const unknownIds = (url: string) =>
    url.replace(/\b([a-z]{3})_[0-9A-Za-z]{22}\b/g, (_id, prefix: string) => `${prefix}_${'0'.repeat(22)}`);

  it('gets the answer it gets without the content type', async () => {
    expect(bodyless.map((op) => op.name)).toContain('DELETE /v1/apikeys/{keyId}');
    const auth = { authorization: `Bearer ${f.w.tokens.admin}` };
    const rows = (headers: Record<string, string>) =>
      bodyless.map((op) => row(op.name, { url: unknownIds(f.example(op.name).url), headers, raw: '' }, ''));
    const plain = await f.answers(rows(auth));
    const typed = await f.answers(rows({ ...auth, 'content-type': 'application/json' }));
    expect(typed).toEqual(plain);
    for (const answer of Object.values(typed)) expect(answer).toMatch(/^404 NOT_FOUND /);
  });
});

it('prototype poisoning is refused before any handler sees it', async () => {
  const poisoned = (op: string, raw: string) =>
    row(op, { raw }, '400 INVALID_JSON body: is not valid JSON', raw);
  const rows = [
    poisoned('POST /v1/organizations', '{"__proto__":{"clusterAdmin":true},"name":"x"}'),
    poisoned('POST /v1/users', '{"username":"eve","password":"eve-pass-1","constructor":{"prototype":{}}}'),
    poisoned('PATCH /v1/apikeys/{keyId}', '{"meta":{"__proto__":{"polluted":true}}}'),
    poisoned('POST /v1/keys/verify', '{"key":"x","__proto__":{"valid":true}}'),
  ];
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('a body that is not an object is refused by every endpoint with a body schema', async () => {
  const rows = withBody.flatMap((op) =>
    ['[]', 'null', '"text"', '42'].map((raw) => row(op.name, { raw }, invalid('body: must be object'), raw)),
  );
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('wrong types are refused, naming the field and the type', async () => {
  const create = 'POST /v1/organizations/{orgId}/apikeys';
  const members = 'POST /v1/organizations/{orgId}/members';
  const rows = [
    row(
      'POST /v1/auth/refresh',
      { body: { refreshToken: 42 } },
      invalid('body.refreshToken: must be string'),
    ),
    row(
      'POST /v1/auth/logout',
      { body: { refreshToken: null } },
      invalid('body.refreshToken: must be string'),
    ),
    row(
      'POST /v1/organizations',
      { body: { name: 'G', keyPrefix: 7 } },
      invalid('body.keyPrefix: must be string'),
    ),
    row(
      'PATCH /v1/organizations/{orgId}',
      { body: { name: ['Acme'] } },
      invalid('body.name: must be string'),
    ),
    row(members, { body: { ...body(members), role: 1 } }, invalid('body.role: must be string')),
    row(
      'PATCH /v1/organizations/{orgId}/members/{userId}',
      { body: { role: true } },
      invalid('body.role: must be string'),
    ),
    row(
      'POST /v1/users',
      { body: { username: 'erin', password: 12345678 } },
      invalid('body.password: must be string'),
    ),
    row(
      'PATCH /v1/users/{userId}',
      { body: { disabled: 'true' } },
      invalid('body.disabled: must be boolean'),
    ),
    row(
      'POST /v1/organizations/{orgId}/service-users',
      { body: { name: 'd', role: 'member', expiresAt: 1e12 } },
      invalid('body.expiresAt: must be string'),
    ),
    row(
      'PATCH /v1/organizations/{orgId}/service-users/{serviceUserId}',
      { body: { description: 5 } },
      invalid('body.description: must be string'),
    ),
    row(create, { body: { ...body(create), ttl: '60' } }, invalid('body.ttl: must be integer')),
    row(
      'PATCH /v1/apikeys/{keyId}',
      { body: { enabled: 'false' } },
      invalid('body.enabled: must be boolean'),
    ),
    row(
      'POST /v1/apikeys/{keyId}/rotate',
      { body: { gracePeriod: '60' } },
      invalid('body.gracePeriod: must be integer'),
    ),
    row(
      'POST /v1/organizations/{orgId}/apikeys/import',
      { body: { keys: {} } },
      invalid('body.keys: must be array'),
    ),
    row(
      'POST /v1/console/session',
      { body: { username: 'bob', password: 7 } },
      invalid('body.password: must be string'),
    ),
    row('POST /v1/keys/verify', { body: { key: 123 } }, invalid('body.key: must be string')),
    row('POST /v1/apikeys/lookup', { body: { key: ['acme_x'] } }, invalid('body.key: must be string')),
    row('POST /v1/keys/report-leak', { body: { keys: 'acme_x' } }, invalid('body.keys: must be array')),
    row(
      'POST /v1/organizations/{orgId}/connections',
      { body: { ...body('POST /v1/organizations/{orgId}/connections'), credentials: ['secret'] } },
      invalid('body.credentials: must be object'),
    ),
    row(
      'PATCH /v1/connections/{connectionId}',
      { body: { config: { hostname: 443 } } },
      invalid('body.config.hostname: must be string'),
    ),
    row(
      'POST /v1/organizations/{orgId}/connect-sessions',
      { body: { providers: 'sentinelone' } },
      invalid('body.providers: must be array'),
    ),
    row(
      'POST /v1/connect/connections',
      { body: { ...body('POST /v1/connect/connections'), provider: 7 } },
      invalid('body.provider: must be string'),
    ),
    row(
      'POST /v1/organizations/{orgId}/webhooks',
      { body: { ...body('POST /v1/organizations/{orgId}/webhooks'), events: 'key.revoked' } },
      invalid('body.events: must be array'),
    ),
    row(
      'PATCH /v1/webhooks/{webhookId}',
      { body: { enabled: 'no' } },
      invalid('body.enabled: must be boolean'),
    ),
  ];
  expect(rows.map((r) => r.name).sort()).toEqual(withBody.map((op) => op.name).sort());
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('unknown fields are refused by every endpoint with a body, at any depth', async () => {
  const create = 'POST /v1/organizations/{orgId}/apikeys';
  const imports = 'POST /v1/organizations/{orgId}/apikeys/import';
  const entry = (body(imports).keys as object[])[0];
  const rows = [
    ...withBody.map((op) =>
      row(
        op.name,
        { body: { ...body(op.name), isAdmin: true } },
        invalid('body.isAdmin: is not a known field'),
      ),
    ),
    row(
      create,
      { body: { ...body(create), ratelimit: { limit: 1, duration: 1000, burst: 9 } } },
      invalid('body.ratelimit.burst: is not a known field'),
      'in ratelimit',
    ),
    row(
      imports,
      { body: { keys: [{ ...entry, owner: 'x' }] } },
      invalid('body.keys[0].owner: is not a known field'),
      'in an entry',
    ),
  ];
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('missing required fields are refused, naming the field', async () => {
  const create = 'POST /v1/organizations/{orgId}/apikeys';
  const rows = [
    row('POST /v1/users', { body: { username: 'erin' } }, invalid('body.password: is required')),
    row(create, { body: { name: 'k' } }, invalid('body.role: is required')),
    row('POST /v1/keys/verify', { body: {} }, invalid('body.key: is required')),
    row(
      'POST /v1/organizations/{orgId}/connections',
      { body: { provider: 'sentinelone', config: { hostname: 'acme.sentinelone.net' } } },
      invalid('body.credentials: is required'),
    ),
  ];
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('content types other than JSON are refused', async () => {
  const admin = { authorization: `Bearer ${f.w.tokens.admin}` };
  const unsupported = '415 UNSUPPORTED_MEDIA_TYPE content-type: must be application/json';
  const typed = (type: string | undefined, expect: string) =>
    row(
      'POST /v1/organizations',
      { raw: '{"name":"Gamma"}', headers: type ? { ...admin, 'content-type': type } : admin },
      expect,
      `as ${type ?? 'no content type'}`,
    );
  const rows = [
    typed('text/plain', unsupported),
    typed('application/xml', unsupported),
    typed('application/x-www-form-urlencoded', unsupported),
    typed('application/jsonp', unsupported),
    typed(undefined, unsupported),
  ];
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('the store snapshot sees a valid write, so the checks above can fail', async () => {
  const before = JSON.stringify(await f.snapshots.take());
  const reply = await f.t.app.inject(spoil(f.example('PATCH /v1/organizations/{orgId}'), f.w));
  expect(reply.statusCode).toBe(200);
  expect(JSON.stringify(await f.snapshots.take())).not.toBe(before);
});

it('the snapshot sees a request reach the provider, so the checks above can fail', async () => {
  const before = await f.snapshots.take();
  const reply = await f.t.app.inject(spoil(f.example('GET /v1/connections/{connectionId}/proxy/{*}'), f.w));
  expect(reply.statusCode).toBe(200);
  expect(changes(before, await f.snapshots.take())).toEqual({ store: false, provider: true });
});
