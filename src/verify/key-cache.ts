import type { CachedKey } from '../keys/verify.js';

/**
 * The verification cache: key entries by digest, bounded, plus bounded negative caches of digests and of
 * key ids known not to exist. Eviction is first-in first-out: a hit costs one Map lookup and no
 * reordering. Every change to a key, its owner or its organization invalidates here at once, in this
 * process; an entry older than `maxAgeMs` is read again all the same, so that an invalidation that was
 * missed cannot last for ever.
 */
export class KeyCache {
  private readonly byHash = new Map<string, CachedKey>();
  private readonly hashById = new Map<string, string>();
  /** Digests by owner and by organization, so that a change to either drops its keys without a scan. */
  private readonly byOwner = new Map<string, Set<string>>();
  private readonly byOrg = new Map<string, Set<string>>();
  /** When each unknown digest or id was looked up. */
  private readonly missing = new Map<string, number>();
  private readonly missingIds = new Map<string, number>();
  /** How long an entry, or a miss, is trusted now: shortened while changes elsewhere go unheard. */
  private trustMs: number;

  constructor(
    private readonly maxEntries = 100_000,
    private readonly maxMissing = 100_000,
    private readonly missingTtlMs = 60_000,
    private readonly maxAgeMs = 60_000,
  ) {
    this.trustMs = maxAgeMs;
  }

  /**
   * Trusts entries and misses for `ms` at most from when they were read, until `trust()`: while the
   * changes other processes make cannot be heard, an entry older than that may be stale.
   */
  distrust(ms: number): void {
    this.trustMs = Math.min(ms, this.maxAgeMs);
  }

  trust(): void {
    this.trustMs = this.maxAgeMs;
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The entry for a digest, unless it is older than the maximum age (then it is dropped). */
  get(hash: string, nowMs: number): CachedKey | undefined {
    const entry = this.byHash.get(hash);
    if (entry === undefined || nowMs - entry.cachedAtMs <= this.trustMs) return entry;
    this.delete(hash);
    return undefined;
  }

  getById(id: string, nowMs: number): CachedKey | undefined {
    const hash = this.hashById.get(id);
    return hash === undefined ? undefined : this.get(hash, nowMs);
  }

  /** The entry for a key id whatever its age: for updating it in place, never for deciding on it. */
  entryById(id: string): CachedKey | undefined {
    const hash = this.hashById.get(id);
    return hash === undefined ? undefined : this.byHash.get(hash);
  }

  set(entry: CachedKey, nowMs: number): void {
    const hash = entry.key.hash;
    const previous = this.byHash.get(hash);
    if (previous) this.delete(hash);
    else if (this.byHash.size >= this.maxEntries) this.delete(this.byHash.keys().next().value as string);
    entry.cachedAtMs = nowMs;
    this.byHash.set(hash, entry);
    this.hashById.set(entry.key.id, hash);
    index(this.byOwner, entry.key.ownerId, hash);
    index(this.byOrg, entry.key.orgId, hash);
    this.missing.delete(hash);
    this.missingIds.delete(entry.key.id);
  }

  /** True when `hash` was looked up recently and not found. */
  isMissing(hash: string, nowMs: number): boolean {
    return this.stillMissing(this.missing, hash, nowMs);
  }

  markMissing(hash: string, nowMs: number): void {
    remember(this.missing, hash, nowMs, this.maxMissing);
  }

  /** True when a key with this id was looked up recently and not found. */
  isMissingId(id: string, nowMs: number): boolean {
    return this.stillMissing(this.missingIds, id, nowMs);
  }

  markMissingId(id: string, nowMs: number): void {
    remember(this.missingIds, id, nowMs, this.maxMissing);
  }

  private stillMissing(map: Map<string, number>, name: string, nowMs: number): boolean {
    const at = map.get(name);
    if (at === undefined) return false;
    const age = nowMs - at;
    if (age < Math.min(this.missingTtlMs, this.trustMs)) return true;
    if (age >= this.missingTtlMs) map.delete(name);
    return false;
  }

  /** A key with this digest and id now exists: forget that it did not. */
  forgetMissing(hash: string, id?: string): void {
    this.missing.delete(hash);
    if (id !== undefined) this.missingIds.delete(id);
  }

  invalidateKey(id: string): void {
    const hash = this.hashById.get(id);
    if (hash !== undefined) this.delete(hash);
  }

  /** Drops the keys of one owner: the owner's state is part of every entry. */
  invalidateOwner(ownerId: string): void {
    for (const hash of [...(this.byOwner.get(ownerId) ?? [])]) this.delete(hash);
  }

  invalidateOrganization(orgId: string): void {
    for (const hash of [...(this.byOrg.get(orgId) ?? [])]) this.delete(hash);
  }

  clear(): void {
    this.byHash.clear();
    this.hashById.clear();
    this.byOwner.clear();
    this.byOrg.clear();
    this.missing.clear();
    this.missingIds.clear();
  }

  private delete(hash: string): void {
    const entry = this.byHash.get(hash);
    if (!entry) return;
    this.byHash.delete(hash);
    this.hashById.delete(entry.key.id);
    unindex(this.byOwner, entry.key.ownerId, hash);
    unindex(this.byOrg, entry.key.orgId, hash);
  }
}

function index(map: Map<string, Set<string>>, name: string, hash: string): void {
  const set = map.get(name);
  if (set) set.add(hash);
  else map.set(name, new Set([hash]));
}

function unindex(map: Map<string, Set<string>>, name: string, hash: string): void {
  const set = map.get(name);
  if (!set) return;
  set.delete(hash);
  if (set.size === 0) map.delete(name);
}

function remember(map: Map<string, number>, name: string, at: number, max: number): void {
  if (map.size >= max) map.delete(map.keys().next().value as string);
  map.set(name, at);
}
