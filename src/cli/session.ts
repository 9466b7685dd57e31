import type { Credentials, TokenPair } from '@keyward/client';
import { ApiError, KeywardClient } from '@keyward/client';
import {
  DEFAULT_PROFILE,
  type LoginStore,
  type Secret,
  type StoredLogin,
  type Tokens,
} from './credentials.js';
import { CliError } from './errors.js';

/** An access token this close to its expiry is refreshed before use, not after a `401`. */
const SKEW_MS = 15_000;

export function tokensFrom(pair: TokenPair, now = Date.now()): Tokens {
  return {
    accessToken: pair.accessToken,
    refreshToken: pair.refreshToken,
    expiresAt: new Date(now + pair.expiresIn * 1000).toISOString(),
  };
}

export const isTokens = (secret: Secret): secret is Tokens => 'refreshToken' in secret;
const fresh = (tokens: Tokens) => Date.parse(tokens.expiresAt) - SKEW_MS > Date.now();

/**
 * The credentials of a username login: the stored access token, refreshed when it expires. Refresh
 * tokens rotate, so each new pair is stored at once; a refused refresh token means "log in again".
 */
export class TokenSession implements Credentials {
  private tokens: Tokens;
  private readonly store: LoginStore;
  private readonly login: StoredLogin;

  constructor(store: LoginStore, login: StoredLogin, tokens: Tokens) {
    this.store = store;
    this.login = login;
    this.tokens = tokens;
  }

  async authorization(): Promise<string> {
    if (!fresh(this.tokens)) await this.refresh();
    return `Bearer ${this.tokens.accessToken}`;
  }

  async renew(): Promise<boolean> {
    await this.refresh();
    return true;
  }

  private refresh(): Promise<void> {
    const spent = this.tokens.refreshToken;
    return this.store.locked(async () => {
      // Another keyward process may have refreshed meanwhile: its pair is the one to use now.
      const stored = await this.store.secret(this.login);
      if (isTokens(stored) && stored.refreshToken !== spent) {
        this.tokens = stored;
        return;
      }
      let pair: TokenPair;
      try {
        pair = await new KeywardClient(this.login.url).refresh(spent);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          const profile = this.store.profile === DEFAULT_PROFILE ? '' : ` --profile ${this.store.profile}`;
          throw new CliError(
            `the login to ${this.login.url} has ended (the server refused its refresh token); ` +
              `run "keyward login${profile} --url ${this.login.url} --username ${this.login.name}" again`,
          );
        }
        throw error;
      }
      this.tokens = tokensFrom(pair);
      await this.store.update(this.login, this.tokens);
    });
  }
}
