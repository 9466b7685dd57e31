import { errors, jwtVerify, SignJWT } from 'jose';
import { randomBase62 } from '../keys/base62.js';
import { digestKey } from '../keys/hash.js';
import { newId } from '../keys/ids.js';
import type { Store } from '../store/store.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/**
 * Short-lived HS256 access tokens and rotating refresh tokens. A refresh token works once: presenting a
 * used one again means it was stolen, and the whole family it belongs to is revoked.
 */
export class Tokens {
  private readonly key: Uint8Array;

  constructor(
    secret: Buffer,
    private readonly store: Store,
    private readonly accessTtl: number,
    private readonly refreshTtl: number,
  ) {
    this.key = new Uint8Array(secret);
  }

  async issue(userId: string, familyId = newId('rtk'), nowMs = Date.now()): Promise<TokenPair> {
    const accessToken = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer('keyward')
      .setIssuedAt(Math.floor(nowMs / 1000))
      .setExpirationTime(Math.floor(nowMs / 1000) + this.accessTtl)
      .sign(this.key);
    const refreshToken = `kwr_${randomBase62(43)}`;
    await this.store.createRefreshToken({
      id: newId('rtk'),
      userId,
      familyId,
      hash: digestKey(refreshToken),
      expiresAt: new Date(nowMs + this.refreshTtl * 1000).toISOString(),
      usedAt: null,
      revokedAt: null,
    });
    return { accessToken, refreshToken, expiresIn: this.accessTtl };
  }

  /** The user id an access token names, or null when it is not a valid, unexpired token of ours. */
  async verifyAccess(token: string): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'keyward', algorithms: ['HS256'] });
      return payload.typ === 'access' && typeof payload.sub === 'string' ? payload.sub : null;
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  }

  /** Trades a refresh token for a new pair, or answers null when the token is unknown, spent or expired. */
  async refresh(
    refreshToken: string,
    nowMs = Date.now(),
  ): Promise<{ userId: string; pair: TokenPair } | null> {
    const stored = await this.store.findRefreshToken(digestKey(refreshToken));
    if (!stored || stored.revokedAt !== null || Date.parse(stored.expiresAt) <= nowMs) return null;
    const at = new Date(nowMs).toISOString();
    if (!(await this.store.useRefreshToken(stored.id, at))) {
      await this.store.revokeRefreshFamily(stored.familyId, at);
      return null;
    }
    return { userId: stored.userId, pair: await this.issue(stored.userId, stored.familyId, nowMs) };
  }

  /** Ends the session a refresh token belongs to; unknown tokens are ignored. */
  async revoke(refreshToken: string, nowMs = Date.now()): Promise<string | null> {
    const stored = await this.store.findRefreshToken(digestKey(refreshToken));
    if (!stored) return null;
    await this.store.revokeRefreshFamily(stored.familyId, new Date(nowMs).toISOString());
    return stored.userId;
  }
}
