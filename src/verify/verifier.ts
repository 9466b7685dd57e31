import { inspectKey, MAX_KEY_LENGTH, MIN_KEY_LENGTH } from '../keys/format.js';
import { digestKey } from '../keys/hash.js';
import { type CachedKey, toCached } from '../keys/verify.js';
import type { MaybePromise } from '../maybe-promise.js';
import type { Store } from '../store/store.js';
import type { DigestFilter } from './digest-filter.js';
import type { KeyCache } from './key-cache.js';

/**
 * The prefixes organizations use. A presented key with any other prefix cannot be ours and is refused
 * without a lookup. Prefixes created by another process are picked up by a refresh at most once a second.
 */
export class KeyPrefixes {
  private prefixes = new Set<string>();
  private refreshedAt = 0;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly store: Store) {}

  async load(): Promise<void> {
    this.prefixes = new Set(await this.store.listKeyPrefixes());
    this.refreshedAt = Date.now();
  }

  add(prefix: string): void {
    this.prefixes.add(prefix);
  }

  /** Reads the prefixes again in the background: after changes made elsewhere went unheard. */
  reload(): void {
    this.refreshedAt = 0;
  }

  has(prefix: string): boolean {
    if (this.prefixes.has(prefix)) return true;
    if (!this.refreshing && Date.now() - this.refreshedAt > 1000) {
      this.refreshing = this.load()
        .catch(() => {})
        .finally(() => {
          this.refreshing = null;
        });
    }
    return false;
  }
}

export type Found = CachedKey | 'MALFORMED' | 'NOT_FOUND';

/**
 * How key lookups were answered, for `keyward_key_lookups_total{result}`: `hit`, a cached record;
 * `filtered`, an unknown prefix or the digest filter's no; `negative`, the negative cache's recent miss;
 * `miss`, the store asked. A malformed key is no lookup and is not counted.
 */
export const LOOKUP_RESULTS = ['hit', 'filtered', 'negative', 'miss'] as const;
export type LookupCounts = Record<(typeof LOOKUP_RESULTS)[number], number>;

/** A well-formed key that memory cannot answer for: its digest, for the store. */
class Unknown {
  constructor(readonly hash: string) {}
}

/**
 * Finds the stored record of a presented key. A cached key is found by its digest first: it was stored,
 * so its shape needs no second look. Anything else goes through the shape and checksum, the prefix, the
 * digest filter and the negative cache before the store is asked. Everything but the store answers
 * synchronously, so that a cached key, and every key that cannot exist, costs no promise.
 */
export class KeyFinder {
  /**
   * Lookups by how they were answered. A lookup that memory answers is counted where it answers, so a
   * request the hot path looked up and then left to Fastify is counted again there.
   */
  readonly lookups: LookupCounts = { hit: 0, filtered: 0, negative: 0, miss: 0 };

  constructor(
    private readonly store: Store,
    private readonly cache: KeyCache,
    private readonly prefixes: KeyPrefixes,
    private readonly filter: DigestFilter,
  ) {}

  find(key: string, nowMs: number): MaybePromise<Found> {
    const known = this.answerFromMemory(key, nowMs);
    return known instanceof Unknown ? this.lookup(known.hash, nowMs) : known;
  }

  /** What {@link find} answers without the store, or undefined when only the store can tell. */
  peek(key: string, nowMs: number): Found | undefined {
    const known = this.answerFromMemory(key, nowMs);
    return known instanceof Unknown ? undefined : known;
  }

  private answerFromMemory(key: string, nowMs: number): Found | Unknown {
    if (key.length < MIN_KEY_LENGTH || key.length > MAX_KEY_LENGTH) return 'MALFORMED';
    const hash = digestKey(key);
    const hit = this.cache.get(hash, nowMs);
    if (hit !== undefined) {
      this.lookups.hit++;
      return hit;
    }
    const shape = inspectKey(key);
    if (!shape.ok) return 'MALFORMED';
    if (!this.prefixes.has(shape.prefix) || !this.filter.mightContain(hash)) {
      this.lookups.filtered++;
      return 'NOT_FOUND';
    }
    if (this.cache.isMissing(hash, nowMs)) {
      this.lookups.negative++;
      return 'NOT_FOUND';
    }
    return new Unknown(hash);
  }

  /**
   * A key by id: from the cache when it is there, which is how an authenticated read costs no query. An
   * id the store did not have is remembered like an unknown key, so that asking again costs no query.
   */
  findById(id: string, nowMs: number): MaybePromise<CachedKey | null> {
    const hit = this.peekById(id, nowMs);
    if (hit !== undefined) return hit;
    if (!this.cache.isMissingId(id, nowMs)) return this.lookupId(id, nowMs);
    this.lookups.negative++;
    return null;
  }

  /** A key by id if memory holds it. */
  peekById(id: string, nowMs: number): CachedKey | undefined {
    const hit = this.cache.getById(id, nowMs);
    if (hit !== undefined) this.lookups.hit++;
    return hit;
  }

  /**
   * The key with this digest as it stands now: the cached entry, or the store's when the cache has
   * dropped it (a change since). What a request's credential is checked against again before it acts.
   */
  current(hash: string, nowMs: number): MaybePromise<Found> {
    const hit = this.cache.get(hash, nowMs);
    if (hit === undefined) return this.lookup(hash, nowMs);
    this.lookups.hit++;
    return hit;
  }

  private async lookupId(id: string, nowMs: number): Promise<CachedKey | null> {
    this.lookups.miss++;
    const entry = await this.store.findKey(id);
    if (!entry) {
      this.cache.markMissingId(id, nowMs);
      return null;
    }
    const cached = toCached(entry);
    this.cache.set(cached, nowMs);
    return cached;
  }

  private async lookup(hash: string, nowMs: number): Promise<Found> {
    this.lookups.miss++;
    const entry = await this.store.findKeyByHash(hash);
    if (!entry) {
      this.cache.markMissing(hash, nowMs);
      return 'NOT_FOUND';
    }
    const cached = toCached(entry);
    this.cache.set(cached, nowMs);
    return cached;
  }
}
