import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type Caller, callerFromKey, orgAccess } from '../auth/caller.js';
import type { Deps } from '../deps.js';
import { KeywardError } from '../errors.js';
import { randomBase62 } from '../keys/base62.js';
import { digestKey } from '../keys/hash.js';
import { keyStatus } from '../keys/verify.js';
import type { ConnectSession, StoredConnectSession } from '../store/types.js';
import { auditInput, throttled } from './helpers.js';
import { AnyId, Int32, idOf, LIMITS, Text, Timestamp } from './schemas.js';

/**
 * Connect sessions (PRODUCT.md §9, the Nango seed): an organization admin makes a link that lets someone
 * without a Keyward account connect one of the named providers, once. The token is shown once and kept
 * as a digest; the link grants nothing else, and no more than its maker still holds when it is used.
 */

/** The header that carries a connect session's token. */
export const CONNECT_TOKEN_HEADER = 'x-connect-token';
/** Credentials the provider may refuse through one link before it ends: typos, not guessing. */
export const MAX_REFUSALS = 5;
export const DEFAULT_TTL_S = 1800;
export const MAX_TTL_S = 7 * 86_400;

const TOKEN_PATTERN = /^kwc_[0-9A-Za-z]{43}$/;

export function newConnectToken(): string {
  return `kwc_${randomBase62(43)}`;
}

export const ConnectSessionParams = Type.Object({ sessionId: idOf('cns') });

export const ConnectSessionSchema = Type.Object({
  id: idOf('cns'),
  orgId: idOf('org'),
  providers: Type.Array(Text(100), { maxItems: LIMITS.linkProviders }),
  connectionName: Type.Union([Text(LIMITS.name), Type.Null()]),
  status: Type.Union([
    Type.Literal('open'),
    Type.Literal('used'),
    Type.Literal('expired'),
    Type.Literal('refused'),
  ]),
  createdAt: Timestamp,
  createdBy: AnyId,
  expiresAt: Timestamp,
  usedAt: Type.Union([Timestamp, Type.Null()]),
  connectionId: Type.Union([idOf('con'), Type.Null()]),
  refusals: Int32({ minimum: 0, maximum: MAX_REFUSALS }),
});

type Status = 'open' | 'used' | 'expired' | 'refused';

function statusOf(session: ConnectSession, nowMs: number): Status {
  if (session.usedAt !== null) return 'used';
  if (Date.parse(session.expiresAt) <= nowMs) return 'expired';
  if (session.refusals >= MAX_REFUSALS) return 'refused';
  return 'open';
}

/** A session as the API shows it: never its token or its digest. */
export function sessionBody(session: StoredConnectSession, nowMs: number) {
  const { tokenHash: _tokenHash, madeByKey: _madeByKey, ...rest } = session;
  return { ...rest, status: statusOf(session, nowMs) };
}

const ENDED: Record<Exclude<Status, 'open'>, string> = {
  used: 'This link has been used: ask for a new one',
  expired: 'This link has expired: ask for a new one',
  refused: 'This link has ended after too many refused credentials: ask for a new one',
};

/**
 * Whoever made the session, as they are now: a key that still verifies, or a user still enabled. Null
 * when neither: the link then holds nothing to act with.
 */
async function makerNow(deps: Deps, session: StoredConnectSession, nowMs: number): Promise<Caller | null> {
  if (session.madeByKey !== null) {
    const entry = await deps.finder.findById(session.madeByKey, nowMs);
    return entry && keyStatus(entry, nowMs) === 'VALID' ? callerFromKey(entry) : null;
  }
  const user = await deps.store.findUser(session.createdBy);
  if (!user || user.disabled) return null;
  return { id: user.id, kind: 'user', clusterAdmin: user.clusterAdmin, key: null };
}

/**
 * The open session whose token the request carries. An unknown or malformed token is `401` and counts
 * as a failed authentication of the address (past the throttle, `429`); an ended one is `410`, as is one
 * whose maker can no longer connect providers in its organization (PRODUCT.md §4a: a link never holds
 * more than its maker does now).
 */
export async function openSession(deps: Deps, request: FastifyRequest): Promise<StoredConnectSession> {
  const now = deps.clock();
  const retryAfter = deps.connectThrottle.attempt(request.ip, now);
  if (retryAfter > 0)
    throw throttled(
      deps,
      request,
      deps.connectThrottle,
      retryAfter,
      'Too many failed attempts from this address',
    );
  const header = request.headers[CONNECT_TOKEN_HEADER];
  const token = typeof header === 'string' ? header : '';
  const session = TOKEN_PATTERN.test(token)
    ? await deps.store.findConnectSessionByHash(digestKey(token))
    : null;
  if (!session) {
    deps.failures.record(
      auditInput(request, 'auth.failed', { outcome: 'failure', details: { reason: 'CONNECT_TOKEN' } }),
    );
    throw new KeywardError(
      'UNAUTHORIZED',
      `Send the link's token in ${CONNECT_TOKEN_HEADER}: this one is not valid`,
    );
  }
  deps.connectThrottle.refund(request.ip);
  const status = statusOf(session, now);
  if (status !== 'open') throw new KeywardError('CONNECT_SESSION_ENDED', ENDED[status]);
  const maker = await makerNow(deps, session, now);
  const access = maker ? await orgAccess(deps.store, maker, session.orgId) : null;
  if (!access?.can('connections:write')) {
    throw new KeywardError(
      'CONNECT_SESSION_ENDED',
      'This link is no longer valid: whoever made it can no longer connect providers here',
    );
  }
  return session;
}

/** The ended answer for a session that ended between its check and its use. */
export function sessionEnded(): KeywardError {
  return new KeywardError('CONNECT_SESSION_ENDED', 'This link has ended meanwhile: ask for a new one');
}
