import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { AllowListError, type Cidr, parseAllowList } from './outbound/allow-list.js';
import { parseKeyringConfig, VaultError } from './vault/vault.js';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** A `postgres://` URL, or null for the embedded SQLite file in `dataDir`. */
  dbUrl: string | null;
  /** Connections each process keeps open to PostgreSQL. */
  dbPoolSize: number;
  /** A `redis://` URL: rate limits and quotas are then counted in Redis, exact across processes. */
  redisUrl: string | null;
  /** Server processes sharing the port (`keyward serve --workers`), on PostgreSQL only. */
  workers: number;
  /**
   * The key that signs access tokens, when the configuration gives it (base64, at least 32 bytes):
   * every process of a cluster must hold the same one. Null: the data directory's, or the database's.
   */
  tokenSecret: Buffer | null;
  sqliteSync: 'normal' | 'full';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Bootstrap password for `admin` on first start; generated and printed once when absent. */
  adminPassword: string | null;
  accessTokenTtl: number;
  refreshTokenTtl: number;
  bodyLimit: number;
  requestTimeoutMs: number;
  /** How long a client may take to send a request's headers (a slow loris is cut off after it). */
  headersTimeoutMs: number;
  /** Connections one client address may hold open at once; trusted proxies are not capped. */
  maxConnectionsPerAddress: number;
  cacheSize: number;
  /** The longest a cached key entry is trusted before the store is read again. */
  cacheMaxAgeMs: number;
  /**
   * Whether the hot path answers the two measured routes from memory before Fastify (src/http/hot-path.ts).
   * On by default; off sends every request through Fastify.
   */
  hotPath: boolean;
  /**
   * Not a user setting: `KEYWARD_BENCH_HOT_PATH_TIMINGS=off` leaves out the hot path's timing and
   * counting of each answer (its `keyward_http_requests_total` count, its duration histogram and its
   * debug line), so that the bench can measure what they cost (bench/metrics-cost.ts). On everywhere else.
   */
  hotPathTimings: boolean;
  /** When set, `GET /metrics` answers only `Authorization: Bearer <this token>`. */
  metricsToken: string | null;
  /** Failed authentications allowed per client address per minute before `429`. */
  authFailuresPerMinute: number;
  flushIntervalMs: number;
  /**
   * The vault's master keys, when the configuration holds them (`KEYWARD_VAULT_KEYS`, required for
   * connections on PostgreSQL): checked here, opened by src/vault-keeper.ts. Null: `vault.json` in the
   * data directory, on SQLite.
   */
  vaultKeys: string | null;
  /** Addresses that connections may reach although they are private, loopback or link-local. */
  outboundAllow: readonly Cidr[];
  /**
   * Reverse proxies whose `X-Forwarded-For` is believed (`KEYWARD_TRUSTED_PROXIES`, CIDRs): a request
   * from one of them is attributed, throttled and audited by the address the proxy names.
   */
  trustedProxies: readonly string[];
  /** The longest a request to a provider may take, answer included. */
  outboundTimeoutMs: number;
  /** The largest answer from a provider that Keyward passes on. */
  outboundMaxBytes: number;
  /**
   * The waits between a webhook delivery's attempts (`KEYWARD_WEBHOOK_RETRY_MS`): one attempt more than
   * there are waits, each wait stretched by up to a fifth at random (docs/webhooks.md).
   */
  webhookRetryMs: readonly number[];
}

export interface Flags {
  host?: string;
  port?: string;
  dataDir?: string;
  db?: string;
  workers?: string;
  outboundAllow?: string;
}

export class ConfigError extends Error {}

function int(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw))
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}`);
  return raw as T;
}

/** 10 s, 30 s, 2 min, 10 min, 1 h, 6 h and 12 h: eight attempts over about 19 hours. */
const WEBHOOK_RETRY_MS = [10_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000, 43_200_000];

/** A comma-separated list of 1 to 20 waits, each from 1 ms to 7 days. */
function waits(name: string, raw: string | undefined, fallback: readonly number[]): readonly number[] {
  if (raw === undefined || raw === '') return Object.freeze([...fallback]);
  const parts = raw.split(',').map((part) => part.trim());
  const values = parts.map(Number);
  if (
    parts.length > 20 ||
    values.some((v, i) => parts[i] === '' || !Number.isInteger(v) || v < 1 || v > 604_800_000)
  ) {
    throw new ConfigError(
      `${name} must be 1 to 20 comma-separated integers from 1 to 604800000 (ms), got "${raw}"`,
    );
  }
  return Object.freeze(values);
}

/** Flags, then environment, then defaults, into one validated, frozen Config. Only main calls this. */
export function loadConfig(flags: Flags, env: NodeJS.ProcessEnv): Readonly<Config> {
  const dbUrl = flags.db ?? env.KEYWARD_DB_URL ?? null;
  if (dbUrl !== null && !/^postgres(ql)?:\/\//.test(dbUrl)) {
    throw new ConfigError(
      '--db / KEYWARD_DB_URL must be a postgres:// URL (omit it for the embedded SQLite)',
    );
  }
  const workers = int('--workers / KEYWARD_WORKERS', flags.workers ?? env.KEYWARD_WORKERS, 1, 1, 64);
  if (workers > 1 && dbUrl === null) {
    throw new ConfigError(
      '--workers needs PostgreSQL (--db): processes cannot share an embedded SQLite file',
    );
  }
  const redisUrl = env.KEYWARD_REDIS_URL || null;
  if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError('KEYWARD_REDIS_URL must be a redis:// or rediss:// URL');
  }
  const tokenSecret = env.KEYWARD_TOKEN_SECRET ? Buffer.from(env.KEYWARD_TOKEN_SECRET, 'base64') : null;
  if (tokenSecret !== null && tokenSecret.length < 32) {
    throw new ConfigError(
      'KEYWARD_TOKEN_SECRET must be at least 32 bytes, in base64 (openssl rand -base64 32)',
    );
  }
  const metricsToken = env.KEYWARD_METRICS_TOKEN || null;
  if (metricsToken !== null && !/^[\x21-\x7e]{16,256}$/.test(metricsToken)) {
    throw new ConfigError(
      'KEYWARD_METRICS_TOKEN must be 16 to 256 printable ASCII characters, without spaces',
    );
  }
  const adminPassword = env.KEYWARD_ADMIN_PASSWORD || null;
  if (adminPassword !== null && adminPassword.length < 8) {
    throw new ConfigError('KEYWARD_ADMIN_PASSWORD must be at least 8 characters long');
  }
  const vaultKeys = env.KEYWARD_VAULT_KEYS || null;
  if (vaultKeys !== null) {
    try {
      parseKeyringConfig(vaultKeys, 'KEYWARD_VAULT_KEYS');
    } catch (error) {
      if (error instanceof VaultError) throw new ConfigError(error.message);
      throw error;
    }
  }
  let outboundAllow: Cidr[] = [];
  try {
    outboundAllow = parseAllowList(flags.outboundAllow ?? env.KEYWARD_OUTBOUND_ALLOW ?? '');
  } catch (error) {
    if (error instanceof AllowListError)
      throw new ConfigError(`--outbound-allow / KEYWARD_OUTBOUND_ALLOW: ${error.message}`);
    throw error;
  }
  let trustedProxies: Cidr[] = [];
  try {
    trustedProxies = parseAllowList(env.KEYWARD_TRUSTED_PROXIES ?? '');
  } catch (error) {
    if (error instanceof AllowListError) throw new ConfigError(`KEYWARD_TRUSTED_PROXIES: ${error.message}`);
    throw error;
  }
  return Object.freeze({
    host: flags.host ?? env.KEYWARD_HOST ?? '127.0.0.1',
    port: int('--port / KEYWARD_PORT', flags.port ?? env.KEYWARD_PORT, 7373, 0, 65535),
    dataDir: resolve(flags.dataDir ?? env.KEYWARD_DATA_DIR ?? join(homedir(), '.keyward')),
    dbUrl,
    dbPoolSize: int('KEYWARD_DB_POOL_SIZE', env.KEYWARD_DB_POOL_SIZE, 10, 1, 1000),
    redisUrl,
    workers,
    tokenSecret,
    sqliteSync: oneOf('KEYWARD_SQLITE_SYNC', env.KEYWARD_SQLITE_SYNC, ['normal', 'full'], 'normal'),
    logLevel: oneOf(
      'KEYWARD_LOG_LEVEL',
      env.KEYWARD_LOG_LEVEL,
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'info',
    ),
    adminPassword,
    accessTokenTtl: int('KEYWARD_ACCESS_TOKEN_TTL', env.KEYWARD_ACCESS_TOKEN_TTL, 900, 30, 86_400),
    refreshTokenTtl: int(
      'KEYWARD_REFRESH_TOKEN_TTL',
      env.KEYWARD_REFRESH_TOKEN_TTL,
      30 * 86_400,
      60,
      365 * 86_400,
    ),
    bodyLimit: int('KEYWARD_BODY_LIMIT', env.KEYWARD_BODY_LIMIT, 1024 * 1024, 1024, 16 * 1024 * 1024),
    headersTimeoutMs: int(
      'KEYWARD_HEADERS_TIMEOUT_MS',
      env.KEYWARD_HEADERS_TIMEOUT_MS,
      10_000,
      1000,
      600_000,
    ),
    maxConnectionsPerAddress: int(
      'KEYWARD_MAX_CONNECTIONS_PER_ADDRESS',
      env.KEYWARD_MAX_CONNECTIONS_PER_ADDRESS,
      512,
      1,
      1_000_000,
    ),
    requestTimeoutMs: int(
      'KEYWARD_REQUEST_TIMEOUT_MS',
      env.KEYWARD_REQUEST_TIMEOUT_MS,
      30_000,
      1000,
      600_000,
    ),
    cacheSize: int('KEYWARD_CACHE_SIZE', env.KEYWARD_CACHE_SIZE, 100_000, 1, 10_000_000),
    cacheMaxAgeMs: int('KEYWARD_CACHE_MAX_AGE_MS', env.KEYWARD_CACHE_MAX_AGE_MS, 60_000, 1000, 3_600_000),
    hotPath: oneOf('KEYWARD_HOT_PATH', env.KEYWARD_HOT_PATH, ['on', 'off'], 'on') === 'on',
    hotPathTimings:
      oneOf('KEYWARD_BENCH_HOT_PATH_TIMINGS', env.KEYWARD_BENCH_HOT_PATH_TIMINGS, ['on', 'off'], 'on') ===
      'on',
    metricsToken,
    authFailuresPerMinute: int(
      'KEYWARD_AUTH_FAILURES_PER_MINUTE',
      env.KEYWARD_AUTH_FAILURES_PER_MINUTE,
      30,
      1,
      1_000_000,
    ),
    flushIntervalMs: int('KEYWARD_FLUSH_INTERVAL_MS', env.KEYWARD_FLUSH_INTERVAL_MS, 1000, 10, 60_000),
    vaultKeys,
    outboundAllow,
    trustedProxies: trustedProxies.map((cidr) => cidr.text),
    outboundTimeoutMs: int(
      'KEYWARD_OUTBOUND_TIMEOUT_MS',
      env.KEYWARD_OUTBOUND_TIMEOUT_MS,
      30_000,
      1000,
      600_000,
    ),
    outboundMaxBytes: int(
      'KEYWARD_OUTBOUND_MAX_BYTES',
      env.KEYWARD_OUTBOUND_MAX_BYTES,
      10 * 1024 * 1024,
      1024,
      1024 * 1024 * 1024,
    ),
    webhookRetryMs: waits('KEYWARD_WEBHOOK_RETRY_MS', env.KEYWARD_WEBHOOK_RETRY_MS, WEBHOOK_RETRY_MS),
  });
}
