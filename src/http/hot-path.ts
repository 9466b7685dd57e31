import type { IncomingMessage, ServerResponse } from 'node:http';
import { accessFromMemory, type Caller, callerFromKey } from '../auth/caller.js';
import type { Deps } from '../deps.js';
import { type CachedKey, keyStatus } from '../keys/verify.js';
import { validKeyFromMemory } from './authenticate.js';
import { keyRefusal } from './guards.js';
import { READ_KEY, recordBody } from './key-record.js';
import { keepReadAhead } from './read-ahead.js';
import { SECURITY_HEADERS } from './security-headers.js';
import type { Serialized } from './serialization.js';
import { validatorCompiler } from './validation.js';
import { decide, mayVerify, VerifyRequest } from './verify-answer.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** What the hot path shares with the app around it. */
export interface HotPathContext {
  deps: Deps;
  /** The app's request ids, so that an answer from either path carries one of the same series. */
  nextId: () => string;
  /** True once the server is closing: Fastify then answers every request with the Keyward 503. */
  closing: () => boolean;
  /** Fastify's body limit: a larger body is Fastify's to refuse. */
  bodyLimit: number;
  /** Whether successful requests are logged (at debug), as Fastify logs those it answers. */
  debug: boolean;
}

const KEY_PATH = '/v1/apikeys/';
const KEY_ROUTE = '/v1/apikeys/:keyId';
const VERIFY_PATH = '/v1/keys/verify';
/** The verify bodies the hot path reads itself: a key and a few permissions fit in far less. */
const MAX_HOT_BODY = 16 * 1024;
const JSON_TYPES = new Set(['application/json', 'application/json; charset=utf-8']);
/** Every answer's headers as Fastify writes them, flat; each answer fills in its request id and length. */
const HEADERS = [
  ...Object.entries(SECURITY_HEADERS).flat(),
  'x-request-id',
  '',
  'content-type',
  'application/json; charset=utf-8',
  'content-length',
  '',
];
const ID_AT = HEADERS.indexOf('x-request-id') + 1;
const LENGTH_AT = HEADERS.indexOf('content-length') + 1;

/**
 * The two routes a key service is judged by, answered from memory before Fastify routes the request:
 * `GET /v1/apikeys/{id}` and `POST /v1/keys/verify`. Fastify's per-request machinery (its request and
 * reply, hooks, routing, validation and serializer) was most of what such a request cost beyond Node's
 * own HTTP (BENCHMARKS.md).
 *
 * It answers only what it can answer exactly as the routes would, with the same code: a caller whose
 * key memory holds and that is valid, a request that needs nothing from the store, and an answer of
 * 200. Everything else (no credential or a bad one, an access token, a key or record not in memory,
 * a refusal, an invalid body, a server that is closing) goes to Fastify untouched, which answers it as
 * it answers every request. A verify body is read before it can be judged; when the hot path then
 * leaves the request to Fastify, the route gets the body it read (src/http/read-ahead.ts).
 *
 * Nothing is recorded until the hot path has decided to answer (then, as authentication would, the
 * caller key's use), so a request it leaves is recorded once, by the route. It is on unless the
 * setting `KEYWARD_HOT_PATH=off` leaves every request to Fastify; at debug it logs each answer's line
 * as Fastify would.
 */
export function hotPath(context: HotPathContext, fastify: Handler): Handler {
  const { deps } = context;
  const validVerifyBody = validatorCompiler({
    schema: VerifyRequest,
    method: 'POST',
    url: VERIFY_PATH,
    httpPart: 'body',
  }) as (body: unknown) => boolean;
  const maxBody = Math.min(MAX_HOT_BODY, context.bodyLimit);

  // Off only in the bench that measures what the timing costs (Config.hotPathTimings).
  const timed = deps.config.hotPathTimings;
  // The hot path answers two routes, always with 200: their series are looked up once.
  const series = {
    [KEY_ROUTE]: deps.metrics.requests.seriesOf('GET', KEY_ROUTE, 200),
    [VERIFY_PATH]: deps.metrics.requests.seriesOf('POST', VERIFY_PATH, 200),
  };

  function send(
    response: ServerResponse,
    body: Serialized,
    route: typeof KEY_ROUTE | typeof VERIFY_PATH,
    method: string,
    startMs: number,
  ): void {
    deps.metrics.hotPathRequests++;
    const headers = HEADERS.slice();
    const id = context.nextId();
    headers[ID_AT] = id;
    if (timed) {
      const ms = performance.now() - startMs;
      series[route].observe(ms / 1000);
      if (context.debug)
        deps.logger.debug({ reqId: id, method, url: route, status: 200, ms: Math.round(ms) }, 'request');
    }
    // ASCII (Serialized): as many bytes as characters.
    headers[LENGTH_AT] = String(body.json.length);
    response.writeHead(200, headers);
    response.end(body.json);
  }

  /** `GET /v1/apikeys/{id}`, for a key in memory that the caller may read. */
  function readKey(
    request: IncomingMessage,
    response: ServerResponse,
    url: string,
    startMs: number,
  ): boolean {
    // The caller first, whatever the id: a record looked up before the credential would let anyone time
    // whether memory holds a key id. Memory holds only real ids, so anything else in the path (a
    // malformed id, a query string, a further segment) then finds nothing and is Fastify's to answer.
    const now = deps.clock();
    const callerKey = validKeyFromMemory(deps, request, now);
    if (callerKey === undefined) return false;
    const entry = deps.finder.peekById(url.slice(KEY_PATH.length), now);
    if (entry === undefined) return false;
    const caller = callerFromKey(callerKey);
    const access = accessFromMemory(caller, entry.key.orgId);
    if (access === undefined || keyRefusal(access, entry, caller.id, READ_KEY) !== null) return false;
    deps.usage.touch(callerKey, now);
    send(response, recordBody(entry), KEY_ROUTE, 'GET', startMs);
    return true;
  }

  /**
   * `POST /v1/keys/verify` from a caller that may verify, with a JSON body of a known length. The body
   * is read here; the answer needs the presented key to be answerable from memory.
   */
  function verify(request: IncomingMessage, response: ServerResponse, startMs: number): boolean {
    const type = request.headers['content-type'];
    const length = request.headers['content-length'];
    if (type === undefined || !JSON_TYPES.has(type) || length === undefined) return false;
    if (!/^[1-9][0-9]{0,5}$/.test(length) || Number(length) > maxBody) return false;
    // Authenticated as Fastify authenticates, in onRequest: before the body.
    const callerKey = validKeyFromMemory(deps, request, deps.clock());
    if (callerKey === undefined) return false;
    const caller = callerFromKey(callerKey);
    if (!mayVerify(caller)) return false;
    const chunks: Buffer[] = [];
    // No 'error' listener: Node emits a request's 'error' only when one is attached, so a client that
    // goes away mid-body is dropped quietly and 'end' never comes. A listener per request cost about 1%
    // of a verify (BENCHMARKS.md).
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      if (!answerVerify(response, callerKey, caller, body, startMs)) {
        keepReadAhead(request, body);
        fastify(request, response);
      }
    });
    return true;
  }

  function answerVerify(
    response: ServerResponse,
    callerKey: CachedKey,
    caller: Caller,
    raw: Buffer,
    startMs: number,
  ): boolean {
    // No check of `closing` here: the request came before the server began to close (`answered` checks
    // that), and is finished like any other in flight.
    const now = deps.clock();
    // The caller once more, now that the body is here: a change since the headers came (which drops the
    // cached entry) or the clock passing its expiry leaves the request to Fastify, which authenticates it
    // afresh (src/http/authenticate.ts, recheckCaller).
    if (deps.cache.get(callerKey.key.hash, now) !== callerKey || keyStatus(callerKey, now) !== 'VALID')
      return false;
    let parsed: { key: string; permissions?: string[] };
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      return false;
    }
    if (!validVerifyBody(parsed)) return false;
    const found = deps.finder.peek(parsed.key, now);
    if (found === undefined) return false;
    // A rate-limited key's answer carries the RateLimit header fields, and a limited key counted outside
    // this process (the database, Redis) is answered with a promise: both are the route's to answer.
    if (typeof found === 'object' && (found.key.ratelimit || (found.key.quota && !deps.counters.immediate)))
      return false;
    deps.usage.touch(callerKey, now);
    // A key's caller is answered from memory: decide() makes no promise for one.
    send(
      response,
      decide(deps, caller, found, parsed.permissions, now) as Serialized,
      VERIFY_PATH,
      'POST',
      startMs,
    );
    return true;
  }

  function answered(request: IncomingMessage, response: ServerResponse): boolean {
    if (context.closing()) return false;
    const url = request.url as string;
    const startMs = timed ? performance.now() : 0;
    if (request.method === 'GET') return url.startsWith(KEY_PATH) && readKey(request, response, url, startMs);
    if (request.method === 'POST' && url === VERIFY_PATH) return verify(request, response, startMs);
    return false;
  }

  return (request, response) => {
    if (!answered(request, response)) fastify(request, response);
  };
}
