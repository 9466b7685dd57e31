import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ChainContent, chainHash, GENESIS } from '../../src/audit-chain.js';
import { loadSqlite } from '../../src/store/sqlite-driver.js';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, type Serve, startServe, tempDir } from '../support/server.js';

/**
 * Issue 18, "long work does not stall the server": a verification sent while an audit export streams
 * waits little longer than one sent while nothing else runs. better-sqlite3 is synchronous, so an export
 * that never gave the event loop a turn held every other request until its last line was written.
 *
 * The log is filled straight into the SQLite file, chained exactly as the store chains it, because
 * appending a few hundred thousand entries through the API would take minutes.
 */
const ADMIN_PASSWORD = 'export-yields-admin-password';
rememberSecret(ADMIN_PASSWORD);
/** Enough for an export of well over a second on a 2-CPU machine (about 140 MB of JSON Lines). */
const ENTRIES = 200_000;
/** Verifications measured with nothing else running in one attempt, and as many while exports stream. */
const SAMPLES = 300;
/** An attempt takes its samples in this many rounds of each. */
const ROUNDS = 3;
/** At most this many attempts, within this time: see the test. */
const ATTEMPTS = 5;
const MEASURE_BUDGET_MS = 50_000;

let server: Serve;
let adminToken: string;
let secret: string;

beforeAll(async () => {
  const dataDir = join(tempDir(), 'data');
  server = await startServe(dataDir, { env: { KEYWARD_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  adminToken = await server.signIn('admin', ADMIN_PASSWORD);
  const admin = { bearer: adminToken };
  const org = await server.request('POST', '/v1/organizations', {
    auth: admin,
    body: { name: 'Load', keyPrefix: 'load' },
  });
  const key = await server.request('POST', `/v1/organizations/${org.body.id}/apikeys`, {
    auth: admin,
    body: { name: 'verifier', role: 'admin' },
  });
  expect(key.status).toBe(201);
  secret = key.body.apiKey;
  const started = Date.now();
  fillAuditLog(join(dataDir, 'keyward.db'), org.body.id, ENTRIES);
  console.log(`export-yields: ${ENTRIES} audit entries written in ${Date.now() - started} ms`);
}, 120_000);
afterAll(cleanupServe);

/**
 * Appends `count` entries after the log's newest, each linked in the whole log's chain and in its
 * organization's, as the store would; the server reads each chain's head from the file when it appends.
 */
function fillAuditLog(file: string, orgId: string, count: number): void {
  const Sqlite = loadSqlite();
  const db = new Sqlite(file);
  db.pragma('busy_timeout = 5000');
  try {
    const head = (sql: string, ...args: string[]) =>
      (db
        .prepare(sql)
        .pluck()
        .get(...args) as string | undefined) ?? GENESIS;
    let prevHash = head('select hash from audit_log order by seq desc limit 1');
    let orgPrevHash = head(
      'select org_hash from audit_log where org_id = ? order by seq desc limit 1',
      orgId,
    );
    const insert = db.prepare(
      `insert into audit_log (id, at, action, actor_id, org_id, target_id, request_id, ip, outcome,
        details, prev_hash, hash, org_prev_hash, org_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const at = new Date().toISOString();
    db.transaction(() => {
      for (let n = 0; n < count; n++) {
        const id = `aud_${n.toString(36).padStart(22, '0')}`;
        const content: ChainContent = {
          action: 'apikey.created',
          actorId: `usr_${'a'.repeat(22)}`,
          orgId,
          targetId: `key_${n.toString(36).padStart(22, '0')}`,
          requestId: `req_${n.toString(36).padStart(22, '0')}`,
          ip: '127.0.0.1',
          outcome: 'success',
          details: { ownerId: `usr_${'a'.repeat(22)}`, hint: 'load_AbCd', name: `filler key ${n}` },
        };
        const hash = chainHash(prevHash, id, at, content);
        const orgHash = chainHash(orgPrevHash, id, at, content);
        insert.run(
          id,
          at,
          content.action,
          content.actorId,
          content.orgId,
          content.targetId,
          content.requestId,
          content.ip,
          content.outcome,
          JSON.stringify(content.details),
          prevHash,
          hash,
          orgPrevHash,
          orgHash,
        );
        prevHash = hash;
        orgPrevHash = orgHash;
      }
    })();
  } finally {
    db.close();
  }
}

/** One verification's round trip, in milliseconds. */
async function timedVerify(): Promise<number> {
  const started = performance.now();
  const reply = await server.request('POST', '/v1/keys/verify', {
    auth: { key: secret },
    body: { key: secret },
  });
  const elapsed = performance.now() - started;
  expect(reply.body?.code).toBe('VALID');
  return elapsed;
}

/**
 * An export, read as fast as loopback carries it, by a process of its own: read here, its 140 MB would
 * keep this process busy too, and the verifications measured here would wait on the reader. `done`
 * answers its size and duration once it ends; `stop` ends it early.
 */
function startExport(): { done: Promise<{ bytes: number; ms: number } | null>; stop(): void } {
  const reader = `
    const started = performance.now();
    let bytes = 0;
    require('node:http').get(process.argv[1], { headers: { authorization: process.argv[2] } }, (res) => {
      res.on('data', (chunk) => { bytes += chunk.length; });
      res.on('end', () => console.log(JSON.stringify({ status: res.statusCode, bytes, ms: performance.now() - started })));
    });`;
  const child = spawn(
    process.execPath,
    ['-e', reader, `${server.url}/v1/audit/export`, `Bearer ${adminToken}`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  let stopped = false;
  const done = new Promise<{ bytes: number; ms: number } | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', () => {
      if (stopped) return resolve(null);
      const result = JSON.parse(out || 'null') as { status: number; bytes: number; ms: number } | null;
      if (result?.status === 200) resolve(result);
      else reject(new Error(`the export's reader ended with ${out || 'nothing'}`));
    });
  });
  return {
    done,
    stop() {
      stopped = true;
      child.kill('SIGKILL');
    },
  };
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.ceil((sorted.length * p) / 100) - 1] ?? Number.NaN;
}

/**
 * One attempt: rounds of verifications alone, then as many while an export streams (stopped once they
 * are taken), so that both see the same load from whatever else the machine runs.
 */
async function attempt(deadline: number) {
  const alone: number[] = [];
  const during: number[] = [];
  for (let round = 0; round < ROUNDS && Date.now() < deadline; round++) {
    for (let i = 0; i < SAMPLES / ROUNDS; i++) alone.push(await timedVerify());
    let streaming = true;
    const running = startExport();
    void running.done.finally(() => {
      streaming = false;
    });
    // Let the export begin streaming before the first sample.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const wanted = during.length + SAMPLES / ROUNDS;
    while (streaming && during.length < wanted && Date.now() < deadline) during.push(await timedVerify());
    running.stop();
    await running.done;
  }
  return { alone: percentile(alone, 99), during: percentile(during, 99), samples: during.length };
}

it('answers a verification during an audit export within twice its usual p99', async () => {
  const whole = await startExport().done;
  expect(whole?.ms, 'the export must be long enough to measure anything').toBeGreaterThan(1000);
  // Warm the path (JIT, caches) so that the first samples measure what the others do.
  for (let i = 0; i < 50; i++) await timedVerify();

  // Twice the usual p99, plus 5 ms: on a shared 2-CPU machine the scheduler alone can delay a request
  // by a few milliseconds, which says nothing about the export. A busy process also waits longer for a
  // CPU than an idle one when other work runs beside it (here the server, the export's reader and this
  // process share two CPUs), so an attempt may lose to the machine: in CI, run alone, the first of two
  // read 5.7 / 19.9 ms and the second 4.9 / 12.2 ms. Up to five are made, and one must hold. An export
  // that held the event loop lost every attempt by a factor of a hundred (a verification waited for the
  // whole export).
  const holds = (a: { alone: number; during: number; samples: number }) =>
    a.samples === SAMPLES && a.during <= 2 * a.alone + 5;
  const attempts: Awaited<ReturnType<typeof attempt>>[] = [];
  const deadline = Date.now() + MEASURE_BUDGET_MS;
  while (attempts.length < ATTEMPTS && Date.now() < deadline && !attempts.some(holds))
    attempts.push(await attempt(deadline));

  console.log(
    `export-yields: export of ${ENTRIES} entries (${((whole?.bytes ?? 0) / 1e6).toFixed(1)} MB) took ` +
      `${whole?.ms.toFixed(0)} ms; verify p99 alone and during exports, by attempt: ` +
      attempts
        .map((a) => `${a.alone.toFixed(2)} / ${a.during.toFixed(2)} ms (${a.samples} samples)`)
        .join(', '),
  );
  expect(attempts.some(holds), 'an attempt whose p99 during exports is within 2x + 5 ms').toBe(true);
}, 90_000);
