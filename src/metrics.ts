import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { VERIFY_CODES, type VerifyCode } from './keys/verify.js';
import { RequestMetrics } from './request-metrics.js';
import type { StoreQueryMetrics } from './store-metrics.js';
import { LOOKUP_RESULTS, type LookupCounts } from './verify/verifier.js';
import type { WriteBehind } from './write-behind.js';

/**
 * The write-behinds a process runs, by the label the metrics give them: `usage`, keys' `lastUsedAt`
 * and (one SQLite process) their quotas; `quotas`, quotas counted in Redis written back to the store;
 * `failed_auth`, failed authentications on their way to the audit log.
 */
export type WriterName = 'usage' | 'quotas' | 'failed_auth';

/** What the metrics read at scrape time. */
export interface MetricSources {
  cacheSize: () => number;
  authFailures: () => number;
  /** Client addresses refused now, by throttle policy. */
  throttled: () => Record<string, number>;
  /** Key lookups by how they were answered (`KeyFinder.lookups`). */
  lookups: LookupCounts;
  /** The store's statements, timed; absent where nothing times them (then their metrics read 0). */
  storeQueries?: StoreQueryMetrics;
  writers: Partial<Record<WriterName, WriteBehind>>;
}

/**
 * Prometheus metrics. Hot-path counts are plain numbers read at scrape time, so that a verification
 * pays for an increment and nothing else. No label ever holds a key, a token or a user-supplied string.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly verifications = Object.fromEntries(VERIFY_CODES.map((code) => [code, 0])) as Record<
    VerifyCode,
    number
  >;
  /** Requests answered by the hot path (src/http/hot-path.ts) rather than through Fastify. */
  hotPathRequests = 0;
  /** Every answered request, by route and status, from either path. */
  readonly requests = new RequestMetrics();
  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'keyward_' });
    dropTotalGauges(this.registry);
    for (const metric of this.requests.metrics()) this.registry.registerMetric(metric);
    for (const metric of sources.storeQueries?.metrics() ?? []) this.registry.registerMetric(metric);
    const counts = this.verifications;
    const served = () => this.hotPathRequests;
    const { lookups, writers } = sources;
    const storeQueries = () => sources.storeQueries?.total ?? 0;
    new Counter({
      name: 'keyward_verifications_total',
      help: 'Key verifications by outcome code',
      labelNames: ['code'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const code of VERIFY_CODES) this.inc({ code }, counts[code]);
      },
    });
    new Counter({
      name: 'keyward_key_lookups_total',
      help: 'Key lookups by how they were answered: hit (cached record), filtered (unknown prefix or digest filter), negative (negative cache), miss (the store)',
      labelNames: ['result'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const result of LOOKUP_RESULTS) this.inc({ result }, lookups[result]);
      },
    });
    new Counter({
      name: 'keyward_auth_failures_total',
      help: 'Failed authentications to the Keyward API',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(sources.authFailures());
      },
    });
    new Counter({
      name: 'keyward_store_queries_total',
      help: 'Statements run against the store, transaction control included',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(storeQueries());
      },
    });
    new Counter({
      name: 'keyward_hot_path_requests_total',
      help: 'Requests answered from memory by the hot path, before Fastify routes them',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(served());
      },
    });
    new Gauge({
      name: 'keyward_throttled_addresses',
      help: 'Client addresses refused for too many failures, by throttle policy',
      labelNames: ['policy'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [policy, count] of Object.entries(sources.throttled())) this.set({ policy }, count);
      },
    });
    new Gauge({
      name: 'keyward_key_cache_entries',
      help: 'Key records held in the verification cache',
      registers: [this.registry],
      collect() {
        this.set(sources.cacheSize());
      },
    });
    const running = () => Object.entries(writers) as [WriterName, WriteBehind][];
    new Gauge({
      name: 'keyward_write_behind_pending',
      help: 'Changes waiting for the next write-behind to the store, by writer',
      labelNames: ['writer'],
      registers: [this.registry],
      collect() {
        for (const [writer, behind] of running()) this.set({ writer }, behind.pending());
      },
    });
    new Gauge({
      name: 'keyward_write_behind_lag_seconds',
      help: 'Age of the oldest change not yet written to the store, by writer; 0 when none waits',
      labelNames: ['writer'],
      registers: [this.registry],
      collect() {
        for (const [writer, behind] of running()) this.set({ writer }, behind.lagSeconds());
      },
    });
    new Counter({
      name: 'keyward_write_behind_failures_total',
      help: 'Write-behind runs whose write to the store failed, by writer',
      labelNames: ['writer'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [writer, behind] of running()) this.inc({ writer }, behind.failures);
      },
    });
  }
}

/**
 * prom-client adds three gauges named `…_active_…_total`, a suffix Prometheus keeps for counters (`promtool
 * check metrics` refuses them). Each repeats the sum of a gauge it also adds, by type
 * (`keyward_nodejs_active_handles{type}`), which stays.
 */
function dropTotalGauges(registry: Registry): void {
  for (const kind of ['handles', 'requests', 'resources'])
    registry.removeSingleMetric(`keyward_nodejs_active_${kind}_total`);
}
