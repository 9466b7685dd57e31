import { inspectKey } from '../keys/format.js';
import { digestKey } from '../keys/hash.js';
import { type CachedKey, toCached } from '../keys/verify.js';
import type { Store } from '../store/store.js';
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

/** Finds the stored record of a presented key: shape check, then cache, then store, in that order. */
export class KeyFinder {
  constructor(
    private readonly store: Store,
    private readonly cache: KeyCache,
    private readonly prefixes: KeyPrefixes,
  ) {}

  async find(key: string, nowMs: number): Promise<Found> {
    const shape = inspectKey(key);
    if (!shape.ok) return 'MALFORMED';
    if (!this.prefixes.has(shape.prefix)) return 'NOT_FOUND';
    const hash = digestKey(key);
    const hit = this.cache.get(hash);
    if (hit !== undefined) return hit;
    if (this.cache.isMissing(hash, nowMs)) return 'NOT_FOUND';
    const entry = await this.store.findKeyByHash(hash);
    if (!entry) {
      this.cache.markMissing(hash, nowMs);
      return 'NOT_FOUND';
    }
    const cached = toCached(entry);
    this.cache.set(cached);
    return cached;
  }

  async findById(id: string): Promise<CachedKey | null> {
    const hit = this.cache.getById(id);
    if (hit !== undefined) return hit;
    const entry = await this.store.findKey(id);
    if (!entry) return null;
    const cached = toCached(entry);
    this.cache.set(cached);
    return cached;
  }
}
