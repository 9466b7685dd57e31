import { AnswerCache, type CachedAnswer, cacheKey } from './cache.js';
import { type PresentedRequest, readCredential } from './credential.js';
import { EventStream } from './events.js';
import { NO_CREDENTIAL, outcomeOf, refusal, UNAVAILABLE } from './outcome.js';
import type { GuardOptions, Outcome, VerifyAnswer } from './types.js';
import { callVerify } from './verify-call.js';

const MAX_GRACE_MS = 5 * 60_000;

/**
 * A cached answer with what a request presenting its key is answered: decided once, when the answer
 * is stored, so that a request served from the cache allocates nothing of the guard's.
 */
interface CachedOutcome extends CachedAnswer {
  outcome: Outcome;
}

/** Keyward's permission syntax: `*`, or `resource:action` where the action may be `*`. */
const PERMISSION = /^(\*|[a-z0-9][a-z0-9_.-]{0,63}:(\*|[a-z0-9][a-z0-9_.-]{0,63}))$/;

/**
 * The framework-agnostic middleware: reads a request's key, answers from the cache when the staleness
 * rule allows (cache.ts), else asks Keyward, and keeps the revocation stream open that empties the
 * cache of what Keyward changed. The adapters (fastify.ts, express.ts, hono.ts) only translate.
 */
export class Guard {
  private readonly url: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private readonly cache: AnswerCache<CachedOutcome>;
  private readonly stream: EventStream;
  private readonly now = () => performance.now();

  constructor(options: GuardOptions) {
    if (!options.url) throw new TypeError("keyward: url is required: Keyward's base URL");
    if (!options.key) throw new TypeError('keyward: key is required: a Keyward key with keys:verify');
    this.url = options.url.replace(/\/+$/, '');
    this.authorization = `Key ${options.key}`;
    this.timeoutMs = nonNegative('timeoutMs', options.timeoutMs, 2000);
    const maxAgeMs = nonNegative('maxAgeMs', options.maxAgeMs, 5000);
    const graceMs = nonNegative('graceMs', options.graceMs, 0);
    if (graceMs > MAX_GRACE_MS) throw new RangeError('keyward: graceMs must be at most 5 minutes');
    this.cache = new AnswerCache<CachedOutcome>({
      ttlMs: nonNegative('ttlMs', options.ttlMs, 60_000),
      maxAgeMs,
      graceMs,
      maxEntries: nonNegative('maxEntries', options.maxEntries, 10_000),
    });
    this.stream = new EventStream({
      url: this.url,
      authorization: this.authorization,
      maxAgeMs,
      onEvent: (event) => this.cache.outdate(event),
      onReset: () => this.cache.outdate('all'),
      now: this.now,
    });
  }

  /**
   * Decides a request: its key must be valid and hold every permission in `wanted` (see
   * {@link permissionList}). A refusal of the headers or an answer from the cache comes back at once,
   * not as a promise, so that an adapter lets a known key through without waiting for a microtask
   * (BENCHMARKS.md, "Middleware in the user's own API"); only a call to Keyward is awaited.
   */
  check(request: PresentedRequest, wanted: readonly string[]): Outcome | Promise<Outcome> {
    const credential = readCredential(request);
    if (credential === null) return NO_CREDENTIAL;
    if ('refused' in credential) {
      return refusal(credential.ambiguous ? 'INVALID_REQUEST' : 'UNAUTHORIZED', credential.refused);
    }
    const id = cacheKey(credential.secret, wanted);
    const asked = this.now();
    const cached = this.cache.fresh(id, asked, this.stream);
    if (cached) return cached.outcome;
    return this.ask(id, credential.secret, wanted, asked);
  }

  /** Ends the revocation stream; resolves once nothing of the guard is left running. */
  close(): Promise<void> {
    return this.stream.close();
  }

  /** Asks Keyward about a key the cache cannot answer for, and keeps the answer when it may. */
  private async ask(id: string, secret: string, wanted: readonly string[], asked: number): Promise<Outcome> {
    const generation = this.cache.generation;
    const call = await callVerify(this.url, this.authorization, secret, wanted, this.timeoutMs);
    if ('unreachable' in call) return this.cache.graced(id, this.now())?.outcome ?? UNAVAILABLE;
    if ('refused' in call) return UNAVAILABLE;
    // Every request that presents this key while it is cached gets the same key object, so no handler
    // may change what the next one reads: a permission pushed onto it would grow the next one's.
    const answer = deepFreeze(call.answer);
    this.remember(id, answer, wanted, asked, generation);
    return outcomeOf(answer, wanted, call.headers, call.requestId);
  }

  private remember(
    id: string,
    answer: VerifyAnswer,
    wanted: readonly string[],
    asked: number,
    generation: number,
  ): void {
    if (answer.ratelimit !== undefined || answer.remaining !== undefined) {
      // Every use of such a key is counted by Keyward, so none may be answered here, whatever was asked.
      if (answer.keyId !== null) this.cache.dropKey(answer.keyId);
      return;
    }
    // An event that came while Keyward was asked may be about this very key, and newer than its answer.
    if (this.cache.generation !== generation) return;
    const endsAt = answer.expiresAt === null ? Infinity : asked + Date.parse(answer.expiresAt) - Date.now();
    const outcome = outcomeOf(answer, wanted, {}, undefined);
    this.cache.store(id, { answer, verifiedAt: asked, endsAt, outcome });
  }
}

/**
 * The permissions a route requires, checked against Keyward's syntax when the route is declared, so
 * that a typo fails at start-up rather than as a refusal of every request. Sorted, so that the same set
 * in another order shares cache entries.
 */
export function permissionList(permissions: readonly string[]): readonly string[] {
  for (const permission of permissions) {
    if (typeof permission !== 'string' || !PERMISSION.test(permission)) {
      throw new TypeError(`keyward: ${JSON.stringify(permission)} is not a permission (resource:action)`);
    }
  }
  return Object.freeze([...new Set(permissions)].sort());
}

/** Freezes a value parsed from JSON and everything in it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`keyward: ${name} must be a number ≥ 0`);
  return value;
}
