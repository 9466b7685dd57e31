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

// The API's records are the typed client's (@keyward/client): one description of the API for every client.
export type {
  ApiKey,
  CreatedKey,
  Member,
  Organization,
  Page,
  RotatedKey,
  ServiceUser,
  User,
} from '@keyward/client';

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

/**
 * One request to the API, and its answer's body; any other answer throws an {@link ApiError} in the API's
 * error shape. `credentials` says whether the browser sends the session cookie: the Connect page, whose
 * visitor has no session, sends none.
 */
export async function send<T>(
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; credentials: RequestCredentials },
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: options.credentials,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Keyward did not answer. Check your connection and try again.', null);
  }
  const data = (await response.json().catch(() => null)) as
    | (T & { error?: { code?: string; message?: string; requestId?: string } })
    | null;
  if (response.ok) return data as T;
  const error = data?.error;
  throw new ApiError(
    response.status,
    error?.code ?? 'INTERNAL',
    error?.message ?? `Keyward answered ${response.status}`,
    error?.requestId ?? null,
  );
}

/** A request of the signed-in console: the session cookie, and the CSRF token on every change. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET' && csrfToken !== null) headers['x-keyward-csrf'] = csrfToken;
  try {
    return await send<T>(method, path, { body, headers, credentials: 'same-origin' });
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 401 && path !== '/v1/console/session')
      onSignedOut();
    throw failure;
  }
}

export const signIn = (username: string, password: string) =>
  api<Session>('POST', '/v1/console/session', { username, password });
export const currentSession = () => api<Session>('GET', '/v1/console/session');
export const signOut = () => api<{ success: true }>('DELETE', '/v1/console/session');
