import type { Kysely, Transaction } from 'kysely';

interface Pending<DB> {
  work: (trx: Transaction<DB>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Writes that arrive together share one transaction, and each caller hears back only once it has
 * committed: nothing is acknowledged before it is durable. When one write of a batch fails, it takes
 * the transaction with it; every write of the batch then runs again in a transaction of its own, so that
 * each succeeds or fails exactly as it would have alone. Writes must therefore be safe to run again after
 * a rollback, as writes computed from their inputs are.
 *
 * On SQLite a commit writes every page the transaction touched. A key and its audit entry touch about ten
 * (two tables and six indexes) and almost all of them are the same pages for the next key, so fifty keys
 * created at once write those pages once instead of fifty times (BENCHMARKS.md, key creation).
 */
export class GroupCommit<DB> {
  private queue: Pending<DB>[] = [];
  private scheduled = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly maxBatch = 64,
  ) {}

  /** Runs `work` in a transaction, shared with whatever else is waiting to be written. */
  run<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the I/O callbacks of this turn: the requests that arrived together have queued by then.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      let values: unknown[];
      try {
        values = await this.db.transaction().execute(async (trx) => {
          const results: unknown[] = [];
          for (const item of batch) results.push(await item.work(trx));
          return results;
        });
      } catch (error) {
        if (batch.length === 1) (batch[0] as Pending<DB>).reject(error);
        else await this.oneByOne(batch);
        continue;
      }
      for (const [i, item] of batch.entries()) item.resolve(values[i]);
    }
    this.scheduled = false;
  }

  private async oneByOne(batch: Pending<DB>[]): Promise<void> {
    for (const item of batch) {
      try {
        item.resolve(await this.db.transaction().execute((trx) => item.work(trx)));
      } catch (error) {
        item.reject(error);
      }
    }
  }
}
