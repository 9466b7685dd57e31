import type { FastifyBaseLogger } from 'fastify';
import { FailureLog } from './auth/failure-log.js';
import { PasswordHasher } from './auth/passwords.js';
import { ConsoleSessions } from './auth/sessions.js';
import { FailureThrottle } from './auth/throttle.js';
import { Tokens } from './auth/tokens.js';
import type { Config } from './config.js';
import { type Catalog, loadCatalog } from './connections/index.js';
import { ExpirySweeper } from './events/expiry.js';
import { KeyEventHub } from './events/hub.js';
import { WebhookDispatcher } from './events/webhooks.js';
import { Metrics, type WriterName } from './metrics.js';
import { createOutbound, type Outbound } from './outbound/client.js';
import type { Resolver } from './outbound/connector.js';
import type { Secrets } from './secrets.js';
import type { Store } from './store/store.js';
import type { StoreQueryMetrics } from './store-metrics.js';
import { VaultKeeper } from './vault-keeper.js';
import { type BudgetCounters, StoreCounters } from './verify/counters.js';
import { DigestFilter } from './verify/digest-filter.js';
import { Invalidation } from './verify/invalidation.js';
import { KeyCache } from './verify/key-cache.js';
import { RedisCounters } from './verify/redis-counters.js';
import { UsageTracker } from './verify/usage.js';
import { KeyFinder, KeyPrefixes } from './verify/verifier.js';
import type { WriteBehind } from './write-behind.js';

/** Everything a request handler may use, built once and passed to `buildApp`. */
export interface Deps {
  config: Readonly<Config>;
  store: Store;
  logger: FastifyBaseLogger;
  clock: () => number;
  cache: KeyCache;
  prefixes: KeyPrefixes;
  /** Loaded in the background: `keyward serve` listens before it is ready; tests await `load()`. */
  filter: DigestFilter;
  finder: KeyFinder;
  usage: UsageTracker;
  /**
   * Where rate-limit windows and quotas are counted: this process's memory (`usage`) on one SQLite
   * process, the database on PostgreSQL, Redis when configured (src/verify/counters.ts).
   */
  counters: BudgetCounters;
  tokens: Tokens;
  /** The web console's cookie sessions and their CSRF tokens (docs/console.md). */
  sessions: ConsoleSessions;
  /** Failed API keys, access and refresh tokens, and supplied-key guesses, per address. */
  throttle: FailureThrottle;
  /** Failed passwords (sign-in, the console's sign-in, a password change), per address. */
  signInThrottle: FailureThrottle;
  /** Failed connect-link tokens, per address. */
  connectThrottle: FailureThrottle;
  failures: FailureLog;
  /** scrypt, a few at a time: every password a request checks or sets goes through it. */
  passwords: PasswordHasher;
  metrics: Metrics;
  /** The providers connections can be made to (src/connections/). */
  catalog: Catalog;
  /** Seals and opens connections' secrets, and rotates the master key. */
  vault: VaultKeeper;
  /** The one way out to providers: every address checked when connected to (src/outbound/). */
  outbound: Outbound;
  /** The open `GET /v1/events` streams, told of every recorded key event. */
  events: KeyEventHub;
  /** Records keys' expiries as key events, and prunes the log (`start`ed by the server). */
  expiry: ExpirySweeper;
  /** Sends the webhooks' deliveries as they fall due (`start`ed by the server; tests call `runOnce`). */
  webhooks: WebhookDispatcher;
}

let catalog: Catalog | undefined;

/** The catalog, read once per process: it is the same for every app, and takes a quarter of a second. */
function sharedCatalog(): Catalog {
  catalog ??= loadCatalog();
  return catalog;
}

export interface DepsOptions {
  clock?: () => number;
  /** The store's statements, counted and timed by the hook its opener was given (`onQuery`). */
  storeQueries?: StoreQueryMetrics;
  /** Where the outbound client looks names up; the system's resolver when left out (tests give their own). */
  resolver?: Resolver;
  /** Certificate authorities the outbound client trusts besides Node's (tests, in process). */
  ca?: string;
}

/**
 * Wires the services over a store. Loads the key prefixes; starts no timers (see `UsageTracker.start`).
 * `storeQueries` holds the store's statements for the metrics, as the store's opener was told (`onQuery`).
 */
export async function createDeps(
  config: Readonly<Config>,
  store: Store,
  secrets: Secrets,
  logger: FastifyBaseLogger,
  options: DepsOptions = {},
): Promise<Deps> {
  const clock = options.clock ?? Date.now;
  const counters: BudgetCounters | null = config.redisUrl
    ? await RedisCounters.open(config.redisUrl, store, logger, config.flushIntervalMs)
    : config.dbUrl
      ? new StoreCounters(store)
      : null;
  const cache = new KeyCache(config.cacheSize, undefined, undefined, config.cacheMaxAgeMs);
  const prefixes = new KeyPrefixes(store);
  await prefixes.load();
  const filter = new DigestFilter(store, logger);
  const usage = new UsageTracker(store, logger, config.flushIntervalMs, (id, at) => {
    const cached = cache.entryById(id);
    if (cached) {
      cached.key.lastUsedAt = at;
      cached.lastUsedMs = Date.parse(at);
    }
  });
  const failures = new FailureLog(store, logger, config.flushIntervalMs);
  // One throttle per kind of failure: keys and tokens, passwords, connect links.
  const throttles = (['failed-auth', 'failed-sign-in', 'failed-connect'] as const).map(
    (policy) => new FailureThrottle(policy, config.authFailuresPerMinute, 60_000),
  ) as [FailureThrottle, FailureThrottle, FailureThrottle];
  // Every committed change reaches the caches from the store, whichever request made it.
  const invalidation = new Invalidation(cache, filter, prefixes);
  store.subscribe((events) => invalidation.apply(events));
  const vault = await VaultKeeper.open(config, store, logger);
  const finder = new KeyFinder(store, cache, prefixes, filter);
  const writers: Partial<Record<WriterName, WriteBehind>> = {
    usage: usage.writer,
    failed_auth: failures.writer,
  };
  if (counters instanceof RedisCounters) writers.quotas = counters.writer;
  const outbound = createOutbound({
    allow: config.outboundAllow,
    timeoutMs: config.outboundTimeoutMs,
    maxResponseBytes: config.outboundMaxBytes,
    ...(options.resolver ? { resolver: options.resolver } : {}),
    ...(options.ca ? { ca: options.ca } : {}),
  });
  return {
    config,
    store,
    logger,
    clock,
    cache,
    prefixes,
    filter,
    finder,
    usage,
    counters: counters ?? usage,
    tokens: new Tokens(secrets.tokenKey, store, config.accessTokenTtl, config.refreshTokenTtl),
    sessions: new ConsoleSessions(secrets.tokenKey, store, config.refreshTokenTtl),
    throttle: throttles[0],
    signInThrottle: throttles[1],
    connectThrottle: throttles[2],
    failures,
    passwords: new PasswordHasher(),
    metrics: new Metrics({
      cacheSize: () => cache.size,
      authFailures: () => failures.total,
      throttled: () => Object.fromEntries(throttles.map((t) => [t.policy, t.throttledCount(clock())])),
      lookups: finder.lookups,
      ...(options.storeQueries ? { storeQueries: options.storeQueries } : {}),
      writers,
    }),
    catalog: sharedCatalog(),
    vault,
    events: new KeyEventHub(store),
    expiry: new ExpirySweeper(store, logger, clock),
    outbound,
    webhooks: new WebhookDispatcher({
      store,
      vault,
      outbound,
      logger,
      clock,
      retryMs: config.webhookRetryMs,
      // An attempt ends within the outbound timeout; the lock outlasts it, so that no other process
      // sends the same delivery while one is still sending it.
      lockMs: config.outboundTimeoutMs * 2,
    }),
  };
}
