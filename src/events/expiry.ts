import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../store/store.js';

/** How often the store is asked for keys that have just expired. */
const SWEEP_MS = 1_000;
/** How far back the first sweep of a process looks: expiries older than this went unannounced. */
const LOOKBACK_MS = 60 * 60_000;
/** How long the key-event log keeps an event: a stream may resume from any of this age. */
export const KEY_EVENT_RETENTION_MS = 7 * 24 * 60 * 60_000;
const PRUNE_EVERY = 3_600;

/**
 * Records `key.expired` as keys reach their expiry, so that a service caching a key hears of it as it
 * hears of a revocation, and prunes the key-event log. Every process sweeps; the store records each
 * expiry once (src/store/queries/key-events.ts).
 */
export class ExpirySweeper {
  private timer: NodeJS.Timeout | null = null;
  private since: number;
  private sweeps = 0;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly logger: FastifyBaseLogger,
    private readonly clock: () => number = Date.now,
  ) {
    this.since = clock() - LOOKBACK_MS;
  }

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .then(() => {})
        .catch((error: unknown) => this.logger.warn({ err: error }, 'the key expiry sweep failed'))
        .finally(() => {
          this.running = null;
        });
    }, SWEEP_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Records the expiries since the last sweep; answers how many it recorded. */
  async sweep(): Promise<number> {
    const now = this.clock();
    const since = new Date(this.since).toISOString();
    const until = new Date(now).toISOString();
    let count = 0;
    for (let more = true; more; ) {
      const swept = await this.store.recordExpiries(since, until);
      count += swept.count;
      more = swept.more;
    }
    this.since = now;
    if (this.sweeps++ % PRUNE_EVERY === 0) {
      await this.store.pruneKeyEvents(new Date(now - KEY_EVENT_RETENTION_MS).toISOString());
    }
    return count;
  }
}
