import { promises as dns } from 'node:dns';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent, type Dispatcher } from 'undici';
import type { Cidr } from './allow-list.js';
import { guardedConnector, type Resolver, reason } from './connector.js';
import { OutboundError } from './errors.js';

export interface OutboundOptions {
  /** The cluster's allow list: `KEYWARD_OUTBOUND_ALLOW`, read with `parseAllowList`. */
  allow: readonly Cidr[];
  /** Default: `dns.promises` from `node:dns` (the system resolver, as `getaddrinfo` sees it). */
  resolver?: Resolver;
  /** The whole exchange, from the DNS lookup to the last byte of the response body. */
  timeoutMs: number;
  /** The DNS lookup, the TCP connection and the TLS handshake. Default: `timeoutMs`, at most 10 s. */
  connectTimeoutMs?: number;
  /** From the request's dispatch to the end of the response headers. Default: `timeoutMs`. */
  headersTimeoutMs?: number;
  /** A response body longer than this is refused (by its Content-Length) or cut, with `TOO_LARGE`. */
  maxResponseBytes: number;
  /**
   * Certificate authorities to trust besides Node's bundled ones, for tests that run in process. A
   * deployment sets `NODE_EXTRA_CA_CERTS` instead, which Node reads at start (and which this replaces).
   */
  ca?: string | Buffer | ReadonlyArray<string | Buffer>;
}

export interface OutboundRequest {
  method: string;
  url: URL;
  headers?: Record<string, string | string[]>;
  body?: string | Uint8Array | Readable;
  /** Aborts the request, for a caller that went away; it then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /**
   * The response body, as it arrives; it fails with `TOO_LARGE` past `maxResponseBytes`, and with
   * `TIMEOUT` when the whole exchange outlasts `timeoutMs`. Read it (`buffer(body)` from
   * `node:stream/consumers`), pipe it, or `destroy()` it: until then it holds its connection.
   */
  body: Readable;
}

export interface Outbound {
  send(request: OutboundRequest): Promise<OutboundResponse>;
  /** Closes the pooled connections, once the requests in flight are done. */
  close(): Promise<void>;
}

/**
 * The one way Keyward calls other servers: HTTPS (or plain HTTP to an allow-listed address), to public
 * addresses or allow-listed ones only, checked on the address actually connected to (see
 * `guardedConnector`). Redirects are not followed: a 3xx comes back as it is. TLS is always verified.
 * Connections are pooled per origin; each new one resolves and checks its host again.
 *
 * @example
 * const outbound = createOutbound({ allow: parseAllowList(config.outboundAllow), timeoutMs: 10_000, maxResponseBytes: 10 << 20 });
 * const { status, body } = await outbound.send({ method: 'GET', url: new URL('https://x.example/v1/me'), headers: { authorization } });
 * body.destroy();
 */
export function createOutbound(options: OutboundOptions): Outbound {
  const { timeoutMs, maxResponseBytes } = options;
  for (const [name, value] of Object.entries({ timeoutMs, maxResponseBytes })) {
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new RangeError(`${name} must be a positive integer`);
  }
  const connectTimeoutMs = options.connectTimeoutMs ?? Math.min(timeoutMs, 10_000);
  const headersTimeoutMs = options.headersTimeoutMs ?? timeoutMs;
  const extra = options.ca === undefined ? undefined : [options.ca].flat();
  const agent = new Agent({
    connect: guardedConnector({
      allow: options.allow,
      resolver: options.resolver ?? dns,
      connectTimeoutMs,
      secureContext: extra && createSecureContext({ ca: [...rootCertificates, ...extra] }),
    }),
    headersTimeout: headersTimeoutMs,
    bodyTimeout: 0, // the timer of the whole exchange covers the body
    maxRedirections: 0,
  });

  async function send(request: OutboundRequest): Promise<OutboundResponse> {
    const { url, method } = request;
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new OutboundError('FORBIDDEN_URL', `${url.protocol} URLs are not allowed; use https:`);
    }
    if (url.username !== '' || url.password !== '') {
      throw new OutboundError(
        'FORBIDDEN_URL',
        'credentials in the URL are not allowed; send them in a header',
      );
    }
    const { origin } = url;
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(), timeoutMs).unref();
    const failure = (error: unknown): unknown => {
      if (error instanceof OutboundError) return error;
      if (timer.signal.aborted) {
        return new OutboundError('TIMEOUT', `${origin} did not answer in full within ${timeoutMs} ms`);
      }
      const code = (error as { code?: unknown }).code;
      if (code === 'UND_ERR_HEADERS_TIMEOUT') {
        const message = `${origin} sent no response headers within ${headersTimeoutMs} ms`;
        return new OutboundError('TIMEOUT', message, { cause: error });
      }
      if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE') {
        return new OutboundError('CONNECT', `the connection to ${origin} broke (${reason(error)})`, {
          cause: error,
        });
      }
      // The caller's abort, or a programming mistake such as an invalid header: as it is.
      return error;
    };

    let response: Dispatcher.ResponseData;
    try {
      response = await agent.request({
        origin,
        path: `${url.pathname}${url.search}`,
        method: method as Dispatcher.HttpMethod,
        headers: request.headers ?? {},
        body: request.body ?? null,
        signal: request.signal ? AbortSignal.any([timer.signal, request.signal]) : timer.signal,
      });
    } catch (error) {
      clearTimeout(timeout);
      throw failure(error);
    }
    const declared = Number(response.headers['content-length']);
    if (method !== 'HEAD' && declared > maxResponseBytes) {
      clearTimeout(timeout);
      response.body.on('error', () => {}).destroy(); // undici errors a body destroyed unread
      throw tooLarge(origin, maxResponseBytes);
    }
    const body = new LimitedBody(response.body, maxResponseBytes, origin, failure, () =>
      clearTimeout(timeout),
    );
    return { status: response.statusCode, headers: response.headers, body };
  }

  return { send, close: () => agent.close() };
}

function tooLarge(origin: string, limit: number): OutboundError {
  return new OutboundError('TOO_LARGE', `the answer from ${origin} is larger than ${limit} bytes`);
}

/** The response body, passed on chunk by chunk and cut past the limit. */
class LimitedBody extends Readable {
  private received = 0;

  constructor(
    private readonly source: Readable,
    limit: number,
    origin: string,
    failure: (error: unknown) => unknown,
    private readonly done: () => void,
  ) {
    super();
    // A body nobody reads is cut by the timer; its error must not crash the process for want of a
    // listener. Readers (pipeline, for await, stream/consumers) still see it.
    this.on('error', () => {});
    source.pause();
    source.on('data', (chunk: Buffer) => {
      this.received += chunk.length;
      if (this.received > limit) this.destroy(tooLarge(origin, limit));
      else if (!this.push(chunk)) source.pause();
    });
    source.on('end', () => this.push(null));
    source.on('error', (error) => this.destroy(failure(error) as Error));
  }

  override _read(): void {
    this.source.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.source.destroy();
    this.done();
    callback(error);
  }
}
