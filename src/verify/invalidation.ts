import type { StoreEvent } from '../store/events.js';
import type { DigestFilter } from './digest-filter.js';
import type { KeyCache } from './key-cache.js';
import type { KeyPrefixes } from './verifier.js';

/**
 * How long a cached key may be served after it was read while the feed of other processes' changes is
 * down: the bound on how late a revocation made elsewhere takes effect here (PRODUCT.md §7).
 */
export const FEED_LOST_TRUST_MS = 1_000;

/**
 * The one place that applies committed changes to this process's verification state: cached keys are
 * forgotten when they or their owner or organization change, so that a revoked key or a disabled owner
 * stops working at once; new keys pass the digest filter and leave the negative cache; new prefixes are
 * known. It hears of changes only from the store (`Store.subscribe`), never from a route, so no route
 * can forget to tell it. Usage counters are not touched: quota spent since the last flush must still be
 * written.
 */
export class Invalidation {
  constructor(
    private readonly cache: KeyCache,
    private readonly filter: DigestFilter,
    private readonly prefixes: KeyPrefixes,
  ) {}

  apply(events: readonly StoreEvent[]): void {
    for (const event of events) {
      switch (event.type) {
        case 'key.changed':
          this.cache.invalidateKey(event.keyId);
          break;
        case 'key.created':
          this.filter.add(event.hash);
          this.cache.forgetMissing(event.hash, event.keyId);
          break;
        case 'owner.changed':
          this.cache.invalidateOwner(event.ownerId);
          break;
        case 'organization.changed':
          this.cache.invalidateOrganization(event.orgId);
          if (event.keyPrefix !== null) this.prefixes.add(event.keyPrefix);
          break;
        case 'feed.lost':
          // Changes made elsewhere go unheard: trust what is cached for a second at most, and let every
          // digest through to the store, which may hold keys this process never heard of.
          this.cache.distrust(FEED_LOST_TRUST_MS);
          this.filter.suspend();
          break;
        case 'feed.restored':
          this.cache.clear();
          this.cache.trust();
          void this.filter.reload();
          this.prefixes.reload();
          break;
      }
    }
  }
}
