import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { type Caller, callerFromKey } from '../auth/caller.js';
import type { Deps } from '../deps.js';
import { invalid, KeywardError } from '../errors.js';
import { type CachedKey, keyStatus } from '../keys/verify.js';
import { andThen, type MaybePromise } from '../maybe-promise.js';
import type { Found } from '../verify/verifier.js';
import { CSRF_HEADER, changesState, expiredSessionCookie, readSessionCookie } from './console-session.js';
import { auditInput, throttled } from './helpers.js';

type Credential = { scheme: 'key' | 'token'; secret: string };

/**
 * Refuses a request that repeats a credential header. Node joins a repeated x-api-key into one value and
 * keeps only the first Authorization, so the repeat shows only in the raw header list.
 */
export function assertSingleCredential(request: FastifyRequest): void {
  const repeated = repeatedCredential(request.raw.rawHeaders);
  if (repeated) throw repeated;
}

function repeatedCredential(raw: string[]): KeywardError | null {
  let keys = 0;
  let authorizations = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    // Only names of the right length are lowered: most headers are neither, and this runs per request.
    if (name.length === 9 && name.toLowerCase() === 'x-api-key') keys++;
    else if (name.length === 13 && name.toLowerCase() === 'authorization') authorizations++;
  }
  if (keys > 1) return invalid('x-api-key', 'must appear at most once');
  if (authorizations > 1) return invalid('authorization', 'must appear at most once');
  return null;
}

/**
 * Reads the one credential a request presents: `Authorization: Key|Bearer …` or `x-api-key`. Throws the
 * answer to a request whose credential headers are not usable.
 */
export function readCredential(message: IncomingMessage): Credential | null {
  const repeated = repeatedCredential(message.rawHeaders);
  if (repeated) throw repeated;
  const header = message.headers['x-api-key'] as string | undefined;
  const authorization = message.headers.authorization;
  if (header !== undefined && authorization !== undefined) {
    throw invalid('authorization', 'send either Authorization or x-api-key, not both');
  }
  if (header !== undefined) return { scheme: 'key', secret: header.trim() };
  if (authorization === undefined) return null;
  const space = authorization.indexOf(' ');
  const scheme = (space === -1 ? authorization : authorization.slice(0, space)).toLowerCase();
  const secret = space === -1 ? '' : authorization.slice(space + 1).trim();
  if (scheme === 'key') return { scheme: 'key', secret };
  if (scheme === 'bearer') {
    // An access token is a JWT (three dot-separated parts); anything else after Bearer is an API key.
    return { scheme: secret.startsWith('eyJ') && secret.split('.').length === 3 ? 'token' : 'key', secret };
  }
  throw new KeywardError('UNAUTHORIZED', 'authorization: the scheme must be Key or Bearer');
}

const KEY_MESSAGES: Record<string, string> = {
  MALFORMED: 'The API key is not valid',
  NOT_FOUND: 'The API key is not valid',
  REVOKED: 'The API key has been revoked',
  EXPIRED: 'The API key has expired',
  DISABLED: 'The API key is disabled',
  OWNER_DISABLED: "The API key's owner is disabled or no longer a member",
};

/**
 * Who the request comes from. Failures are audited and counted per client address; past the limit the
 * answer is `429` with `Retry-After`. Successes are never throttled. A key found in memory answers
 * synchronously; only a store lookup or an access token makes this a promise.
 */
export function authenticate(deps: Deps, request: FastifyRequest): MaybePromise<Caller> {
  const credential = readCredential(request.raw);
  const now = deps.clock();
  if (!credential) {
    // The console's cookie counts only when no header credential is sent: a header always wins.
    const session = readSessionCookie(request.headers.cookie);
    if (session !== null) return sessionCaller(deps, request, session, now);
    throw new KeywardError('UNAUTHORIZED', 'Authentication required: send Authorization: Key <api-key>');
  }
  if (credential.scheme === 'token') return tokenCaller(deps, request, credential.secret, now);
  return andThen(deps.finder.find(credential.secret, now), (found) => keyCaller(deps, request, found, now));
}

function keyCaller(deps: Deps, request: FastifyRequest, found: Found, now: number): Caller {
  const status = typeof found === 'string' ? found : keyStatus(found, now);
  if (status !== 'VALID' || typeof found === 'string') {
    return fail(deps, request, now, status, KEY_MESSAGES[status] ?? 'The API key is not valid', found);
  }
  deps.usage.touch(found, now);
  return callerFromKey(found);
}

/**
 * The caller once more, as the request is about to act: after its body has arrived, which a client can
 * spread over minutes. A revocation, disablement, expiry or removal that committed since the headers
 * came refuses the request, and a narrowed owner role applies to it. A cached key that nothing has
 * changed answers from memory, without a promise.
 */
export function recheckCaller(deps: Deps, request: FastifyRequest): MaybePromise<void> {
  const before = request.caller;
  const now = deps.clock();
  const entry = before.key;
  if (entry === null) return recheckToken(deps, request, now);
  return andThen(deps.finder.current(entry.key.hash, now), (found) => {
    if (found === entry && keyStatus(found, now) === 'VALID') return;
    request.caller = keyCaller(deps, request, found, now);
  });
}

async function recheckToken(deps: Deps, request: FastifyRequest, now: number): Promise<void> {
  if (request.consoleSession) {
    // Signing out elsewhere, or a password reset, ends the session for requests already under way.
    const token = readSessionCookie(request.headers.cookie);
    if (token === null || !(await deps.sessions.find(token, now))) {
      fail(deps, request, now, 'SESSION', SESSION_ENDED, null);
    }
  }
  const user = await deps.store.findUser(request.caller.id);
  if (!user || user.disabled) fail(deps, request, now, 'TOKEN', 'The access token is not valid', null);
  request.caller = { ...request.caller, clusterAdmin: user.clusterAdmin };
}

/**
 * The key a request authenticates with, when memory holds it and it is valid; undefined for every
 * other request, which only {@link authenticate} may answer. Nothing is recorded: a caller of this
 * records the key's use (`UsageTracker.touch`) once it answers the request.
 */
export function validKeyFromMemory(deps: Deps, message: IncomingMessage, now: number): CachedKey | undefined {
  let credential: Credential | null;
  try {
    credential = readCredential(message);
  } catch {
    return undefined;
  }
  if (credential?.scheme !== 'key') return undefined;
  const found = deps.finder.peek(credential.secret, now);
  return typeof found === 'object' && keyStatus(found, now) === 'VALID' ? found : undefined;
}

async function tokenCaller(deps: Deps, request: FastifyRequest, token: string, now: number): Promise<Caller> {
  const userId = await deps.tokens.verifyAccess(token);
  const user = userId ? await deps.store.findUser(userId) : null;
  if (!user || user.disabled) return fail(deps, request, now, 'TOKEN', 'The access token is not valid', null);
  return { id: user.id, kind: 'user', clusterAdmin: user.clusterAdmin, key: null };
}

const SESSION_ENDED = 'The console session has ended: sign in again';

/**
 * The user of a console session, named by its cookie: the same caller their access token would give,
 * so the same authorization applies. A request that changes state must also carry the session's CSRF
 * token, which a page of another site cannot read.
 */
async function sessionCaller(
  deps: Deps,
  request: FastifyRequest,
  token: string,
  now: number,
): Promise<Caller> {
  const session = await deps.sessions.find(token, now);
  const user = session ? await deps.store.findUser(session.userId) : null;
  if (!session || !user || user.disabled) {
    // The browser forgets a cookie that no longer opens anything, so that it is not sent again.
    return fail(deps, request, now, 'SESSION', SESSION_ENDED, null, {
      'set-cookie': expiredSessionCookie(request),
    });
  }
  if (changesState(request.method) && !deps.sessions.csrfMatches(session, csrfHeader(request))) {
    throw new KeywardError('CSRF_FAILED', `${CSRF_HEADER}: must be this session's CSRF token`);
  }
  request.consoleSession = session;
  return { id: user.id, kind: 'user', clusterAdmin: user.clusterAdmin, key: null };
}

/** The CSRF header's value; Node joins a repeated one into a value that matches no token. */
function csrfHeader(request: FastifyRequest): string | undefined {
  const value = request.headers[CSRF_HEADER];
  return typeof value === 'string' ? value : undefined;
}

function fail(
  deps: Deps,
  request: FastifyRequest,
  now: number,
  reason: string,
  message: string,
  found: Found | null,
  headers: Record<string, string> = {},
): never {
  const retryAfter = deps.throttle.retryAfter(request.ip, now);
  if (retryAfter > 0)
    throw throttled(
      deps,
      request,
      deps.throttle,
      retryAfter,
      'Too many failed authentications from this address',
    );
  deps.throttle.recordFailure(request.ip, now);
  const key = typeof found === 'object' && found !== null ? found.key : null;
  deps.failures.record(
    auditInput(request, 'auth.failed', {
      outcome: 'failure',
      orgId: key?.orgId ?? null,
      targetId: key?.id ?? null,
      details: { reason },
    }),
  );
  throw new KeywardError('UNAUTHORIZED', message, headers);
}
