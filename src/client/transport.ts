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

  private notKeyward(status: number): UnreachableError {
    return new UnreachableError(
      this.url,
      `${this.url} answered ${status}, but not as Keyward answers; is it a Keyward server?`,
      true,
    );
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    const url = new URL(this.url + path);
    for (const [name, value] of Object.entries(options.query ?? {}))
      if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
    const authorization = options.authorization ?? (await this.credentials?.authorization());
    if (authorization) headers.authorization = authorization;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw unreachable(this.url, error);
    }
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
