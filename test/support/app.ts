import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { bootstrapAdmin } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { createDeps, type Deps, type DepsOptions } from '../../src/deps.js';
import { type App, buildApp } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { StoreQueryMetrics } from '../../src/store-metrics.js';
import { LOG_DIR } from './paths.js';
import { freshSchema, rememberSchema } from './postgres.js';
import { rememberSecret, rememberSecretsIn } from './secrets.js';

export const ADMIN_PASSWORD = 'admin-password-for-tests';

/** How a test request authenticates: each of the three header forms, or nothing. */
export type Auth = { key: string } | { xApiKey: string } | { bearer: string } | null;

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any;
  text: string;
}

export interface TestApp {
  app: App;
  deps: Deps;
  store: Store;
  dir: string;
  /** How requests reach the app: in process, or over loopback through the hot path. */
  transport: Transport;
  /** Where the app's log goes (pino JSON lines). */
  logFile: string;
  /** Statements the store has run so far. */
  queries(): number;
  /** Moves the app's clock (not the wall clock) forward. */
  advance(ms: number): void;
  request(
    method: string,
    url: string,
    options?: { auth?: Auth; body?: unknown; headers?: Record<string, string> },
  ): Promise<Reply>;
  /** An access token for a user, from POST /v1/auth/token. */
  tokenFor(username: string, password: string): Promise<string>;
  /** Closes the app and its store; the data directory is removed unless `keep` asks otherwise. */
  close(options?: { keep?: boolean }): Promise<void>;
}

/** Opens the store a test app runs on, telling `onQuery` of each statement (the store's metrics). */
export type StoreFactory = (dir: string, onQuery: StoreQueryMetrics['observe']) => Promise<Store>;
export const sqliteFactory: StoreFactory = (dir, onQuery) =>
  openSqliteStore(join(dir, 'keyward.db'), { onQuery });
/** A schema of its own on the test PostgreSQL (test/support/postgres.ts). */
export const postgresFactory: StoreFactory = async (_dir, onQuery) => {
  const url = await freshSchema();
  return rememberSchema(await openPostgresStore(url, { onQuery, poolSize: 4 }), url);
};

/**
 * The store the API suites run on: `KEYWARD_TEST_STORE=postgres` chooses PostgreSQL for a whole run
 * (vitest.config.ts runs them on both), SQLite otherwise.
 */
export const STORE: StoreFactory =
  process.env.KEYWARD_TEST_STORE === 'postgres' ? postgresFactory : sqliteFactory;

/**
 * How a test app is reached. `inject` drives Fastify in process (`app.inject()`), which never meets the
 * server, so never the hot path. `socket` listens on loopback and sends real HTTP, the way every client
 * comes in. `KEYWARD_TEST_TRANSPORT` chooses it for a whole run (vitest.config.ts runs the API suites
 * both ways); a test may also ask for one.
 */
export type Transport = 'inject' | 'socket';
export const TRANSPORT: Transport = process.env.KEYWARD_TEST_TRANSPORT === 'socket' ? 'socket' : 'inject';

let counter = 0;

let vaultKey: string | undefined;

/** One master key per test process, in the form KEYWARD_VAULT_KEYS takes. */
export function testVaultKey(): string {
  vaultKey ??= randomBytes(32).toString('base64');
  rememberSecret(vaultKey);
  return vaultKey;
}

/** The master keys of a data directory's vault.json, as secrets no log may hold. */
export function rememberVaultFile(dir: string): void {
  const file = join(dir, 'vault.json');
  if (!existsSync(file)) return;
  const { keys } = JSON.parse(readFileSync(file, 'utf8')) as { keys: { key?: string }[] };
  for (const { key } of keys) rememberSecret(key);
}

/** A real app over a real store (SQLite or PostgreSQL, see STORE), with its log written where the log scan reads. */
export async function createTestApp(
  factory: StoreFactory = STORE,
  env: Record<string, string> = {},
  transport: Transport = TRANSPORT,
  outbound: Pick<DepsOptions, 'resolver' | 'ca'> = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-test-'));
  const storeQueries = new StoreQueryMetrics(factory === postgresFactory ? 'postgres' : 'sqlite');
  const store = await factory(dir, storeQueries.observe);
  await bootstrapAdmin(store, ADMIN_PASSWORD);
  rememberSecret(ADMIN_PASSWORD);
  const config = loadConfig(
    { dataDir: dir },
    {
      KEYWARD_LOG_LEVEL: 'debug',
      // On PostgreSQL the vault's keys come from the configuration, as every process must share them.
      ...(factory === postgresFactory ? { KEYWARD_VAULT_KEYS: testVaultKey() } : {}),
      ...env,
    },
  );
  const logPath = join(LOG_DIR, `app-${process.pid}-${++counter}.log`);
  const logFile = createWriteStream(logPath);
  let offset = 0;
  const deps = await createDeps(
    config,
    store,
    { tokenKey: Buffer.alloc(32, 7) },
    createLogger(config.logLevel, logFile),
    { clock: () => Date.now() + offset, storeQueries, ...outbound },
  );
  await deps.filter.load();
  rememberVaultFile(dir);
  const app = await buildApp(deps);
  await app.ready();
  const send = transport === 'socket' ? await overSocket(app) : throughInject(app);

  const request: TestApp['request'] = async (method, url, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    const auth = options.auth;
    if (auth && 'key' in auth) headers.authorization = `Key ${auth.key}`;
    if (auth && 'xApiKey' in auth) headers['x-api-key'] = auth.xApiKey;
    if (auth && 'bearer' in auth) headers.authorization = `Bearer ${auth.bearer}`;
    rememberSecretsIn(options.body);
    const response = await send(method, url, headers, options.body);
    let body: unknown = null;
    try {
      body = response.text ? JSON.parse(response.text) : null;
    } catch {
      body = null;
    }
    rememberSecretsIn(body);
    return { ...response, body };
  };

  return {
    app,
    deps,
    store,
    dir,
    transport,
    logFile: logPath,
    queries: () => storeQueries.total,
    advance: (ms) => {
      offset += ms;
    },
    request,
    async tokenFor(username, password) {
      rememberSecret(password);
      const basic = Buffer.from(`${username}:${password}`).toString('base64');
      const reply = await request('POST', '/v1/auth/token', { headers: { authorization: `Basic ${basic}` } });
      if (reply.status !== 200) throw new Error(`sign-in of ${username} failed: ${reply.text}`);
      return reply.body.accessToken as string;
    },
    async close(options = {}) {
      await app.close();
      await deps.usage.stop();
      await deps.counters.stop();
      await deps.failures.stop();
      await deps.outbound.close();
      await store.close();
      await new Promise<void>((resolve) => logFile.end(resolve));
      if (!options.keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Send = (
  method: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
) => Promise<Omit<Reply, 'body'>>;

function throughInject(app: App): Send {
  return async (method, url, headers, body) => {
    const response = await injectWhole(app, {
      method: method as never,
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: response.statusCode, headers: response.headers, text: response.body };
  };
}

/**
 * `app.inject`, answering once the body has arrived; an event stream's (`GET /v1/events`) once it says
 * `ready`, where it is cut off, since it would never end. For the tables that send every route a request.
 */
export async function injectWhole(
  app: App,
  request: InjectOptions,
): Promise<{ statusCode: number; headers: Reply['headers']; body: string }> {
  const response = await app.inject({ ...request, payloadAsStream: true });
  return {
    statusCode: response.statusCode,
    headers: response.headers,
    body: await readBody(response.stream()),
  };
}

/**
 * A response's text; an event stream's up to its `ready` event, where it is cut off (it would never end).
 * Tables that send every route a request read `GET /v1/events` as far as it says who may listen.
 */
async function readBody(stream: AsyncIterable<Uint8Array | string>): Promise<string> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (/(^|\n)event: ready\n[\s\S]*?\n\n/.test(text)) break;
  }
  return text;
}

/** Real HTTP over loopback: an object body goes as JSON, as `inject` sends it. */
async function overSocket(app: App): Promise<Send> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return async (method, url, headers, body) => {
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      if (typeof body !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
        headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${base}${url}`, { method, headers, body: payload });
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      text: response.body ? await readBody(response.body) : '',
    };
  };
}
