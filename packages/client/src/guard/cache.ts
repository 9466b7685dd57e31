import { hash } from 'node:crypto';
import type { VerifyAnswer } from './types.js';

/**
 * Keyward's recent answers, so that a key presented again costs no network call. Times here are read
 * from a monotonic clock (`performance.now()`), so that a wall clock set back cannot make an old answer
 * young again.
 */

/** What the revocation stream (events.ts) tells the cache about itself. */
export interface StreamHealth {
  /** Since when the stream has been connected and heard from without a gap; null while it is not. */
  readonly healthySince: number | null;
  /** When anything, an event or a ping, last arrived on it. */
  readonly lastHeard: number;
}

export interface CacheLimits {
  ttlMs: number;
  maxAgeMs: number;
  graceMs: number;
  maxEntries: number;
}

export interface CachedAnswer {
  answer: VerifyAnswer;
  /** When the verification that gave it was sent: an event after this moment may have outdated it. */
  verifiedAt: number;
  /** When a valid key stops being valid by the clock (its `expiresAt`); Infinity when it never does. */
  endsAt: number;
}

/**
 * The staleness rule: an answer is served at most `maxAgeMs` after it was asked for, or up to `ttlMs`
 * when the revocation stream has been healthy since before it was asked for, and heard from within
 * `maxAgeMs`, so that any event about the key would have dropped it. An answer no event can name (an
 * unknown key's) lives `maxAgeMs` only.
 */
export function servable(
  entry: CachedAnswer,
  now: number,
  stream: StreamHealth,
  limits: CacheLimits,
): boolean {
  if (entry.answer.valid && now >= entry.endsAt) return false;
  const age = now - entry.verifiedAt;
  if (age <= limits.maxAgeMs) return true;
  if (entry.answer.keyId === null) return false;
  return (
    stream.healthySince !== null &&
    stream.healthySince <= entry.verifiedAt &&
    now - stream.lastHeard <= limits.maxAgeMs &&
    age <= limits.ttlMs
  );
}

/** The cache's key for a presented key and the permissions asked of it: the key itself is never kept. */
export function cacheKey(secret: string, permissions: readonly string[]): string {
  // The one-shot digest: under half the time of `createHash(…).update(…).digest(…)` for a key.
  return `${hash('sha256', secret, 'base64url')} ${permissions.join(' ')}`;
}

/** An answer held, and whether it was served since it last joined the back of the line. */
interface Slot<Entry> {
  entry: Entry;
  served: boolean;
}

/**
 * A bounded map of answers, indexed by key id and owner id for events. When full, it drops the
 * least recently used answer by the "second chance" rule: a served answer is only marked, and moves to
 * the back of the line when the eviction reaches it, rather than on every request: a `Map` delete and
 * set per request cost more than the rest of a cached check (BENCHMARKS.md, "Middleware in the user's
 * own API").
 */
export class AnswerCache<Entry extends CachedAnswer = CachedAnswer> {
  private readonly entries = new Map<string, Slot<Entry>>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byOwner = new Map<string, Set<string>>();
  private readonly retainMs: number;
  /**
   * Counts the drops that events asked for. A verification that sees it change while in flight does
   * not store its answer: the event may be about that very key and have come before the answer.
   */
  generation = 0;

  constructor(private readonly limits: CacheLimits) {
    this.retainMs = Math.max(limits.ttlMs, limits.maxAgeMs, limits.graceMs);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry whose answer may be served now, or undefined when the key must be verified again. */
  fresh(id: string, now: number, stream: StreamHealth): Entry | undefined {
    const entry = this.touch(id, now);
    return entry && servable(entry, now, stream, this.limits) ? entry : undefined;
  }

  /** The entry of a valid answer within the grace period, for when Keyward cannot be reached. */
  graced(id: string, now: number): Entry | undefined {
    const entry = this.entries.get(id)?.entry;
    if (!entry?.answer.valid || now >= entry.endsAt) return undefined;
    return now - entry.verifiedAt <= this.limits.graceMs ? entry : undefined;
  }

  store(id: string, entry: Entry): void {
    this.remove(id);
    if (this.limits.maxEntries === 0) return;
    // Room is made before the new answer comes in, so that the eviction never picks the newest.
    if (this.entries.size >= this.limits.maxEntries) this.evict();
    this.entries.set(id, { entry, served: false });
    const { keyId, ownerId } = entry.answer;
    if (keyId !== null) index(this.byKey, keyId, id);
    if (ownerId !== null) index(this.byOwner, ownerId, id);
  }

  /** Drops the answers an event outdated: those about its key and its owner's keys, or all of them. */
  outdate(event: { keyId: string | null; ownerId: string | null } | 'all'): void {
    this.generation++;
    if (event === 'all') {
      this.entries.clear();
      this.byKey.clear();
      this.byOwner.clear();
      return;
    }
    if (event.keyId !== null) this.dropKey(event.keyId);
    if (event.ownerId === null) return;
    for (const id of this.byOwner.get(event.ownerId) ?? []) this.remove(id);
  }

  /** Drops every answer about a key. */
  dropKey(keyId: string): void {
    for (const id of this.byKey.get(keyId) ?? []) this.remove(id);
  }

  /** The entry, marked as served; an entry too old for any use is dropped instead. */
  private touch(id: string, now: number): Entry | undefined {
    const slot = this.entries.get(id);
    if (!slot) return undefined;
    if (now - slot.entry.verifiedAt > this.retainMs) {
      this.remove(id);
      return undefined;
    }
    slot.served = true;
    return slot.entry;
  }

  /** Drops the oldest answer not served since it joined the back of the line; served ones go back. */
  private evict(): void {
    // A `Map` iterates in insertion order, and reaches again what is set while it iterates: an answer
    // sent back is unmarked, so the loop ends at the latest when it comes round to the first of them.
    for (const [id, slot] of this.entries) {
      if (!slot.served) {
        this.remove(id);
        return;
      }
      slot.served = false;
      this.entries.delete(id);
      this.entries.set(id, slot);
    }
  }

  private remove(id: string): void {
    const entry = this.entries.get(id)?.entry;
    if (!entry) return;
    this.entries.delete(id);
    const { keyId, ownerId } = entry.answer;
    if (keyId !== null) unindex(this.byKey, keyId, id);
    if (ownerId !== null) unindex(this.byOwner, ownerId, id);
  }
}

function index(map: Map<string, Set<string>>, name: string, id: string): void {
  const ids = map.get(name);
  if (ids) ids.add(id);
  else map.set(name, new Set([id]));
}

function unindex(map: Map<string, Set<string>>, name: string, id: string): void {
  const ids = map.get(name);
  if (!ids) return;
  ids.delete(id);
  if (ids.size === 0) map.delete(name);
}
