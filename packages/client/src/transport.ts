import { ApiError, UnreachableError } from './errors.js';
import type { Page } from './types.js';

/** Where a client's `Authorization` header comes from. */
export interface Credentials {
  /** The header to send, or null to send none. */
  authorization(): Promise<string | null>;
  /** After a `401`: gets fresh credentials and answers true when the request is worth one more try. */
  renew?(): Promise<boolean>;
}

/** Sends an API key as `Authorization: Key <key>`, the Sensu form. */
export function apiKeyCredentials(key: string): Credentials {
  return { authorization: async () => `Key ${key}` };
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Replaces the credentials' header for this one request (HTTP Basic on `/v1/auth/token`). */
  authorization?: string;
  /** A content type other than JSON that the answer may have, such as `application/jsonl`. */
  accept?: string;
}

const TIMEOUT_MS = 30_000;

/** Why a `fetch` found no server, in words: the cause's code where Node gives one. */
function unreachable(url: string, error: unknown): UnreachableError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host not found',
    ECONNRESET: 'connection reset',
    ETIMEDOUT: 'connection timed out',
    EHOSTUNREACH: 'host unreachable',
  };
  const timedOut = (error as { name?: string }).name === 'TimeoutError';
  const reason = timedOut
    ? `no answer within ${TIMEOUT_MS / 1000} s`
    : (reasons[cause?.code ?? ''] ?? cause?.code ?? cause?.message ?? 'no answer');
  return new UnreachableError(url, `cannot reach ${url}: nothing answered (${reason})`);
}

/**
 * An answer as it came: a provider's through `/v1/connections/{id}/proxy/…`, or Keyward's own to `raw`.
 * The body is bytes (`Uint8Array`, not Node's `Buffer`), so that the package's types need no `@types/node`.
 */
export interface ProxyAnswer {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

/** One HTTP exchange with a Keyward server, in its JSON conventions and its one error shape. */
export class Transport {
  readonly url: string;
  private readonly credentials: Credentials | null;

  constructor(url: string, credentials: Credentials | null) {
    this.url = url.replace(/\/+$/, '');
    this.credentials = credentials;
  }

  /** Sends one request and answers its body: parsed JSON, or the text when it is not JSON. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    let response = await this.send(method, path, options);
    if (
      response.status === 401 &&
      options.authorization === undefined &&
      (await this.credentials?.renew?.())
    ) {
      response = await this.send(method, path, options);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw unreachable(this.url, error);
    }
    const type = response.headers.get('content-type')?.split(';')[0]?.trim();
    const json = type === 'application/json' ? parse(text) : undefined;
    if (response.ok && (json !== undefined || (options.accept && type === options.accept)))
      return (json ?? text) as T;
    if (response.ok) throw this.notKeyward(response.status);
    const error = (json as { error?: { code?: string; message?: string; requestId?: string } } | undefined)
      ?.error;
    if (!error?.code) throw this.notKeyward(response.status);
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiError(
      response.status,
      error.code,
      error.message ?? '',
      error.requestId ?? null,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    );
  }

  /** Every item of a paginated list, page after page, up to `limit` items. */
  async all<T>(
    path: string,
    query: RequestOptions['query'] = {},
    limit = Number.POSITIVE_INFINITY,
  ): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const pageSize = Math.min(200, limit - items.length);
      const page = await this.request<Page<T>>('GET', path, { query: { ...query, limit: pageSize, cursor } });
      if (!Array.isArray(page?.items)) throw this.notKeyward(200);
      items.push(...page.items.slice(0, limit - items.length));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && items.length < limit);
    return items;
  }

  /**
   * Sends one request whose answer is someone else's, such as a provider's through the proxy, and
   * answers it as it came, redirects included. Only an answer that is Keyward's own refusal (its error
   * shape, with the request id Keyward gave the request) throws `ApiError`; a `401` of that kind is
   * retried once with renewed credentials, never a provider's.
   */
  async exchange(
    method: string,
    path: string,
    options: { headers: Record<string, string>; body?: Uint8Array },
  ): Promise<ProxyAnswer> {
    const { response, body } = await this.sendWhole(
      method,
      path,
      options,
      (answer, bytes) => ownRefusal(answer, bytes)?.status === 401,
    );
    const own = ownRefusal(response, body);
    if (own) throw own;
    return { status: response.status, headers: response.headers, body };
  }

  /**
   * Sends one request of any kind to Keyward and answers its answer as it came, whatever its status
   * (`keyward api`). A `401` is retried once with renewed credentials; redirects are not followed.
   */
  async raw(
    method: string,
    path: string,
    options: { headers: Record<string, string>; body?: Uint8Array },
  ): Promise<ProxyAnswer> {
    const { response, body } = await this.sendWhole(method, path, options, (answer) => answer.status === 401);
    return { status: response.status, headers: response.headers, body };
  }

  /**
   * Sends a request without following redirects and reads its whole body. When `expired` says the
   * answer refused the credentials, they are renewed and the request sent once more.
   */
  private async sendWhole(
    method: string,
    path: string,
    options: { headers: Record<string, string>; body?: Uint8Array },
    expired: (response: Response, body: Uint8Array) => boolean,
  ): Promise<{ response: Response; body: Uint8Array }> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.fetch(method, path, options.headers, options.body, 'manual');
      let body: Uint8Array;
      try {
        body = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        throw unreachable(this.url, error);
      }
      if (attempt === 0 && expired(response, body) && (await this.credentials?.renew?.())) continue;
      return { response, body };
    }
  }

  private notKeyward(status: number): UnreachableError {
    return new UnreachableError(
      this.url,
      `${this.url} answered ${status}, but not as Keyward answers; is it a Keyward server?`,
      true,
    );
  }

  private send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(options.query ?? {}))
      if (value !== undefined) query.set(name, String(value));
    const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
    if (options.authorization) headers.authorization = options.authorization;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const search = query.size > 0 ? `?${query}` : '';
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    return this.fetch(method, `${path}${search}`, headers, body, 'follow');
  }

  /** One `fetch`, with the credentials' header unless `headers` carries one already. */
  private async fetch(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string | Uint8Array | undefined,
    redirect: 'follow' | 'manual',
  ): Promise<Response> {
    const sent = { ...headers };
    const authorization = sent.authorization ?? (await this.credentials?.authorization());
    if (authorization) sent.authorization = authorization;
    try {
      return await fetch(new URL(this.url + path), {
        method,
        headers: sent,
        body,
        redirect,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw unreachable(this.url, error);
    }
  }
}

/**
 * Keyward's own refusal of a request it would otherwise have passed on: its error shape, carrying the
 * request id that Keyward put in `x-request-id`. Anything else is the answer of whoever was asked.
 */
function ownRefusal(response: Response, body: Uint8Array): ApiError | null {
  if (response.ok || response.headers.get('content-type')?.split(';')[0]?.trim() !== 'application/json')
    return null;
  const error = (
    parse(new TextDecoder().decode(body)) as {
      error?: { code?: unknown; message?: unknown; requestId?: unknown };
    }
  )?.error;
  const requestId = response.headers.get('x-request-id');
  if (typeof error?.code !== 'string' || !requestId || error.requestId !== requestId) return null;
  return new ApiError(
    response.status,
    error.code,
    typeof error.message === 'string' ? error.message : '',
    requestId,
    null,
  );
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
