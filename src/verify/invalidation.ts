import type { DigestFilter } from './digest-filter.js';
import type { KeyCache } from './key-cache.js';

/**
 * The one place that forgets cached key state after a change, so that a revoked key or a disabled owner
 * stops working at once. Routes call it after the store has committed. Usage counters are not touched:
 * quota spent since the last flush must still be written.
 */
export class Invalidation {
  constructor(
    private readonly cache: KeyCache,
    private readonly filter: DigestFilter,
  ) {}

  key(id: string): void {
    this.cache.invalidateKey(id);
  }

  owner(ownerId: string): void {
    this.cache.invalidateOwner(ownerId);
  }

  organization(orgId: string): void {
    this.cache.invalidateOrganization(orgId);
  }

  /** A key with this digest and id now exists: it must pass the filter and leave the negative caches. */
  created(hash: string, id: string): void {
    this.filter.add(hash);
    this.cache.forgetMissing(hash, id);
  }
}
