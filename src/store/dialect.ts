import type { Transaction } from 'kysely';
import type { StoreEvent } from './events.js';
import type { Database } from './schema.js';

/**
 * What SQLite and PostgreSQL do differently, supplied by each dialect's opener to the one store class.
 * Everything else (queries, mapping, audit chain, events) is shared (src/store/kysely-store.ts).
 */
export interface DialectOps {
  /** Serializes appends to the audit chain across processes (a no-op where the store has one writer). */
  lockAuditChain(trx: Transaction<Database>): Promise<void>;
  /**
   * Holds an organization still until the transaction ends, so that two changes to its admins cannot
   * each see the other admin and leave none (a no-op where the store has one writer).
   */
  lockOrganization(trx: Transaction<Database>, orgId: string): Promise<void>;
  /** True when the error is a unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean;
  /**
   * Runs one key creation in a transaction: SQLite shares one transaction among the creations that
   * arrive together (src/store/group-commit.ts); PostgreSQL, which commits concurrently, gives each its own.
   */
  creating<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /**
   * Inside a change's transaction, before it commits: hands its events to other processes (PostgreSQL's
   * NOTIFY is delivered at commit, and never for a rollback). A single process has no one to tell.
   */
  publish(trx: Transaction<Database>, events: readonly StoreEvent[]): Promise<void>;
  destroy(): Promise<void>;
}
