import fc from 'fast-check';
import type { FuzzContext } from './bad-requests.js';
import { encodeParams, type Operation, PROXY_PATH, urlOf } from './operations.js';
import type { BadRequest } from './refusal.js';

/**
 * Bad input of the proxy's own (PRODUCT.md §8): it forwards the caller's path, headers and body to the
 * provider, so its refusals are about what would leave the provider's base path, split the forwarded
 * request, or be more than the server takes. Each must be refused before anything reaches the provider.
 */

/** The server's default body limit (PRODUCT.md §11: body size limits). */
const BODY_LIMIT = 1024 * 1024;

const admin = (ctx: FuzzContext) => ({ authorization: `Bearer ${ctx.adminToken}` });

/** A segment an API path could hold, never a dot segment. */
const segment = fc
  .stringMatching(/^[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,11}$/)
  .filter((s) => s !== '.' && s !== '..');

/** Dot segments, plainly and percent-encoded in any case: a URL parser resolves every one of them. */
const DOT_SEGMENTS = ['..', '.', '%2e%2e', '%2E%2E', '%2e%2E', '.%2e', '%2E.', '%2e', '%2E'];

/**
 * A path after `/proxy` that would leave the provider's base path, or its host: a dot segment anywhere,
 * backslashes (which WHATWG URLs read as slashes), or a leading `//` (a network path: another host).
 */
const escapingPath = fc.oneof(
  fc
    .tuple(
      fc.array(segment, { maxLength: 3 }),
      fc.constantFrom(...DOT_SEGMENTS),
      fc.array(segment, { maxLength: 3 }),
    )
    .map(([before, dots, after]) => [...before, dots, ...after].join('/')),
  fc
    .tuple(fc.array(segment, { maxLength: 2 }), fc.constantFrom('..', '%2e%2e'), segment)
    .map(([before, dots, after]) => [...before, dots, after].join('\\')),
  fc
    .tuple(fc.domain(), fc.array(segment, { maxLength: 3 }))
    .map(([host, rest]) => ['', host, ...rest].join('/')),
);

/**
 * A path that would leave the provider's base path, sent over the wire as written: `inject` would
 * resolve its dot segments before the app saw them (see `overTheWire`).
 */
export function escapingProxyPath(op: Operation, ctx: FuzzContext): fc.Arbitrary<BadRequest> {
  return escapingPath.map((path) => ({
    request: {
      method: op.method as never,
      url: urlOf(op, encodeParams({ ...ctx.params, [PROXY_PATH]: path })),
      headers: admin(ctx),
    },
    expected: { code: 'INVALID_REQUEST', message: 'request: path cannot be forwarded' },
  }));
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: they are what a split header is made of
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;
const controls = fc.constantFrom(
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter((c) => c !== '\t'),
  '\u007f',
);
const headerName = fc.stringMatching(/^x-[a-z0-9-]{1,20}$/);

/**
 * A header that could split or smuggle the forwarded request: a value with CR, LF, NUL or another
 * control character (`x-a: 1\r\nAuthorization: …`), or a name that is no HTTP token. Sent through
 * `inject`, since no HTTP client would put such a header on the wire.
 */
export function injectedHeader(op: Operation, ctx: FuzzContext): fc.Arbitrary<BadRequest> {
  const value = fc
    .tuple(fc.string({ maxLength: 20 }), controls, fc.string({ maxLength: 20 }))
    .map(([a, control, b]) => `${a}${control}${b}`)
    .filter((text) => CONTROL.test(text));
  const badValue = fc.tuple(headerName, value).map(([name, text]) => ({
    headers: { [name]: text },
    message: `request: header ${name} cannot be forwarded`,
  }));
  const badName = fc
    .oneof(
      fc
        .tuple(
          headerName,
          fc.constantFrom(' ', '(', ')', '"', '/', '[', ']', '?', '=', '{', '}', '@', 'é'),
          headerName,
        )
        .map(([a, odd, b]) => `${a}${odd}${b}`),
      fc.integer({ min: 65, max: 120 }).map((n) => `x-${'a'.repeat(n)}`),
    )
    .map((name) => ({ headers: { [name]: 'value' }, message: 'request: a header name cannot be forwarded' }));
  return fc.oneof(badValue, badName).map(({ headers, message }) => ({
    request: {
      method: op.method as never,
      url: urlOf(op, encodeParams(ctx.params)),
      headers: { ...admin(ctx), ...headers },
    },
    expected: { code: 'INVALID_REQUEST', message },
  }));
}

/** A body over the limit, of any content type the proxy would otherwise forward as it is. */
export function oversizedProxyBody(op: Operation, ctx: FuzzContext): fc.Arbitrary<BadRequest> {
  const type = fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/octet-stream',
      'text/plain',
      'multipart/form-data; boundary=x',
    ),
    fc.stringMatching(/^[a-z]{1,10}\/[a-z0-9.+-]{1,20}$/),
  );
  return fc.tuple(type, fc.nat(4096)).map(([contentType, extra]) => ({
    request: {
      method: op.method as never,
      url: urlOf(op, encodeParams(ctx.params)),
      headers: { ...admin(ctx), 'content-type': contentType },
      payload: 'x'.repeat(BODY_LIMIT + 1 + extra),
    },
    expected: { code: 'PAYLOAD_TOO_LARGE', message: 'body: is larger than the server accepts' },
  }));
}

/**
 * Methods the proxy does not forward: the routing table has no such route, so the answer is the API's
 * own 404, and the provider hears nothing. (HEAD is forwarded: Fastify answers it with the GET route.)
 */
export const UNFORWARDED_METHODS = [
  'OPTIONS',
  'TRACE',
  'CONNECT',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'SEARCH',
  'REPORT',
  'PURGE',
] as const;

export function unforwardedMethod(op: Operation, ctx: FuzzContext): fc.Arbitrary<BadRequest> {
  return fc.constantFrom(...UNFORWARDED_METHODS).map((method) => ({
    request: { method: method as never, url: urlOf(op, encodeParams(ctx.params)), headers: admin(ctx) },
    expected: { code: 'NOT_FOUND', message: `No route matches this ${method} request` },
  }));
}
