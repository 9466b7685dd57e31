import type { Transaction } from 'kysely';
import type { Database } from './schema.js';

/** The few things SQLite and PostgreSQL do differently, supplied by each dialect's factory. */
export interface DialectOps {
  name: 'sqlite' | 'postgres';
  /** Serializes appends to the audit chain across processes (a no-op where the store has one writer). */
  lockAuditChain(trx: Transaction<Database>): Promise<void>;
  /** True when the error is a unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean;
  destroy(): Promise<void>;
  /** Statements run so far, transaction control included: the metric `keyward_store_queries_total`. */
  queryCount(): number;
}
