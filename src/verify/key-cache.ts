import type { CachedKey } from '../keys/verify.js';

/**
 * The verification cache: key entries by digest, bounded, plus a bounded negative cache of digests known
 * not to exist. Eviction is first-in first-out: a hit costs one Map lookup and no reordering.
 * Every change to a key, its owner or its organization invalidates here at once, in this process.
 */
export class KeyCache {
  private readonly byHash = new Map<string, CachedKey>();
  private readonly hashById = new Map<string, string>();
  private readonly missing = new Map<string, number>();

  constructor(
    private readonly maxEntries = 100_000,
    private readonly maxMissing = 100_000,
    private readonly missingTtlMs = 60_000,
  ) {}

  get size(): number {
    return this.byHash.size;
  }

  get(hash: string): CachedKey | undefined {
    return this.byHash.get(hash);
  }

  getById(id: string): CachedKey | undefined {
    const hash = this.hashById.get(id);
    return hash === undefined ? undefined : this.byHash.get(hash);
  }

  set(entry: CachedKey): void {
    const hash = entry.key.hash;
    if (!this.byHash.has(hash) && this.byHash.size >= this.maxEntries) {
      const oldest = this.byHash.keys().next().value as string;
      this.delete(oldest);
    }
    this.byHash.set(hash, entry);
    this.hashById.set(entry.key.id, hash);
    this.missing.delete(hash);
  }

  /** True when `hash` was looked up recently and not found. */
  isMissing(hash: string, nowMs: number): boolean {
    const until = this.missing.get(hash);
    if (until === undefined) return false;
    if (until > nowMs) return true;
    this.missing.delete(hash);
    return false;
  }

  markMissing(hash: string, nowMs: number): void {
    if (this.missing.size >= this.maxMissing) {
      this.missing.delete(this.missing.keys().next().value as string);
    }
    this.missing.set(hash, nowMs + this.missingTtlMs);
  }

  /** A key with this digest now exists: forget that it did not. */
  forgetMissing(hash: string): void {
    this.missing.delete(hash);
  }

  invalidateKey(id: string): void {
    const hash = this.hashById.get(id);
    if (hash !== undefined) this.delete(hash);
  }

  /** Drops every entry that matches; used when an owner or an organization changes, which is rare. */
  invalidateWhere(match: (entry: CachedKey) => boolean): void {
    for (const [hash, entry] of this.byHash) if (match(entry)) this.delete(hash);
  }

  clear(): void {
    this.byHash.clear();
    this.hashById.clear();
    this.missing.clear();
  }

  private delete(hash: string): void {
    const entry = this.byHash.get(hash);
    if (entry) this.hashById.delete(entry.key.id);
    this.byHash.delete(hash);
  }
}
