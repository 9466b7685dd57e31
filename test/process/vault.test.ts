import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSqlite } from '../../src/store/sqlite-driver.js';
import { createKeyring, newMasterKey, saveKeyringFile } from '../../src/vault/vault.js';
import type { Auth } from '../support/app.js';
import { LOG_DIR } from '../support/paths.js';
import { type PrivatePostgres, privatePostgres, privatePostgresPossible } from '../support/pg-cluster.js';
import { freshSchema, postgresOrSkip } from '../support/postgres.js';
import { type FakeProvider, fakeSentinelOne } from '../support/providers.js';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, type Serve, startServe, tempDir } from '../support/server.js';
import { testTls } from '../support/tls.js';

/**
 * The vault in real `keyward serve` processes (PRODUCT.md §8, §11): the master key rotates while
 * connections are used and changed, and the old key is then no longer needed to start; a server whose
 * keyring cannot open what the store holds refuses to start; and no credential reaches the disk in clear.
 */
const onPostgres = await postgresOrSkip('the vault tests on PostgreSQL');
const privateCluster = onPostgres && privatePostgresPossible();
if (onPostgres && !privateCluster) {
  if (process.env.CI === 'true') throw new Error('CI requires root and Debian PostgreSQL for the disk scan');
  console.warn('skipped: the scan of a PostgreSQL data directory, which needs root and Debian PostgreSQL');
}

const PASSWORD = 'vault-admin-password';
rememberSecret(PASSWORD);
const CONNECTIONS = Number(process.env.VAULT_N ?? 200);
const THREATS = '/web/api/v2.1/threats';
/** Bounds on the load, so that a rotation that hangs fails the test rather than spinning forever. */
const LOAD_MS = 20_000;
const LOAD_REQUESTS = 30_000;
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'keyward.js');

/** A master key as `openssl rand -base64 32` prints it, recorded for the log scan. */
function masterKey(): string {
  const key = randomBytes(32).toString('base64');
  rememberSecret(key);
  return key;
}

/** Several SentinelOnes, each with a token of its own: a PATCH moves a connection from one to another. */
let fakes: (FakeProvider & { token: string })[] = [];
/**
 * The CA the fakes' certificates come from, in a file of this test's own: another run's global setup may
 * replace `.test-artifacts/tls` with a new CA while this one runs.
 */
let caPath = '';
beforeAll(async () => {
  caPath = join(tempDir(), 'ca.pem');
  writeFileSync(caPath, testTls().trusted.ca);
  fakes = await Promise.all(
    [0, 1, 2].map(async (n) => {
      const token = `S1-vault-${n}-${randomBytes(16).toString('hex')}`;
      return Object.assign(await fakeSentinelOne(token), { token });
    }),
  );
});
afterAll(async () => {
  await cleanupServe();
  await Promise.all(fakes.map((fake) => fake.close()));
});

function serve(env: Record<string, string> = {}, dataDir = join(tempDir(), 'data')): Promise<Serve> {
  return startServe(dataDir, {
    env: {
      KEYWARD_ADMIN_PASSWORD: PASSWORD,
      KEYWARD_OUTBOUND_ALLOW: '127.0.0.1/32,::1/128',
      NODE_EXTRA_CA_CERTS: caPath,
      ...env,
    },
  });
}

async function ok(server: Serve, method: string, path: string, auth: Auth, body?: unknown): Promise<any> {
  const reply = await server.request(method, path, { auth, body });
  if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${reply.text}`);
  return reply.body;
}

/** A connection, and which fake it points at (with that fake's token) as last acknowledged. */
interface Conn {
  id: string;
  at: number;
}

const body = (at: number) => {
  const fake = fakes[at] as FakeProvider & { token: string };
  return { config: { hostname: fake.hostname }, credentials: { apiKey: fake.token } };
};

/** Signs in, makes an organization and `count` connections through the API, sixteen at a time. */
async function seed(server: Serve, count: number): Promise<{ admin: Auth; conns: Conn[] }> {
  const admin = { bearer: await server.signIn('admin', PASSWORD) };
  const org = (await ok(server, 'POST', '/v1/organizations', admin, { name: 'Vault' })).id as string;
  const conns: Conn[] = [];
  for (let start = 0; start < count; start += 16) {
    const batch = Array.from({ length: Math.min(16, count - start) }, async (_, i) => {
      const at = (start + i) % fakes.length;
      const made = await ok(server, 'POST', `/v1/organizations/${org}/connections`, admin, {
        provider: 'sentinelone',
        name: `c${start + i}`,
        ...body(at),
      });
      return { id: made.id as string, at };
    });
    conns.push(...(await Promise.all(batch)));
  }
  return { admin, conns };
}

/** Proxies through every connection, eight at a time, and answers what went wrong: nothing, if all is well. */
async function proxyEvery(server: Serve, admin: Auth, conns: Conn[]): Promise<string[]> {
  const wrong: string[] = [];
  for (let start = 0; start < conns.length; start += 8) {
    await Promise.all(
      conns.slice(start, start + 8).map(async (conn) => {
        const reply = await server.request('GET', `/v1/connections/${conn.id}/proxy${THREATS}`, {
          auth: admin,
        });
        const host = reply.body?.headers?.host;
        if (reply.status !== 200 || reply.body?.path !== THREATS || host !== fakes[conn.at]?.hostname)
          wrong.push(`${conn.id}: ${reply.status} via ${host} ${reply.status === 200 ? '' : reply.text}`);
      }),
    );
  }
  return wrong;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/**
 * Six loops proxy through random connections and two PATCH random connections to another fake (new
 * host, new token) while `POST /v1/vault/rotate` runs. Every request must succeed; the figures say how
 * much ran while the rotation did.
 */
async function rotateUnderLoad(server: Serve, admin: Auth, conns: Conn[]) {
  const failures: string[] = [];
  const patches: [sent: number, done: number][] = [];
  const busy = new Set<Conn>();
  /** Connections sealed afresh by a PATCH, and when it was sent. */
  const resealed: [Conn, number][] = [];
  let proxied = 0;
  let duringRotation = 0;
  let slowest = 0;
  let rotating = false;
  let stop = false;
  const started = performance.now();
  const over = () =>
    stop || proxied + patches.length >= LOAD_REQUESTS || performance.now() - started > LOAD_MS;
  const proxyLoop = async () => {
    while (!over()) {
      const conn = pick(conns);
      const sent = performance.now();
      const reply = await server.request('GET', `/v1/connections/${conn.id}/proxy${THREATS}`, {
        auth: admin,
      });
      slowest = Math.max(slowest, performance.now() - sent);
      proxied++;
      if (rotating) duringRotation++;
      if (reply.status !== 200 || reply.body?.path !== THREATS)
        failures.push(`proxy ${conn.id}: ${reply.status} ${reply.text.slice(0, 300)}`);
    }
  };
  const patchLoop = async () => {
    while (!over()) {
      const conn = pick(conns.filter((candidate) => !busy.has(candidate)));
      busy.add(conn);
      const to = (conn.at + 1 + Math.floor(Math.random() * (fakes.length - 1))) % fakes.length;
      const sent = performance.now();
      const reply = await server.request('PATCH', `/v1/connections/${conn.id}`, {
        auth: admin,
        body: body(to),
      });
      patches.push([sent, performance.now()]);
      if (reply.status === 200) {
        conn.at = to;
        resealed.push([conn, sent]);
      } else failures.push(`patch ${conn.id}: ${reply.status} ${reply.text.slice(0, 300)}`);
      busy.delete(conn);
    }
  };
  const loops = Promise.all([...Array(6)].map(proxyLoop).concat([...Array(2)].map(patchLoop)));
  while (proxied < 100 && !over()) await sleep(5);
  rotating = true;
  const rotationSent = performance.now();
  const rotation = await server.request('POST', '/v1/vault/rotate', { auth: admin });
  const rotationDone = performance.now();
  rotating = false;
  const after = proxied;
  while (proxied < after + 100 && !over()) await sleep(5);
  const bounded = !over();
  stop = true;
  await loops;
  const pages = server.logLines().filter((line) => line.msg === 'vault rewrap');
  const figures = {
    proxied,
    duringRotation,
    patched: patches.length,
    patchedDuringRotation: patches.filter(([sent, done]) => sent < rotationDone && done > rotationSent)
      .length,
    rotationMs: Math.round(rotationDone - rotationSent),
    slowestProxyMs: Math.round(slowest),
    loadMs: Math.round(performance.now() - started),
    lastPage: pages.at(-1),
  };
  console.log(`rotation under load: ${JSON.stringify(figures)}`);
  expect(rotation.status, rotation.text).toBe(200);
  expect(failures).toEqual([]);
  // The load ran before, during and after the rotation, and ended within its bounds.
  expect(bounded).toBe(true);
  expect(duringRotation).toBeGreaterThan(0);
  expect(figures.patched).toBeGreaterThan(0);
  // The job saw every record; those it did not rewrap were sealed afresh under the new key by a PATCH:
  // one sent before the rotation ended (on PostgreSQL the new key is active from the start, so that is
  // any PATCH before then).
  const sealedAfresh = new Set(resealed.filter(([, sent]) => sent < rotationDone).map(([conn]) => conn));
  expect(figures.lastPage).toMatchObject({ scanned: conns.length, failed: 0 });
  expect(rotation.body.failed).toEqual([]);
  expect(rotation.body.rewrapped).toBeGreaterThanOrEqual(conns.length - sealedAfresh.size);
  expect(rotation.body.rewrapped).toBeLessThanOrEqual(conns.length);
  return rotation.body;
}

/** GET /v1/vault, checked: every record under `active`, and nothing left to rewrap. */
async function expectAllUnder(server: Serve, admin: Auth, active: string, count: number): Promise<any> {
  const status = await ok(server, 'GET', '/v1/vault', admin);
  expect(status).toMatchObject({ active, pendingRewrap: 0, rotating: false });
  const keys = status.keys as { id: string; records: number }[];
  expect(keys.find((key) => key.id === active)?.records).toBe(count);
  expect(keys.filter((key) => key.id !== active).every((key) => key.records === 0)).toBe(true);
  return status;
}

describe('rotating the master key under load', () => {
  it('on SQLite: no request fails, no write is lost, and the old key is retired and gone from vault.json', async () => {
    const server = await serve();
    const { admin, conns } = await seed(server, CONNECTIONS);
    const file = join(server.dataDir, 'vault.json');
    const before = JSON.parse(readFileSync(file, 'utf8'));
    const old = before.keys[0] as { id: string; state: string; key: string; createdAt: string };
    rememberSecret(old.key);
    expect(old.state).toBe('active');
    await expectAllUnder(server, admin, old.id, CONNECTIONS);

    const report = await rotateUnderLoad(server, admin, conns);
    expect(report.added).toMatch(/^mk_/);
    expect(report.added).not.toBe(old.id);
    expect(report).toMatchObject({ active: report.added, retired: [old.id], unused: [] });
    const status = await expectAllUnder(server, admin, report.added, CONNECTIONS);
    expect(status.keys).toEqual([
      { id: report.added, state: 'active', records: CONNECTIONS },
      { id: old.id, state: 'retired', records: 0 },
    ]);
    // No PATCH was lost to the rewrap: each connection still reaches the fake and token it was moved to.
    expect(await proxyEvery(server, admin, conns)).toEqual([]);
    expect(await server.stop()).toEqual({ code: 0, signal: null });

    const text = readFileSync(file, 'utf8');
    const after = JSON.parse(text);
    for (const key of after.keys) rememberSecret(key.key);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(after.keys).toEqual([
      { id: report.added, state: 'active', createdAt: expect.any(String), key: expect.any(String) },
      { id: old.id, state: 'retired', createdAt: old.createdAt, retiredAt: expect.any(String) },
    ]);
    expect(text).not.toContain(old.key);

    const again = await serve({}, server.dataDir);
    expect(again.log()).not.toContain('sealed under an older master key');
    expect(await proxyEvery(again, admin, conns)).toEqual([]);
    expect(await again.stop()).toEqual({ code: 0, signal: null });
  }, 60_000);

  it.runIf(onPostgres)(
    'on PostgreSQL: rewraps to the first configured key under load, and the old key can then leave the list',
    async () => {
      const url = await freshSchema();
      const oldKey = masterKey();
      const newKey = masterKey();
      const first = await serve({ KEYWARD_DB_URL: url, KEYWARD_VAULT_KEYS: oldKey });
      const { admin, conns } = await seed(first, CONNECTIONS);
      const old = await ok(first, 'GET', '/v1/vault', admin);
      expect(old).toMatchObject({ source: 'config', pendingRewrap: 0 });
      expect(await first.stop()).toEqual({ code: 0, signal: null });

      const second = await serve({ KEYWARD_DB_URL: url, KEYWARD_VAULT_KEYS: `${newKey},${oldKey}` });
      const pending = await ok(second, 'GET', '/v1/vault', admin);
      expect(pending.active).not.toBe(old.active);
      expect(pending).toMatchObject({ pendingRewrap: CONNECTIONS });
      const report = await rotateUnderLoad(second, admin, conns);
      expect(report).toMatchObject({
        active: pending.active,
        added: null,
        retired: [],
        unused: [old.active],
      });
      const status = await expectAllUnder(second, admin, pending.active, CONNECTIONS);
      expect(status.keys).toEqual([
        { id: pending.active, state: 'active', records: CONNECTIONS },
        { id: old.active, state: 'decrypt-only', records: 0 },
      ]);
      expect(await second.stop()).toEqual({ code: 0, signal: null });

      const third = await serve({ KEYWARD_DB_URL: url, KEYWARD_VAULT_KEYS: newKey });
      expect(await proxyEvery(third, admin, conns)).toEqual([]);
      expect(await third.stop()).toEqual({ code: 0, signal: null });
    },
    60_000,
  );
});

interface Refusal {
  code: number | null;
  stderr: string;
  /** Whether it printed its banner, which it must never do. */
  served: boolean;
}

let refusals = 0;

/** Runs `keyward serve` where it must refuse to start, and answers how it ended. */
function refusal(dataDir: string, env: Record<string, string>): Promise<Refusal> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('KEYWARD_')),
  );
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
    env: { ...clean, KEYWARD_ADMIN_PASSWORD: PASSWORD, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let served = false;
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (/Keyward listening/.test(stderr) && !served) {
      served = true;
      child.kill('SIGKILL');
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      // Kept with the other logs, so that the scan for secrets reads what a refusal printed too.
      mkdirSync(LOG_DIR, { recursive: true });
      const base = join(LOG_DIR, `vault-refusal-${process.pid}-${++refusals}`);
      writeFileSync(`${base}.log`, stdout);
      writeFileSync(`${base}.stderr.log`, stderr);
      resolve({ code, stderr, served });
    }),
  );
}

/** A copy of a stopped server's data directory, to spoil one thing in. */
function copyOf(dataDir: string): string {
  const dir = join(tempDir(), 'data');
  cpSync(dataDir, dir, { recursive: true });
  return dir;
}

describe('start-up refusals', () => {
  it('on SQLite: refuses, naming what to restore, without vault.json, with another keyring, or a sample that does not open', async () => {
    const server = await serve();
    const { admin, conns } = await seed(server, 3);
    const old = (await ok(server, 'GET', '/v1/vault', admin)).active as string;
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    const copy = () => copyOf(server.dataDir);

    const missing = copy();
    rmSync(join(missing, 'vault.json'));
    const other = copy();
    const stranger = newMasterKey();
    rememberSecret(stranger.key.toString('base64'));
    await saveKeyringFile(other, createKeyring([stranger]));
    const strangerText = readFileSync(join(other, 'vault.json'), 'utf8');
    // Two connections' sealed secrets swapped in the database: each is bound to its own connection.
    const swapped = copy();
    const db = new (loadSqlite())(join(swapped, 'keyward.db'));
    const [a, b] = conns.map((conn) => conn.id).sort();
    const sealedOf = (id: string) =>
      (db.prepare('select sealed from connections where id = ?').get(id) as { sealed: string }).sealed;
    const [sealedA, sealedB] = [sealedOf(a as string), sealedOf(b as string)];
    db.prepare('update connections set sealed = ? where id = ?').run(sealedB, a);
    db.prepare('update connections set sealed = ? where id = ?').run(sealedA, b);
    db.close();

    const [noFile, otherKeyring, tampered] = await Promise.all([
      refusal(missing, {}),
      refusal(other, {}),
      refusal(swapped, {}),
    ]);
    expect(noFile).toMatchObject({ code: 1, served: false });
    expect(noFile.stderr).toMatch(
      /vault\.json is missing, and sealed records exist: restore it from a backup/,
    );
    // A lost keyring is never replaced by a fresh key that opens nothing.
    expect(existsSync(join(missing, 'vault.json'))).toBe(false);
    expect(otherKeyring).toMatchObject({ code: 1, served: false });
    expect(otherKeyring.stderr).toContain(`sealed records use master keys the keyring lacks: ${old} (3)`);
    expect(readFileSync(join(other, 'vault.json'), 'utf8')).toBe(strangerText);
    expect(tampered).toMatchObject({ code: 1, served: false });
    expect(tampered.stderr).toMatch(
      /a sample record does not open, so the vault will not start: .* does not authenticate/,
    );
    // The untouched copy still starts: the refusals came from what was changed.
    const intact = await serve({}, copy());
    expect(await proxyEvery(intact, admin, conns)).toEqual([]);
    expect(await intact.stop()).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('on SQLite: refuses a data directory whose secrets.json is missing or unreadable, naming it', async () => {
    const server = await serve();
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    const copy = () => copyOf(server.dataDir);
    const missing = copy();
    rmSync(join(missing, 'secrets.json'));
    const garbled = copy();
    writeFileSync(join(garbled, 'secrets.json'), '{"tokenKey":');
    const unreadable = copy();
    rmSync(join(unreadable, 'secrets.json'));
    mkdirSync(join(unreadable, 'secrets.json'));

    const [noFile, notJson, aDirectory] = await Promise.all([
      refusal(missing, {}),
      refusal(garbled, {}),
      refusal(unreadable, {}),
    ]);
    const restore = 'restore it from the backup taken with the database';
    expect(noFile).toMatchObject({ code: 1, served: false });
    expect(noFile.stderr).toContain(
      `secrets.json is missing, but the data directory holds a database: ${restore}`,
    );
    // A lost secret is never replaced by a new one, which would end every session without a word.
    expect(existsSync(join(missing, 'secrets.json'))).toBe(false);
    expect(notJson).toMatchObject({ code: 1, served: false });
    expect(notJson.stderr).toContain(
      `cannot read ${join(garbled, 'secrets.json')}: it is not JSON; ${restore}`,
    );
    expect(aDirectory).toMatchObject({ code: 1, served: false });
    expect(aDirectory.stderr).toContain('secrets.json: it is a directory');
    for (const refused of [noFile, notJson, aDirectory]) expect(refused.stderr).not.toMatch(/\n\s+at /);
    // The untouched copy still starts.
    const intact = await serve({}, copy());
    expect(await intact.stop()).toEqual({ code: 0, signal: null });
  }, 60_000);

  it.runIf(onPostgres)(
    'on PostgreSQL: refuses with connections and no KEYWARD_VAULT_KEYS, or another key; without connections, runs with them off',
    async () => {
      const url = await freshSchema();
      const key = masterKey();
      const server = await serve({ KEYWARD_DB_URL: url, KEYWARD_VAULT_KEYS: key });
      const { admin } = await seed(server, 2);
      const old = (await ok(server, 'GET', '/v1/vault', admin)).active as string;
      expect(await server.stop()).toEqual({ code: 0, signal: null });

      const dir = join(tempDir(), 'data');
      const [unset, other] = await Promise.all([
        refusal(dir, { KEYWARD_DB_URL: url }),
        refusal(dir, { KEYWARD_DB_URL: url, KEYWARD_VAULT_KEYS: masterKey() }),
      ]);
      expect(unset).toMatchObject({ code: 1, served: false });
      expect(unset.stderr).toContain(
        'the database holds 2 sealed secret(s) (connections, webhook signing secrets) but no master key is configured: set KEYWARD_VAULT_KEYS',
      );
      expect(other).toMatchObject({ code: 1, served: false });
      expect(other.stderr).toContain(`sealed records use master keys the keyring lacks: ${old} (2)`);

      const empty = await serve({ KEYWARD_DB_URL: await freshSchema() });
      const token = { bearer: await empty.signIn('admin', PASSWORD) };
      const org = (await ok(empty, 'POST', '/v1/organizations', token, { name: 'Off' })).id;
      const refused = await empty.request('POST', `/v1/organizations/${org}/connections`, {
        auth: token,
        body: { provider: 'sentinelone', ...body(0) },
      });
      expect(refused.status).toBe(503);
      expect(refused.body.error.message).toMatch(/KEYWARD_VAULT_KEYS/);
      expect((await empty.request('GET', '/v1/vault', { auth: token })).status).toBe(503);
    },
    60_000,
  );

  it('refuses a malformed KEYWARD_VAULT_KEYS as a configuration error (exit 2), without echoing it', async () => {
    const key = masterKey();
    const cases = {
      short: 'c2hvcnQta2V5LW1hdGVyaWFs',
      'not base64': `${key.slice(0, 20)}!${key.slice(21)}`,
      twice: `${key},${key}`,
      'wrong id': `mk_AAAAAAAAAAAAAAAA:${key}`,
    };
    const results = await Promise.all(
      Object.values(cases).map((value) => refusal(join(tempDir(), 'data'), { KEYWARD_VAULT_KEYS: value })),
    );
    const messages = Object.fromEntries(
      Object.keys(cases).map((name, i) => [name, results[i]?.stderr.trim()]),
    );
    expect(messages).toEqual({
      short: 'keyward: entry 1 of KEYWARD_VAULT_KEYS: the key decodes to 18 bytes; a master key is 32',
      'not base64': 'keyward: entry 1 of KEYWARD_VAULT_KEYS: the key is not base64',
      twice: expect.stringMatching(
        /^keyward: entries 1 and 2 of KEYWARD_VAULT_KEYS are the same master key mk_/,
      ),
      'wrong id': expect.stringMatching(
        /^keyward: entry 1 of KEYWARD_VAULT_KEYS: the key's id is mk_\S+, not mk_A{16}/,
      ),
    });
    for (const result of results) expect(result).toMatchObject({ code: 2, served: false });
    for (const result of results) expect(result.stderr).not.toContain(key.slice(0, 16));
  }, 30_000);
});

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(entry.parentPath, entry.name);
    return entry.isDirectory() ? filesUnder(path) : entry.isFile() ? [path] : [];
  });
}

/** The files under `dir` that hold `needle` in any of the forms a credential could be written in. */
function holding(dir: string, needle: string): string[] {
  const forms = [
    needle,
    Buffer.from(needle).toString('base64'),
    Buffer.from(needle).toString('base64url'),
    Buffer.from(needle).toString('hex'),
  ].map((form) => Buffer.from(form));
  return filesUnder(dir).filter((file) => {
    const bytes = readFileSync(file);
    return forms.some((form) => bytes.includes(form));
  });
}

describe('the files hold no credential', () => {
  let database: PrivatePostgres | null = null;
  afterAll(() => database?.destroy());

  /** Makes connections to fakes 0 and 1, then PATCHes the first to fake 2; answers a canary stored in clear. */
  async function connectAndPatch(server: Serve): Promise<string> {
    const canary = `canary-${randomBytes(8).toString('hex')}`;
    const admin = { bearer: await server.signIn('admin', PASSWORD) };
    const org = (await ok(server, 'POST', '/v1/organizations', admin, { name: 'Disk' })).id;
    const made = [];
    for (const at of [0, 1]) {
      made.push(
        await ok(server, 'POST', `/v1/organizations/${org}/connections`, admin, {
          provider: 'sentinelone',
          name: `${canary}-${at}`,
          ...body(at),
        }),
      );
    }
    await ok(server, 'PATCH', `/v1/connections/${made[0].id}`, admin, body(2));
    return canary;
  }

  const tokens = () => fakes.map((fake) => fake.token);

  it('on SQLite: keyward.db, its WAL and everything else in the data directory', async () => {
    const server = await serve();
    const canary = await connectAndPatch(server);
    const files = readdirSync(server.dataDir);
    expect(files).toEqual(expect.arrayContaining(['keyward.db', 'keyward.db-wal', 'vault.json']));
    // The scan sees what the database wrote: the connection's name is kept in clear.
    expect(holding(server.dataDir, canary).length).toBeGreaterThan(0);
    for (const token of tokens()) expect(holding(server.dataDir, token)).toEqual([]);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    expect(holding(server.dataDir, canary).length).toBeGreaterThan(0);
    for (const token of tokens()) expect(holding(server.dataDir, token)).toEqual([]);
  }, 30_000);

  it.runIf(privateCluster)(
    "on PostgreSQL: every file of the cluster's data directory, after a checkpoint",
    async () => {
      database = await privatePostgres();
      const server = await serve({ KEYWARD_DB_URL: database.url, KEYWARD_VAULT_KEYS: masterKey() });
      const canary = await connectAndPatch(server);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      let dataDir: string;
      try {
        dataDir = (await client.query('show data_directory')).rows[0].data_directory;
        await client.query('checkpoint');
      } finally {
        await client.end();
      }
      expect(await server.stop()).toEqual({ code: 0, signal: null });
      database.stop();
      // The data directory and the server's log beside it.
      const dir = dirname(dataDir);
      expect(holding(dir, canary).length).toBeGreaterThan(0);
      for (const token of tokens()) expect(holding(dir, token)).toEqual([]);
    },
    60_000,
  );
});
