import { expect, it } from 'vitest';
import { expected, invalid, type Row } from './support/answers.js';
import { namingParams } from './support/bad-requests.js';
import { spoil } from './support/examples.js';
import { useWorld } from './support/fixture.js';
import { isProxy, OPERATIONS, type Operation } from './support/operations.js';

/**
 * PRODUCT.md §11, bad input in the URL: bad ids on every endpoint that takes one, bad cursors and limits
 * on every list, unknown query parameters, timestamps that are no instant, URLs that do not decode, and
 * proxy paths that would leave the provider's base path.
 * Each row must get exactly its answer and change nothing.
 */
// Listening, so that the proxy's rows can go over the wire with their dot segments as written.
const f = useWorld({ socket: true });

const withIds = OPERATIONS.filter((op) => namingParams(op).some((name) => name !== 'name'));
const providerOps = OPERATIONS.filter((op) => 'name' in op.pathParams);
const lists = OPERATIONS.filter((op) => 'cursor' in op.query);
const withQuery = OPERATIONS.filter((op) => Object.keys(op.query).length > 0);

/** Each id prefix with one Latin letter swapped for the Cyrillic letter that looks the same. */
const LOOK_ALIKES: Record<string, string> = {
  org: '\u043erg',
  usr: 'u\u0455r',
  svc: '\u0455vc',
  key: 'k\u0435y',
  con: '\u0441on',
};

/** The operation's example with one path parameter replaced, its query kept. */
function withParam(op: Operation, name: string, value: string): string {
  const real = f.examples[op.name]?.url.split('/') ?? [];
  const template = op.path.split('/');
  const replaced = template.map((part, i) => (part === `{${name}}` ? value : real[i]));
  // The proxy's `{*}` stands for several segments: those of the example past the template stay.
  return [...replaced, ...real.slice(template.length)].join('/');
}
/** The operation's example with `query` added to whatever query the example has. */
const queried = (op: Operation, query: string, expect: string, label = query): Row => {
  const url = f.example(op.name).url;
  return {
    name: `${op.name} ?${label}`,
    request: spoil(f.example(op.name), f.w, { url: `${url}${url.includes('?') ? '&' : '?'}${query}` }),
    expect,
  };
};

it('bad ids are refused on every endpoint that takes one: another kind, a look-alike, unknown', async () => {
  const rows = withIds.flatMap((op) =>
    namingParams(op).flatMap((name): Row[] => {
      const schema = op.pathParams[name] as { pattern: string; maxLength: number };
      const prefix = (schema.pattern as string).slice(1, 4);
      const id = (value: string, expect: string, label: string) => ({
        name: `${op.name} ${name} ${label}`,
        request: spoil(f.example(op.name), f.w, { url: withParam(op, name, value) }),
        expect,
      });
      // The id's length is checked before its pattern: an id longer than any id is refused for that.
      const refused = (value: string) =>
        decodeURIComponent(value).length > schema.maxLength
          ? invalid(`params.${name}: must NOT have more than ${schema.maxLength} characters`)
          : invalid(`params.${name}: must match pattern "${schema.pattern}"`);
      const lookAlike = encodeURIComponent(`${LOOK_ALIKES[prefix]}_0VbyUlysu3mvWk0wctqqpX`);
      const zeroWidth = encodeURIComponent(`${prefix}_0VbyUlysu3mvWk0wctqq\u200bX`);
      const other = prefix === 'key' ? f.w.orgA : f.w.keys.bob.id;
      return [
        id(other, refused(other), 'of another kind'),
        id(lookAlike, refused(lookAlike), 'with a Cyrillic look-alike'),
        id(zeroWidth, refused(zeroWidth), 'with a zero-width space'),
        id(
          `${prefix}_0VbyUlysu3mvWk0wctqqpX%00`,
          refused(`${prefix}_0VbyUlysu3mvWk0wctqqpX%00`),
          'with a NUL',
        ),
        id(
          `${prefix}_0VbyUlysu3mvWk0wctqqp`,
          refused(`${prefix}_0VbyUlysu3mvWk0wctqqp`),
          'one character short',
        ),
        id(`${prefix}_ZZZZZZZZZZZZZZZZZZZZZZ`, '404 NOT_FOUND', 'that does not exist'),
      ].map((r) => (r.expect === '404 NOT_FOUND' ? { ...r, expect: notFound(op, name) } : r));
    }),
  );
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it("bad provider names are refused: not the catalog's spelling, a look-alike, unknown", async () => {
  const pattern = invalid('params.name: must match pattern "^[a-z0-9][a-z0-9._-]{0,99}$"');
  const rows = providerOps.flatMap((op) => {
    const named = (value: string, expect: string, label: string): Row => ({
      name: `${op.name} ${label}`,
      request: spoil(f.example(op.name), f.w, { url: withParam(op, 'name', value) }),
      expect,
    });
    return [
      named('SentinelOne', pattern, 'in capitals'),
      named(encodeURIComponent('sentinel\u043ene'), pattern, 'with a Cyrillic look-alike'),
      named(encodeURIComponent('sentinelone\u200b'), pattern, 'with a zero-width space'),
      named('-sentinelone', pattern, 'with a leading hyphen'),
      named(
        'n'.repeat(101),
        invalid('params.name: must NOT have more than 100 characters'),
        'of 101 characters',
      ),
      named('no-such-provider', '404 NOT_FOUND Provider not found', 'that does not exist'),
    ];
  });
  expect(rows.length).toBeGreaterThan(0);
  expect(await f.answers(rows)).toEqual(expected(rows));
});

/** The 404 message names what the path points at: the organization first, then the object in it. */
function notFound(op: Operation, name: string): string {
  const what: Record<string, string> = {
    orgId: 'Organization',
    userId: op.path.includes('/members/') ? 'Member' : 'User',
    serviceUserId: 'Service user',
    keyId: 'API key',
    connectionId: 'Connection',
    sessionId: 'Connect session',
    webhookId: 'Webhook',
  };
  return `404 NOT_FOUND ${what[name]} not found`;
}

it('bad cursors are refused by every list', async () => {
  const issued = 'querystring.cursor: is not a cursor this API issued';
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  const rows = lists.flatMap((op) => [
    queried(op, 'cursor=garbage', invalid(issued)),
    queried(op, 'cursor=', invalid(issued)),
    queried(op, `cursor=${b64('{"a":1}')}`, invalid(issued), 'cursor={"a":1}'),
    queried(op, `cursor=${b64('null')}`, invalid(issued), 'cursor=null'),
    queried(op, `cursor=${b64(`{"a":"${'x'.repeat(101)}"}`)}`, invalid(issued), 'cursor=101 characters'),
    queried(
      op,
      `cursor=${'A'.repeat(201)}`,
      invalid('querystring.cursor: must NOT have more than 200 characters'),
      'cursor=201 characters',
    ),
    queried(op, 'cursor=a&cursor=b', invalid('querystring.cursor: must be string')),
  ]);
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('limits out of range or not integers are refused by every list', async () => {
  const rows = lists.flatMap((op) => [
    queried(op, 'limit=0', invalid('querystring.limit: must be >= 1')),
    queried(op, 'limit=-1', invalid('querystring.limit: must be >= 1')),
    queried(op, 'limit=201', invalid('querystring.limit: must be <= 200')),
    queried(op, 'limit=1.5', invalid('querystring.limit: must be integer')),
    queried(op, 'limit=ten', invalid('querystring.limit: must be integer')),
    queried(op, 'limit=%EF%BC%91%EF%BC%90', invalid('querystring.limit: must be integer'), 'limit=１０'),
    queried(op, 'limit=1&limit=2', invalid('querystring.limit: must be integer')),
  ]);
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('unknown query parameters are refused by every endpoint with a query schema', async () => {
  const rows = withQuery.flatMap((op) => [
    queried(op, 'admin=true', invalid('querystring.admin: is not a known field')),
    queried(op, 'Limit=5', invalid('querystring.Limit: is not a known field')),
    queried(op, 'constructor=1', invalid('querystring.constructor: is not a known field')),
  ]);
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('audit filters that are no instant or no id are refused', async () => {
  const audits = OPERATIONS.filter((op) => op.path.startsWith('/v1/audit'));
  const bad: [name: string, value: string, message: string][] = [
    ['since', 'yesterday', 'querystring.since: must match format "date-time"'],
    ['since', '2030-06-30T23:59:60Z', 'querystring.since: must match format "date-time"'],
    ['until', '2031-02-29T00:00:00Z', 'querystring.until: must match format "date-time"'],
    ['orgId', f.w.users.bob, 'querystring.orgId: must match pattern "^org_[0-9A-Za-z]{22}$"'],
    ['action', 'Key.Created', 'querystring.action: must match pattern "^[a-z_.]{1,64}$"'],
  ];
  // The chain's walk takes orgId alone; the other filters are unknown fields there, refused above.
  const rows = audits.flatMap((op) =>
    bad
      .filter(([name]) => name in op.query)
      .map(([name, value, message]) => queried(op, `${name}=${value}`, invalid(message))),
  );
  expect(rows.map((row) => row.name)).toContain(`GET /v1/audit/verify ?orgId=${f.w.users.bob}`);
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('a URL that does not decode, or an overlong id, is refused in the error shape', async () => {
  const url = (op: string, path: string, expect: string, label: string): Row => ({
    name: `${op} ${label}`,
    request: spoil(f.example(op), f.w, { url: path }),
    expect,
  });
  const rows = [
    url(
      'GET /v1/apikeys/{keyId}',
      '/v1/apikeys/%E0%A4%A',
      invalid('url: is not a valid URL'),
      'a cut escape',
    ),
    url(
      'GET /v1/apikeys/{keyId}',
      '/v1/apikeys/key_%ED%A0%80',
      invalid('url: is not a valid URL'),
      'a lone surrogate',
    ),
    url('DELETE /v1/users/{userId}', '/v1/users/%', invalid('url: is not a valid URL'), 'a bare %'),
    url(
      'GET /v1/apikeys/{keyId}',
      `/v1/apikeys/key_${'A'.repeat(300)}`,
      invalid('url: a path parameter is too long'),
      '300 characters',
    ),
  ];
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it("proxy paths that would leave the provider's base path are refused, and reach no provider", async () => {
  const leaving = [
    ['a parent segment', '/web/../../v1/me'],
    ['an encoded parent segment', '/web/%2e%2e/%2E%2E/admin'],
    ['a mixed-case half-encoded one', '/web/.%2E/admin'],
    ['a current-directory segment', '/web/./api'],
    ['another host', '//attacker.example/web/api'],
    ['backslashes', '/web\\..\\admin'],
  ];
  const rows = OPERATIONS.filter(isProxy).flatMap((op) =>
    leaving.map(
      ([label, path]): Row => ({
        name: `${op.name} ${label}`,
        request: spoil(f.example(op.name), f.w, { url: `/v1/connections/${f.connection}/proxy${path}` }),
        expect: invalid('request: path cannot be forwarded'),
        wire: true,
      }),
    ),
  );
  expect(rows.length).toBe(5 * leaving.length);
  expect(await f.answers(rows)).toEqual(expected(rows));
});
