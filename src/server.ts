import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { LogEvent } from 'kysely';
import type { Logger } from 'pino';
import { bootstrapAdmin } from './bootstrap.js';
import type { Config } from './config.js';
import { createDeps, type Deps } from './deps.js';
import { type App, buildApp } from './http/app.js';
import { loadSecrets, type Secrets } from './secrets.js';
import { openPostgresStore } from './store/postgres.js';
import { openSqliteStore } from './store/sqlite.js';
import type { Store } from './store/store.js';
import { StoreQueryMetrics } from './store-metrics.js';
import { keepTickShape } from './tick-shape.js';

/** How long requests in flight may take to finish after SIGTERM before their connections are cut. */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface Running {
  app: App;
  deps: Deps;
  url: string;
  /** Stops accepting, lets requests in flight finish, flushes counters, closes the store. */
  stop(): Promise<void>;
}

export async function openStore(
  config: Readonly<Config>,
  logger: Logger,
  onQuery: (event: LogEvent) => void,
): Promise<Store> {
  if (config.dbUrl) {
    return openPostgresStore(config.dbUrl, {
      onQuery,
      poolSize: config.dbPoolSize,
      onFeedState: (state, error) =>
        state === 'lost'
          ? logger.warn(
              { err: error },
              "lost the feed of other processes' changes: cached keys are trusted for 1 s at most until it is back",
            )
          : logger.info("the feed of other processes' changes is back: everything cached was dropped"),
    });
  }
  return openSqliteStore(join(config.dataDir, 'keyward.db'), {
    synchronous: config.sqliteSync,
    onCheckpointError: (message) =>
      logger.warn({ error: message }, 'the WAL checkpoint worker failed; checkpointing on commit instead'),
    onQuery,
  });
}

/**
 * The secrets every process must hold alike, where the data directory does not hold them (SQLite's
 * `loadSecrets`): from the configuration when it gives them, otherwise from the database that several
 * PostgreSQL processes share, never from one process's own directory.
 */
async function clusterSecrets(config: Readonly<Config>, store: Store): Promise<Secrets> {
  if (config.tokenSecret) return { tokenKey: config.tokenSecret };
  const stored = await store.sharedSecret('token_key', randomBytes(32).toString('base64'));
  return { tokenKey: Buffer.from(stored, 'base64') };
}

/** Where the server keeps its data, for the banner: never a password that a database URL may hold. */
function storeName(config: Readonly<Config>): string {
  if (!config.dbUrl) return `SQLite in ${config.dataDir}`;
  const url = new URL(config.dbUrl);
  return `PostgreSQL at ${url.host}${url.pathname}`;
}

/** Everything `keyward serve` does before it waits for a signal. */
export async function startServer(
  config: Readonly<Config>,
  logger: Logger,
  say: (line: string) => void,
): Promise<Running> {
  // Before the first idle minute: it protects every request after it (src/tick-shape.ts).
  keepTickShape();
  // On SQLite the secrets live in the data directory, and are read before the store opens (and creates
  // a database), so that a database whose secrets are missing is refused rather than given new ones.
  const local = config.tokenSecret || config.dbUrl ? null : loadSecrets(config.dataDir);
  const storeQueries = new StoreQueryMetrics(config.dbUrl ? 'postgres' : 'sqlite');
  const store = await openStore(config, logger, storeQueries.observe);
  const secrets = local ?? (await clusterSecrets(config, store));
  const admin = await bootstrapAdmin(store, config.adminPassword);
  const deps = await createDeps(config, store, secrets, logger, { storeQueries });
  if (deps.catalog.refused.length > 0) {
    logger.info(
      { providers: deps.catalog.providers.size, refused: deps.catalog.refused },
      `left ${deps.catalog.refused.length} catalog entries out: Keyward cannot honour them as written`,
    );
  }
  if (!deps.vault.available) {
    logger.warn('connections are off: no master key is configured (KEYWARD_VAULT_KEYS)');
  }
  const app = await buildApp(deps);
  await app.listen({ host: config.host, port: config.port });
  // The key filter loads after the port opens, so that start-up does not wait on a million keys; until
  // it is ready, unknown keys are looked up in the store (see DigestFilter).
  const filterLoaded = deps.filter
    .load()
    .catch((error: unknown) => logger.error({ err: error }, 'key filter load failed'));
  deps.usage.start();
  deps.counters.start();
  deps.failures.start();
  deps.expiry.start();
  deps.webhooks.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  say(`Keyward listening on ${url} (${storeName(config)})`);
  if (admin.generated) {
    say(`Created cluster admin "admin" with password: ${admin.generated}`);
    say(`This password is shown once. Sign in with: curl -X POST -u admin ${url}/v1/auth/token`);
  } else if (admin.created) {
    say('Created cluster admin "admin" with the password from KEYWARD_ADMIN_PASSWORD');
  }
  let stopping: Promise<void> | null = null;
  return {
    app,
    deps,
    url,
    stop() {
      stopping ??= (async () => {
        // A request that stalls (a client that stops sending its body) must not hold shutdown forever.
        const deadline = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        deadline.unref();
        await app.close();
        clearTimeout(deadline);
        await deps.usage.stop();
        await deps.counters.stop();
        await deps.failures.stop();
        await deps.expiry.stop();
        await deps.webhooks.stop();
        await deps.outbound.close();
        await filterLoaded;
        await store.close();
      })();
      return stopping;
    },
  };
}
