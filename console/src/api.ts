/**
 * The console's one way to the API: same origin, the session cookie sent by the browser (page scripts
 * never see it), and the session's CSRF token on every request that changes state. The CSRF token lives
 * in this module's memory only: never in storage, never in the DOM.
 */

export interface SessionUser {
  id: string;
  username: string;
  clusterAdmin: boolean;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
  expiresAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Organization {
  id: string;
  name: string;
  keyPrefix: string;
  createdAt: string;
}

export interface ApiKey {
  id: string;
  name: string;
  ownerId: string;
  role: 'admin' | 'member';
  hint: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  enabled: boolean;
  revokedAt: string | null;
  successorId: string | null;
}

/** An answer in the API's error shape, `{success:false, error:{code, message, requestId}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onSignedOut: () => void = () => {};

/** Remembers the session's CSRF token (or forgets it, with null). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** What to do when the API says the session has ended: show the sign-in page. */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['x-keyward-csrf'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Keyward did not answer. Check your connection and try again.', null);
  }
  const data = (await response.json().catch(() => null)) as
    | (T & { error?: { code?: string; message?: string; requestId?: string } })
    | null;
  if (response.ok) return data as T;
  const error = data?.error;
  const failure = new ApiError(
    response.status,
    error?.code ?? 'INTERNAL',
    error?.message ?? `Keyward answered ${response.status}`,
    error?.requestId ?? null,
  );
  if (response.status === 401 && path !== '/v1/console/session') onSignedOut();
  throw failure;
}

export const signIn = (username: string, password: string) =>
  api<Session>('POST', '/v1/console/session', { username, password });
export const currentSession = () => api<Session>('GET', '/v1/console/session');
export const signOut = () => api<{ success: true }>('DELETE', '/v1/console/session');

export interface User {
  id: string;
  username: string;
  clusterAdmin: boolean;
  disabled: boolean;
  createdAt: string;
}

export interface Member {
  orgId: string;
  userId: string;
  username: string;
  role: 'admin' | 'member';
  createdAt: string;
}

export interface ServiceUser {
  id: string;
  orgId: string;
  name: string;
  description: string | null;
  role: 'admin' | 'member';
  expiresAt: string | null;
  createdAt: string;
}

/** A key's whole record, as `GET /v1/apikeys/{id}` answers it: {@link ApiKey} and its limits. */
export interface KeyRecord extends ApiKey {
  description: string | null;
  scopes: string[] | null;
  ratelimit: { limit: number; duration: number } | null;
  quota: { remaining: number; refill: { interval: 'daily' | 'monthly'; amount: number } | null } | null;
}

/** What creating or rotating a key answers: the record, and the key itself this once. */
export interface CreatedKey extends KeyRecord {
  apiKey: string;
}
