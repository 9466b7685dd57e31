import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import type { FuzzContext } from './bad-requests.js';
import { encodeParams, type Operation, urlOf } from './operations.js';
import type { BadRequest } from './refusal.js';

/** The server's default body limit (PRODUCT.md §11: body size limits). */
const BODY_LIMIT = 1024 * 1024;

const parses = (text: string) => {
  try {
    // Fastify drops a leading byte-order mark before parsing.
    JSON.parse(text.replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
};

const malformed = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc
      .tuple(fc.jsonValue({ maxDepth: 2 }), fc.nat())
      .map(([v, cut]) => JSON.stringify(v).slice(0, cut % JSON.stringify(v).length)),
    fc.constantFrom(
      "{'name':'x'}",
      '{"name":"x",}',
      '{name:"x"}',
      '{"a":1}{"b":2}',
      '{"a":NaN}',
      '[1,]',
      '\u0000',
    ),
  )
  // The empty body is a case of its own (below): refused only where the operation takes a body.
  .filter((text) => text !== '' && !parses(text));

const POISON = [
  '{"__proto__":{"clusterAdmin":true}}',
  '{"name":"x","__proto__":{"role":"admin"}}',
  '{"constructor":{"prototype":{"clusterAdmin":true}}}',
  '{"meta":{"__proto__":{"polluted":true}}}',
  '{"a":[{"b":{"__proto__":{}}}]}',
];

const unsupportedType = fc
  .oneof(
    fc.constantFrom(
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'text/json',
      'text/html',
      'application/jsonp',
      'application/json5',
      'application/x-json',
      'application/vnd.api+json',
      'application/merge-patch+json',
      'text/plain',
      'text/plain; charset=utf-8',
      'text/plainx',
    ),
    fc.stringMatching(/^[a-z]{1,10}\/[a-z0-9.+-]{1,20}$/),
  )
  .filter((type) => type.split(';')[0]?.trim() !== 'application/json');

/**
 * A body the server cannot take: malformed JSON (or empty, where the operation takes a body), prototype
 * poisoning, a type it does not parse (text/plain included: the API speaks JSON only), or more than the
 * body limit.
 */
export function badPayload(op: Operation, ctx: FuzzContext): fc.Arbitrary<BadRequest> {
  const withType = (type: string) => (payload: string) => ({ type, payload });
  const kinds: fc.Arbitrary<{ type: string; payload: string; code: BadRequest['expected'] }>[] = [
    malformed.map(withType('application/json')).map((p) => ({ ...p, code: { code: 'INVALID_JSON' } })),
    // An empty JSON body is refused where a body is expected; a bodyless operation ignores it (bad-input.test.ts).
    ...(op.body === null
      ? []
      : [fc.constant({ type: 'application/json', payload: '', code: { code: 'INVALID_JSON' } })]),
    fc.constantFrom(...POISON).map((payload) => ({
      type: 'application/json',
      payload,
      code: { code: 'INVALID_JSON', message: 'body: is not valid JSON' },
    })),
    fc.tuple(unsupportedType, fc.string({ maxLength: 40 })).map(([type, payload]) => ({
      type,
      payload,
      code: { code: 'UNSUPPORTED_MEDIA_TYPE', message: /^content-type: / },
    })),
    fc.nat(4096).map((extra) => ({
      type: 'application/json',
      payload: `{"name":"${'x'.repeat(BODY_LIMIT + extra)}"}`,
      code: { code: 'PAYLOAD_TOO_LARGE', message: /^body: / },
    })),
  ];
  return fc.oneof(...kinds).map(({ type, payload, code }) => ({
    request: {
      method: op.method as never,
      url: urlOf(op, encodeParams(ctx.params)),
      headers: { authorization: `Bearer ${ctx.adminToken}`, 'content-type': type },
      payload,
    },
    expected: code,
  }));
}

const junkSecret = fc.oneof(
  fc.stringMatching(/^(kw|acme|beta)_[0-9A-Za-z]{32,40}$/),
  fc.stringMatching(/^[!-~]{1,40}$/),
);
const scheme = fc
  .stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,11}$/)
  .filter((s) => !['key', 'bearer'].includes(s.toLowerCase()));

/**
 * Credentials framed wrongly: none, a header sent twice, both headers, or an unknown scheme. Each is
 * refused before any key is looked up, so not even a failed authentication is recorded. Only reads
 * put working credentials into the mix: should a server wrongly take one, a read changes nothing.
 */
export function badCredentials(op: Operation, ctx: FuzzContext): fc.Arbitrary<BadRequest> {
  const read = op.method === 'GET';
  const key = read ? fc.oneof(junkSecret, fc.constantFrom(...ctx.secrets)) : junkSecret;
  const credential = fc.oneof(
    key.map((s) => `Key ${s}`),
    junkSecret.map((s) => `Bearer ${s}`),
    ...(read ? [fc.constant(`Bearer ${ctx.adminToken}`)] : []),
  );
  const kinds: fc.Arbitrary<Pick<BadRequest, 'expected'> & { headers: Record<string, string | string[]> }>[] =
    [
      fc.constant({ headers: {}, expected: { code: 'UNAUTHORIZED', message: /^Authentication required/ } }),
      fc.tuple(key, key).map((two) => ({
        headers: { 'x-api-key': two },
        expected: { code: 'INVALID_REQUEST', message: /^x-api-key: / },
      })),
      fc
        .tuple(credential, credential)
        .filter(([a, b]) => a !== b)
        .map((two) => ({
          headers: { authorization: two },
          expected: { code: 'INVALID_REQUEST', message: /^authorization: / },
        })),
      fc.tuple(credential, key).map(([authorization, apiKey]) => ({
        headers: { authorization, 'x-api-key': apiKey },
        expected: { code: 'INVALID_REQUEST', message: /^authorization: / },
      })),
      fc.tuple(scheme, junkSecret).map(([name, secret]) => ({
        headers: { authorization: `${name} ${secret}` },
        expected: { code: 'UNAUTHORIZED', message: /^authorization: / },
      })),
    ];
  // A fresh client address per request keeps one property's failures from throttling the next.
  return fc.tuple(fc.oneof(...kinds), fc.ipV4()).map(([{ headers, expected }, remoteAddress]) => ({
    request: {
      method: op.method as never,
      url: urlOf(op, encodeParams(ctx.params)),
      // light-my-request sends each value of an array as its own header line.
      headers: headers as InjectOptions['headers'],
      remoteAddress,
    },
    expected,
  }));
}

/** Query parameters and headers that an operation without inputs has no use for. */
export function unusedInput(op: Operation): fc.Arbitrary<InjectOptions> {
  const query = fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ unit: 'grapheme', maxLength: 20 }), {
    maxKeys: 3,
  });
  return fc.tuple(query, fc.option(junkSecret, { nil: undefined })).map(([q, secret]) => {
    const search = new URLSearchParams(q).toString();
    return {
      method: op.method as never,
      url: search ? `${op.path}?${search}` : op.path,
      headers: secret === undefined ? {} : { 'x-api-key': [secret, secret] },
    };
  });
}

/**
 * Connect-link tokens Keyward never issued: none, the wrong shape, a well-formed stranger, a key or an
 * access token in its place, or the header twice. Each is `401`, counted as a failed authentication.
 */
export function badConnectToken(op: Operation, ctx: FuzzContext): fc.Arbitrary<BadRequest> {
  const stranger = fc.stringMatching(/^kwc_[0-9A-Za-z]{43}$/);
  const token = fc.oneof(
    stranger,
    junkSecret,
    fc.constantFrom(...ctx.secrets, ctx.adminToken),
    stranger.map((t) => `${t} `),
  );
  const headers = fc.oneof(
    fc.constant({}),
    token.map((t) => ({ 'x-connect-token': t })),
    fc.tuple(stranger, stranger).map((two) => ({ 'x-connect-token': two })),
  );
  // A body the schema takes, so that only the token is wrong.
  const body =
    op.method === 'POST' ? { provider: 'sentinelone', credentials: { apiKey: 'never-sent' } } : undefined;
  return fc.tuple(headers, fc.ipV4()).map(([sent, remoteAddress]) => ({
    request: {
      method: op.method as never,
      url: urlOf(op, encodeParams(ctx.params)),
      headers: sent as InjectOptions['headers'],
      ...(body ? { payload: body } : {}),
      remoteAddress,
    },
    expected: { code: 'UNAUTHORIZED', message: /^Send the link's token in x-connect-token/ },
  }));
}
