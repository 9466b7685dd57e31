import type { LogEvent } from 'kysely';
import type { Metric } from 'prom-client';
import { collected, histogramSamples, Observations } from './request-metrics.js';

/** Which store a process runs on: a label of the store's metrics. */
export type StoreKind = 'sqlite' | 'postgres';

/**
 * What a statement does, from a closed set: never its SQL text, its table or its arguments, so that
 * the series cannot grow. `transaction` is `begin`, `commit`, `rollback` and savepoints.
 */
export const QUERY_OPERATIONS = ['read', 'write', 'transaction', 'other'] as const;
export type QueryOperation = (typeof QUERY_OPERATIONS)[number];

/**
 * Upper bounds of the store's latency buckets, in seconds: a SQLite read by primary key takes tens of
 * microseconds, a PostgreSQL round trip a few hundred, a write that waits for a lock or a disk far more.
 */
export const QUERY_BUCKETS = [
  0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
  0.5, 1, 2.5, 5,
];

/** Kysely's node kinds that read or write; any other statement is raw SQL, judged by its first word. */
const KINDS: Record<string, QueryOperation> = {
  SelectQueryNode: 'read',
  InsertQueryNode: 'write',
  UpdateQueryNode: 'write',
  DeleteQueryNode: 'write',
  MergeQueryNode: 'write',
};
const FIRST_WORDS: Record<string, QueryOperation> = {
  select: 'read',
  with: 'read',
  insert: 'write',
  update: 'write',
  delete: 'write',
  begin: 'transaction',
  commit: 'transaction',
  rollback: 'transaction',
  savepoint: 'transaction',
  release: 'transaction',
};

/** What a statement does, from the node Kysely compiled it from or, for raw SQL, its first word. */
export function operationOf(event: LogEvent): QueryOperation {
  const kind = KINDS[event.query.query.kind];
  if (kind !== undefined) return kind;
  const word = /^\s*([a-z]+)/i.exec(event.query.sql)?.[1]?.toLowerCase();
  return (word !== undefined && FIRST_WORDS[word]) || 'other';
}

/**
 * Every statement the store runs (or fails), timed by Kysely's `log` hook, which measures each
 * statement whenever a hook is set: the hook adds a lookup and a bucket to a count it already paid for.
 * Every operation's series exists from the start, so that a scrape shows each at 0 before its first statement.
 *
 * @example const queries = new StoreQueryMetrics('sqlite'); await openSqliteStore(file, { onQuery: queries.observe });
 */
export class StoreQueryMetrics {
  /** Statements run or failed, transaction control included: `keyward_store_queries_total`. */
  total = 0;
  private readonly durations = Object.fromEntries(
    QUERY_OPERATIONS.map((operation) => [operation, new Observations(QUERY_BUCKETS)]),
  ) as Record<QueryOperation, Observations>;
  private readonly failures = Object.fromEntries(
    QUERY_OPERATIONS.map((operation) => [operation, 0]),
  ) as Record<QueryOperation, number>;

  constructor(readonly store: StoreKind) {}

  /** Kysely's `log` hook: one call per statement, with its duration in milliseconds. */
  readonly observe = (event: LogEvent): void => {
    this.total++;
    const operation = operationOf(event);
    this.durations[operation].observe(event.queryDurationMillis / 1000);
    if (event.level === 'error') this.failures[operation]++;
  };

  /** `keyward_store_query_duration_seconds` and `keyward_store_query_failures_total`, by store and operation. */
  metrics(): Metric[] {
    const labels = (operation: QueryOperation) => ({ store: this.store, operation });
    return [
      collected(
        'keyward_store_query_duration_seconds',
        'Time the store took to run a statement, by store and operation',
        'histogram',
        () =>
          QUERY_OPERATIONS.flatMap((operation) =>
            histogramSamples(
              'keyward_store_query_duration_seconds',
              this.durations[operation],
              labels(operation),
            ),
          ),
      ),
      collected(
        'keyward_store_query_failures_total',
        'Statements the store failed to run (a lost connection, a full disk, a constraint), by store and operation',
        'counter',
        () =>
          QUERY_OPERATIONS.map((operation) => ({
            value: this.failures[operation],
            labels: labels(operation),
          })),
      ),
    ];
  }
}
