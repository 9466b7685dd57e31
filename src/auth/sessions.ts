import { createHmac, timingSafeEqual } from 'node:crypto';
import { randomBase62 } from '../keys/base62.js';
import { digestKey } from '../keys/hash.js';
import { newId } from '../keys/ids.js';
import type { Store } from '../store/store.js';

/** A console session that is still open: its id binds the CSRF token, its user is the caller. */
export interface ConsoleSession {
  id: string;
  userId: string;
  expiresAt: string;
}

/**
 * The web console's sessions (docs/console.md). A session is a refresh token that the browser holds
 * in an HttpOnly cookie, so that page scripts never see it: opaque, stored only as a digest, and ended
 * on the server by signing out, by a password reset, or by its expiry. It is not spent on each request,
 * as the API's refresh tokens are, because a browser sends several requests at once with one cookie.
 * Signing in always opens a new one, so a cookie planted before sign-in is never promoted.
 *
 * Each session has a CSRF token, an HMAC of its id under a key of its own, derived from the token
 * secret: the page reads it from the sign-in answer and sends it with every state-changing request.
 */
export class ConsoleSessions {
  private readonly csrfKey: Buffer;

  constructor(
    secret: Buffer,
    private readonly store: Store,
    private readonly ttlSeconds: number,
  ) {
    this.csrfKey = createHmac('sha256', secret).update('keyward console csrf v1').digest();
  }

  /** Opens a session for a user who has just proved their password. */
  async open(userId: string, nowMs: number): Promise<{ token: string; session: ConsoleSession }> {
    const token = `kwr_${randomBase62(43)}`;
    const id = newId('rtk');
    const expiresAt = new Date(nowMs + this.ttlSeconds * 1000).toISOString();
    await this.store.createRefreshToken({
      id,
      userId,
      familyId: id,
      hash: digestKey(token),
      expiresAt,
      usedAt: null,
      revokedAt: null,
    });
    return { token, session: { id, userId, expiresAt } };
  }

  /** The open session a cookie names, or null when it is unknown, ended, spent or expired. */
  async find(token: string, nowMs: number): Promise<ConsoleSession | null> {
    const stored = await this.store.findRefreshToken(digestKey(token));
    if (!stored || stored.revokedAt !== null || stored.usedAt !== null) return null;
    if (Date.parse(stored.expiresAt) <= nowMs) return null;
    return { id: stored.familyId, userId: stored.userId, expiresAt: stored.expiresAt };
  }

  /** Ends a session; later requests with its cookie are refused. */
  async close(session: ConsoleSession, nowMs: number): Promise<void> {
    await this.store.revokeRefreshFamily(session.id, new Date(nowMs).toISOString());
  }

  /** The CSRF token of a session: the same for the session's whole life, and for no other session. */
  csrfToken(session: ConsoleSession): string {
    return createHmac('sha256', this.csrfKey).update(session.id).digest('base64url');
  }

  /** Whether a presented CSRF token is the session's, compared in constant time. */
  csrfMatches(session: ConsoleSession, presented: string | undefined): boolean {
    if (presented === undefined) return false;
    const expected = Buffer.from(this.csrfToken(session));
    const given = Buffer.from(presented);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
