import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { VERIFY_CODES, type VerifyCode } from './keys/verify.js';
import { RequestMetrics } from './request-metrics.js';

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
  constructor(
    cacheSize: () => number,
    authFailures: () => number,
    storeQueries: () => number,
    throttled: () => Record<string, number> = () => ({}),
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'keyward_' });
    dropTotalGauges(this.registry);
    for (const metric of this.requests.metrics()) this.registry.registerMetric(metric);
    const counts = this.verifications;
    const served = () => this.hotPathRequests;
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
      name: 'keyward_auth_failures_total',
      help: 'Failed authentications to the Keyward API',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(authFailures());
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
        for (const [policy, count] of Object.entries(throttled())) this.set({ policy }, count);
      },
    });
    new Gauge({
      name: 'keyward_key_cache_entries',
      help: 'Key records held in the verification cache',
      registers: [this.registry],
      collect() {
        this.set(cacheSize());
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
