import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapAdmin } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { createDeps, type Deps } from '../../src/deps.js';
import { type App, buildApp } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/store.js';
import { LOG_DIR } from './paths.js';
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
  /** Moves the app's clock (not the wall clock) forward. */
  advance(ms: number): void;
  request(
    method: string,
    url: string,
    options?: { auth?: Auth; body?: unknown; headers?: Record<string, string> },
  ): Promise<Reply>;
  /** An access token for a user, from POST /v1/auth/token. */
  tokenFor(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

export type StoreFactory = (dir: string) => Promise<Store>;
export const sqliteFactory: StoreFactory = (dir) => openSqliteStore(join(dir, 'keyward.db'));

let counter = 0;

/** A real app over a real SQLite file (or the given store), with its log written where the log scan reads. */
export async function createTestApp(
  factory: StoreFactory = sqliteFactory,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-test-'));
  const store = await factory(dir);
  await bootstrapAdmin(store, ADMIN_PASSWORD);
  rememberSecret(ADMIN_PASSWORD);
  const config = loadConfig({ dataDir: dir }, { KEYWARD_LOG_LEVEL: 'debug', ...env });
  const logFile = createWriteStream(join(LOG_DIR, `app-${process.pid}-${++counter}.log`));
  let offset = 0;
  const deps = await createDeps(
    config,
    store,
    { tokenKey: Buffer.alloc(32, 7) },
    createLogger(config.logLevel, logFile),
    () => Date.now() + offset,
  );
  await deps.filter.load();
  const app = await buildApp(deps);
  await app.ready();

  const request: TestApp['request'] = async (method, url, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    const auth = options.auth;
    if (auth && 'key' in auth) headers.authorization = `Key ${auth.key}`;
    if (auth && 'xApiKey' in auth) headers['x-api-key'] = auth.xApiKey;
    if (auth && 'bearer' in auth) headers.authorization = `Bearer ${auth.bearer}`;
    rememberSecretsIn(options.body);
    const response = await app.inject({
      method: method as never,
      url,
      headers,
      ...(options.body === undefined ? {} : { payload: options.body as object }),
    });
    let body: unknown = null;
    try {
      body = response.body ? JSON.parse(response.body) : null;
    } catch {
      body = null;
    }
    rememberSecretsIn(body);
    return { status: response.statusCode, headers: response.headers, body, text: response.body };
  };

  return {
    app,
    deps,
    store,
    dir,
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
    async close() {
      await app.close();
      await deps.usage.stop();
      await deps.failures.stop();
      await store.close();
      await new Promise<void>((resolve) => logFile.end(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
