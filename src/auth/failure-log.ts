import type { ErrorLogger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { AuditInput } from '../store/types.js';
import { type Flushed, WriteBehind } from '../write-behind.js';

/**
 * Failed authentications, audited in batches. A flood of bad credentials must not cost one store write
 * per request, so entries wait here and go to the audit log in one transaction per flush. Attempts
 * refused because their address is throttled are only counted, per address, and each flush records one
 * `auth.throttled` entry per address with the count. Past `max` waiting entries or addresses, further
 * failures are only counted, and the flush records the count in one entry. A crash can lose what is
 * waiting; none of it was an acknowledged write.
 */
export class FailureLog {
  private pending: AuditInput[] = [];
  private dropped = 0;
  private refused = new Map<string, number>();
  /** Every failure since start, for metrics. */
  total = 0;
  /** The write-behind, whose lag and failures the metrics read. */
  readonly writer: WriteBehind;

  constructor(
    private readonly store: Store,
    private readonly logger: ErrorLogger,
    intervalMs = 1000,
    private readonly max = 10_000,
  ) {
    this.writer = new WriteBehind(
      () => this.write(),
      intervalMs,
      () => this.pending.length + this.refused.size + (this.dropped > 0 ? 1 : 0),
    );
  }

  start(): void {
    this.writer.start();
  }

  record(entry: AuditInput): void {
    this.total++;
    this.writer.changed();
    if (this.pending.length < this.max) this.pending.push(entry);
    else this.dropped++;
  }

  /** An attempt refused with `429` because its address is throttled: counted, never audited one by one. */
  throttled(address: string): void {
    this.total++;
    this.writer.changed();
    const count = this.refused.get(address);
    if (count !== undefined) this.refused.set(address, count + 1);
    else if (this.refused.size < this.max) this.refused.set(address, 1);
    else this.dropped++;
  }

  flush(): Promise<void> {
    return this.writer.run();
  }

  stop(): Promise<void> {
    return this.writer.stop();
  }

  private async write(): Promise<Flushed> {
    const batch = this.pending;
    const dropped = this.dropped;
    const refused = this.refused;
    if (batch.length === 0 && dropped === 0 && refused.size === 0) return 'written';
    this.pending = [];
    this.dropped = 0;
    this.refused = new Map();
    for (const [ip, count] of refused) {
      batch.push({
        action: 'auth.throttled',
        actorId: null,
        orgId: null,
        targetId: null,
        requestId: null,
        ip,
        outcome: 'failure',
        details: { count },
      });
    }
    if (dropped > 0) {
      batch.push({
        action: 'auth.failed.unrecorded',
        actorId: null,
        orgId: null,
        targetId: null,
        requestId: null,
        ip: null,
        outcome: 'failure',
        details: { count: dropped },
      });
    }
    try {
      await this.store.appendAudit(batch);
      return 'written';
    } catch (error) {
      this.logger.error({ err: error, entries: batch.length }, 'failed-authentication audit flush failed');
      return 'dropped';
    }
  }
}
