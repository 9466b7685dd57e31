import type { Role } from '../types.js';

/** How a service reaches Keyward, and how long it may trust what Keyward told it. */
export interface GuardOptions {
  /**
   * Keyward's base URL, such as `http://127.0.0.1:7373`. Like `key`, it may be passed straight from
   * `process.env`: a missing one throws at once.
   */
  url: string | undefined;
  /** The service's own Keyward key, which needs `keys:verify` in the organization whose keys it accepts. */
  key: string | undefined;
  /** How long a cached answer lives while the revocation stream is healthy. Default 60 s. */
  ttlMs?: number;
  /** How long a cached answer lives when the stream is not, and a NOT_FOUND answer always. Default 5 s. */
  maxAgeMs?: number;
  /** How many answers the cache holds; when full, one not served lately goes first. Default 10,000. */
  maxEntries?: number;
  /** How long a verification may take before Keyward counts as unreachable. Default 2 s. */
  timeoutMs?: number;
  /**
   * When Keyward cannot be reached, a key it accepted within this long is still let through. Default 0:
   * every request is refused with `503`. At most 5 minutes.
   */
  graceMs?: number;
}

/**
 * The key a request was verified with, as the middleware puts it on the request. It is frozen, down to
 * its permissions and meta: requests served from the cache share it, so a change would reach them all.
 */
export interface VerifiedKey {
  readonly id: string;
  readonly ownerId: string;
  readonly organizationId: string;
  /** The role it acts with: its own, capped by its owner's. */
  readonly role: Role;
  /** Everything it holds now, not only what the route asked for. */
  readonly permissions: readonly string[];
  readonly expiresAt: string | null;
  readonly meta: Readonly<Record<string, unknown>> | null;
}

/** The codes the middleware answers with, each with Keyward's status for it. */
export type GuardErrorCode =
  | 'INVALID_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE';

/** Keyward's one error body. `requestId` names Keyward's verification when one decided the answer. */
export interface GuardErrorBody {
  success: false;
  error: { code: GuardErrorCode; message: string; requestId?: string };
}

/** What the middleware decided about a request; the framework adapters only translate it. */
export type Outcome =
  | { ok: true; key: VerifiedKey; headers: Record<string, string> }
  | { ok: false; status: 400 | 401 | 403 | 429 | 503; body: GuardErrorBody; headers: Record<string, string> };

/** The body of Keyward's `POST /v1/keys/verify` answer, as far as the middleware reads it. */
export interface VerifyAnswer {
  valid: boolean;
  code: string;
  keyId: string | null;
  ownerId: string | null;
  organizationId: string | null;
  role: Role | null;
  permissions: string[];
  expiresAt: string | null;
  meta: Record<string, unknown> | null;
  /** Present when the key has a rate limit: such an answer is never cached. */
  ratelimit?: { limit: number; duration: number; remaining: number; reset: number };
  /** Present when the key has a quota: such an answer is never cached. */
  remaining?: number;
}
