import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { ConsoleSession } from '../auth/sessions.js';
import type { Deps } from '../deps.js';
import { KeywardError } from '../errors.js';
import type { User } from '../store/types.js';
import { Closed, idOf, LIMITS, Text, Timestamp } from './schemas.js';

// What the console's session routes share: the cookie, the CSRF header, and the session's answer.

/** The console's session cookie (docs/console.md). */
export const SESSION_COOKIE = 'keyward_session';
/** The header that carries a session's CSRF token on every state-changing request made with the cookie. */
export const CSRF_HEADER = 'x-keyward-csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a request with this method changes state, and so needs the session's CSRF token. */
export const changesState = (method: string): boolean => !SAFE_METHODS.has(method);

/**
 * The session cookie's value, or null when the request has none. A request that carries it twice is
 * refused: a second one, planted by a sibling subdomain, would otherwise choose the session.
 */
export function readSessionCookie(header: string | undefined): string | null {
  if (header === undefined) return null;
  let found: string | null = null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    if (found !== null) throw new KeywardError('UNAUTHORIZED', `send the ${SESSION_COOKIE} cookie once`);
    found = part.slice(eq + 1).trim();
  }
  return found;
}

/**
 * Whether the browser reached Keyward over TLS: directly, or through a proxy that says so. Trusting a
 * forged `x-forwarded-proto` is harmless here: it only makes the cookie `Secure`, which a client that
 * forged it over plain HTTP then stops sending.
 */
function overTls(request: FastifyRequest): boolean {
  if (request.protocol === 'https') return true;
  const forwarded = request.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}

function cookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const secure = overTls(request) ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure}`;
}

/** Sets the cookie that holds a session until it expires. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: string,
  nowMs: number,
): void {
  const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - nowMs) / 1000));
  reply.header('set-cookie', cookie(request, token, maxAge));
}

/** The `Set-Cookie` value that tells the browser to forget the session cookie. */
export const expiredSessionCookie = (request: FastifyRequest): string => cookie(request, '', 0);

export const SignInBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  Closed,
);

export const ConsoleSessionSchema = Type.Object({
  user: Type.Object({ id: idOf('usr'), username: Text(64), clusterAdmin: Type.Boolean() }),
  csrfToken: Text(LIMITS.token, {
    description:
      'Send it in `x-keyward-csrf` with every `POST`, `PUT`, `PATCH` and `DELETE` made with the cookie',
  }),
  expiresAt: Timestamp,
});

/** The answer that tells the page who is signed in, and the CSRF token it sends back. */
export function sessionBody(deps: Deps, session: ConsoleSession, user: User) {
  return {
    user: { id: user.id, username: user.username, clusterAdmin: user.clusterAdmin },
    csrfToken: deps.sessions.csrfToken(session),
    expiresAt: session.expiresAt,
  };
}

/** The session a request authenticated with, for the routes that act on it; other credentials have none. */
export function requireSession(request: FastifyRequest): ConsoleSession {
  const session = request.consoleSession;
  if (!session)
    throw new KeywardError('UNAUTHORIZED', 'No console session: sign in with POST /v1/console/session');
  return session;
}
