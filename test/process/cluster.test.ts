import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Auth } from '../support/app.js';
import { type Frame, readFrames } from '../support/event-stream.js';
import { freshSchema, PG_URL, postgresOrSkip } from '../support/postgres.js';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, type Serve, startServe, tempDir } from '../support/server.js';

/**
 * Several `keyward serve` processes on one PostgreSQL database (PRODUCT.md §7): a change made on one
 * takes effect on every other within a second, a process whose feed of changes breaks fails safe, and
 * processes that start at the same moment migrate once.
 */
const run = await postgresOrSkip('the tests of several processes on PostgreSQL');
const PASSWORD = 'cluster-admin-password';
rememberSecret(PASSWORD);
const BOUND_MS = 1000;

afterAll(cleanupServe);

async function serve(url: string, env: Record<string, string> = {}): Promise<Serve> {
  return startServe(join(tempDir(), 'data'), {
    env: {
      KEYWARD_DB_URL: url,
      KEYWARD_ADMIN_PASSWORD: PASSWORD,
      KEYWARD_AUTH_FAILURES_PER_MINUTE: '100000',
      ...env,
    },
  });
}

async function ok(server: Serve, method: string, path: string, auth: Auth, body?: unknown): Promise<any> {
  const reply = await server.request(method, path, { auth, body });
  if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${reply.text}`);
  return reply.body;
}

/** Polls until `done` holds of the answer, and answers how long that took after `since`. */
async function until(since: number, poll: () => Promise<boolean>, limitMs = 5000): Promise<number> {
  for (;;) {
    if (await poll()) return performance.now() - since;
    if (performance.now() - since > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** `GET /v1/events` of a process, read event by event. */
async function openEvents(server: Serve, key: string, lastEventId?: string) {
  const abort = new AbortController();
  const headers: Record<string, string> = { authorization: `Key ${key}` };
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const response = await fetch(`${server.url}/v1/events`, { headers, signal: abort.signal });
  expect(response.status).toBe(200);
  return { ...readFrames(response.body as ReadableStream<Uint8Array>), close: () => abort.abort() };
}

describe.runIf(run)('two processes on one database', () => {
  let a: Serve;
  let b: Serve;
  let admin: Auth;
  let org: string;
  let verifier: string;
  beforeAll(async () => {
    const url = await freshSchema();
    a = await serve(url);
    b = await serve(url);
    // One signing key for the cluster: a token from one process works on the other.
    admin = { bearer: await a.signIn('admin', PASSWORD) };
    org = (await ok(b, 'POST', '/v1/organizations', admin, { name: 'Cluster', keyPrefix: 'clu' })).id;
    verifier = (await ok(a, 'POST', `/v1/organizations/${org}/apikeys`, admin, { name: 'v', role: 'admin' }))
      .apiKey;
  });

  const codeOn = async (server: Serve, key: string) =>
    (await ok(server, 'POST', '/v1/keys/verify', { key: verifier }, { key })).code as string;

  it('a key created on one is VALID on the other within a second, and a revocation is seen as fast', async () => {
    const started = performance.now();
    const created = await ok(a, 'POST', `/v1/organizations/${org}/apikeys`, admin, {
      name: 'k',
      role: 'member',
    });
    const appeared = await until(started, async () => (await codeOn(b, created.apiKey)) === 'VALID');
    // Cached on b now, as a busy key would be.
    for (let i = 0; i < 5; i++) expect(await codeOn(b, created.apiKey)).toBe('VALID');
    const revoking = performance.now();
    await ok(a, 'DELETE', `/v1/apikeys/${created.id}`, admin);
    const revoked = await until(revoking, async () => (await codeOn(b, created.apiKey)) === 'REVOKED');
    console.log(
      `propagation: new key VALID on the other process in ${appeared.toFixed(0)} ms, revocation in ${revoked.toFixed(0)} ms`,
    );
    expect(appeared).toBeLessThanOrEqual(BOUND_MS);
    expect(revoked).toBeLessThanOrEqual(BOUND_MS);
  });

  it("an owner's disablement and a rotation reach the other process within a second", async () => {
    const user = await ok(a, 'POST', '/v1/users', admin, { username: 'owner', password: 'owner-password-1' });
    await ok(a, 'POST', `/v1/organizations/${org}/members`, admin, { userId: user.id, role: 'member' });
    const owned = await ok(a, 'POST', `/v1/organizations/${org}/apikeys`, admin, {
      name: 'o',
      role: 'member',
      ownerId: user.id,
    });
    const rotating = await ok(a, 'POST', `/v1/organizations/${org}/apikeys`, admin, {
      name: 'r',
      role: 'member',
    });
    for (const key of [owned.apiKey, rotating.apiKey]) expect(await codeOn(b, key)).toBe('VALID');

    const disabling = performance.now();
    await ok(a, 'PATCH', `/v1/users/${user.id}`, admin, { disabled: true });
    const disabled = await until(disabling, async () => (await codeOn(b, owned.apiKey)) === 'OWNER_DISABLED');

    const rotatingAt = performance.now();
    const successor = await ok(a, 'POST', `/v1/apikeys/${rotating.id}/rotate`, admin, { gracePeriod: 0 });
    const expired = await until(rotatingAt, async () => (await codeOn(b, rotating.apiKey)) === 'EXPIRED');
    expect(await codeOn(b, successor.apiKey)).toBe('VALID');
    console.log(
      `propagation: owner disabled in ${disabled.toFixed(0)} ms, rotation in ${expired.toFixed(0)} ms`,
    );
    expect(disabled).toBeLessThanOrEqual(BOUND_MS);
    expect(expired).toBeLessThanOrEqual(BOUND_MS);
  });

  it("streams another process's revocation on GET /v1/events within a second, and resumes from the shared log", async () => {
    const events = await openEvents(b, verifier);
    await events.until((frame) => frame.event === 'ready');
    const created = await ok(a, 'POST', `/v1/organizations/${org}/apikeys`, admin, {
      name: 's',
      role: 'member',
    });
    const revoking = performance.now();
    await ok(a, 'DELETE', `/v1/apikeys/${created.id}`, admin);
    const heard = (
      await events.until((frame) => frame.event === 'key.revoked' && frame.data.keyId === created.id)
    ).at(-1) as Frame;
    const ms = performance.now() - revoking;
    events.close();
    console.log(`propagation: revocation on the other process's event stream in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThanOrEqual(BOUND_MS);

    // Missed while disconnected, revoked on b, and resumed from a's copy of the log.
    const missed = await ok(b, 'POST', `/v1/organizations/${org}/apikeys`, admin, {
      name: 'm',
      role: 'member',
    });
    await ok(b, 'DELETE', `/v1/apikeys/${missed.id}`, admin);
    const resumed = await openEvents(a, verifier, heard.id ?? undefined);
    const replayed = await resumed.until((frame) => frame.event === 'ready');
    resumed.close();
    expect(replayed.some((frame) => frame.event === 'key.revoked' && frame.data.keyId === missed.id)).toBe(
      true,
    );
  });

  it('a process whose listening connection is cut never answers VALID for a key revoked a second before', async () => {
    const created = await ok(a, 'POST', `/v1/organizations/${org}/apikeys`, admin, {
      name: 'c',
      role: 'member',
    });
    for (let i = 0; i < 5; i++) expect(await codeOn(b, created.apiKey)).toBe('VALID');
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      const cut = await client.query(
        'select pg_terminate_backend(pid) as done from pg_stat_activity where application_name = $1',
        [`keyward feed ${b.pid}`],
      );
      expect(cut.rows).toEqual([{ done: true }]);
    } finally {
      await client.end();
    }
    const revokedAt = performance.now();
    await ok(a, 'DELETE', `/v1/apikeys/${created.id}`, admin);
    const answers: [number, string][] = [];
    while (performance.now() - revokedAt < 3 * BOUND_MS) {
      answers.push([performance.now() - revokedAt, await codeOn(b, created.apiKey)]);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const lateValid = answers.filter(([at, code]) => code === 'VALID' && at > BOUND_MS);
    expect(lateValid).toEqual([]);
    expect(answers.at(-1)?.[1]).toBe('REVOKED');
    // Once it listens again, it hears changes as before: a new key reaches it (as in the first test, it
    // is refused until the NOTIFY does, a few milliseconds), and so does its revocation.
    const made = performance.now();
    const later = await ok(a, 'POST', `/v1/organizations/${org}/apikeys`, admin, {
      name: 'l',
      role: 'member',
    });
    expect(await until(made, async () => (await codeOn(b, later.apiKey)) === 'VALID')).toBeLessThanOrEqual(
      BOUND_MS,
    );
    const again = performance.now();
    await ok(a, 'DELETE', `/v1/apikeys/${later.id}`, admin);
    expect(await until(again, async () => (await codeOn(b, later.apiKey)) === 'REVOKED')).toBeLessThanOrEqual(
      BOUND_MS,
    );
  });
});

describe.runIf(run)('a process that cannot listen again', () => {
  it('serves no cached key older than a second while its feed is down, and recovers when it is back', async () => {
    // The processes connect as a role of their own, so that its connection limit can keep b from
    // listening again after its listening connection is cut, while both keep the connections they hold.
    const role = `kwt_role_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const base = await freshSchema();
    const schema = new URL(base).searchParams.get('options')?.replace('-c search_path=', '') ?? '';
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      await admin.query(`create role "${role}" login`);
      await admin.query(`grant all on schema "${schema}" to "${role}"`);
      const url = new URL(base);
      url.username = role;
      const a = await serve(url.toString());
      const b = await serve(url.toString());
      const token = { bearer: await a.signIn('admin', PASSWORD) };
      const org = (await ok(a, 'POST', '/v1/organizations', token, { name: 'Down', keyPrefix: 'down' })).id;
      const make = async (body: object) =>
        ok(a, 'POST', `/v1/organizations/${org}/apikeys`, token, { name: 'x', role: 'member', ...body });
      const verifier = (await make({ role: 'admin' })).apiKey as string;
      const target = await make({});
      const onB = async () => {
        const reply = await b.request('POST', '/v1/keys/verify', {
          auth: { key: verifier },
          body: { key: target.apiKey },
        });
        return reply.status === 200 ? (reply.body.code as string) : `HTTP ${reply.status}`;
      };
      for (let i = 0; i < 5; i++) expect(await onB()).toBe('VALID');
      const stream = await openEvents(b, verifier);
      await stream.until((frame) => frame.event === 'ready');
      const held = await admin.query('select count(*)::int as n from pg_stat_activity where usename = $1', [
        role,
      ]);
      await admin.query(`alter role "${role}" connection limit ${held.rows[0].n - 1}`);
      const cut = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
        [`keyward feed ${b.pid}`],
      );
      expect(cut.rowCount).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // A stream that would miss other processes' changes is not kept open, nor opened.
      await expect(stream.until(() => false)).rejects.toThrow('the stream ended');
      expect((await b.request('GET', '/v1/events', { auth: { key: verifier } })).status).toBe(503);
      const revokedAt = performance.now();
      await ok(a, 'DELETE', `/v1/apikeys/${target.id}`, token);
      const answers: [number, string][] = [];
      while (performance.now() - revokedAt < 2.5 * BOUND_MS) {
        answers.push([performance.now() - revokedAt, await onB()]);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(answers.filter(([at, code]) => code === 'VALID' && at > BOUND_MS)).toEqual([]);
      // Past the bound it asks the store, over the connections it still holds.
      expect(answers.at(-1)?.[1]).toBe('REVOKED');
      await admin.query(`alter role "${role}" connection limit -1`);
      const later = await make({});
      expect(
        await b
          .request('POST', '/v1/keys/verify', { auth: { key: verifier }, body: { key: later.apiKey } })
          .then((r) => r.body.code),
      ).toBe('VALID');
      const again = performance.now();
      await ok(a, 'DELETE', `/v1/apikeys/${later.id}`, token);
      const seen = await until(again, async () => {
        const reply = await b.request('POST', '/v1/keys/verify', {
          auth: { key: verifier },
          body: { key: later.apiKey },
        });
        return reply.body?.code === 'REVOKED';
      });
      expect(seen).toBeLessThanOrEqual(BOUND_MS + 2500);
      // Streams open again once the feed is back (its reconnection waits up to two seconds).
      const listening = async () => {
        const abort = new AbortController();
        const response = await fetch(`${b.url}/v1/events`, {
          headers: { authorization: `Key ${verifier}` },
          signal: abort.signal,
        });
        abort.abort();
        return response.status === 200;
      };
      await until(performance.now(), listening, 5000);
      await a.stop();
      await b.stop();
    } finally {
      await admin.query(`drop schema if exists "${schema}" cascade`).catch(() => {});
      await admin.query(`drop role if exists "${role}"`).catch(() => {});
      await admin.end();
    }
  });
});

describe.runIf(run)('limits counted across processes', () => {
  for (const [counted, env] of [
    ['by PostgreSQL', {}],
    ['by Redis', { KEYWARD_REDIS_URL: 'redis://127.0.0.1:6379' }],
  ] as const) {
    it(`a quota and a rate limit are exact when two processes verify at once, counted ${counted}`, async () => {
      const url = await freshSchema();
      const a = await serve(url, env);
      const b = await serve(url, env);
      const admin = { bearer: await a.signIn('admin', PASSWORD) };
      const org = (await ok(a, 'POST', '/v1/organizations', admin, { name: 'Limits', keyPrefix: 'lim' })).id;
      const make = async (body: object) =>
        (
          await ok(a, 'POST', `/v1/organizations/${org}/apikeys`, admin, {
            name: 'x',
            role: 'member',
            ...body,
          })
        ).apiKey as string;
      const verifier = await make({ role: 'admin' });
      const quota = await make({ quota: { remaining: 40 } });
      const limited = await make({ ratelimit: { limit: 30, duration: 600_000 } });
      const burst = async (key: string, total: number) => {
        const codes = await Promise.all(
          Array.from({ length: total }, (_, i) =>
            ok(i % 2 ? a : b, 'POST', '/v1/keys/verify', { key: verifier }, { key }).then(
              (r) => r.code as string,
            ),
          ),
        );
        return codes.filter((code) => code === 'VALID').length;
      };
      expect(await burst(quota, 120)).toBe(40);
      expect((await ok(b, 'POST', '/v1/keys/verify', { key: verifier }, { key: quota })).code).toBe(
        'USAGE_EXCEEDED',
      );
      expect(await burst(limited, 100)).toBe(30);
      const refused = await ok(a, 'POST', '/v1/keys/verify', { key: verifier }, { key: limited });
      expect(refused).toMatchObject({ code: 'RATE_LIMITED', ratelimit: { limit: 30, remaining: 0 } });
    });
  }
});

describe.runIf(run)('keyward serve --workers', () => {
  it("runs processes that share one port and each other's changes, and stops them all on SIGTERM", async () => {
    const url = await freshSchema();
    const server = await startServe(join(tempDir(), 'data'), {
      env: { KEYWARD_DB_URL: url, KEYWARD_ADMIN_PASSWORD: PASSWORD },
      args: ['--workers', '2'],
    });
    const admin = { bearer: await server.signIn('admin', PASSWORD) };
    const org = (await ok(server, 'POST', '/v1/organizations', admin, { name: 'Workers', keyPrefix: 'wrk' }))
      .id;
    const verifier = (
      await ok(server, 'POST', `/v1/organizations/${org}/apikeys`, admin, { name: 'v', role: 'admin' })
    ).apiKey;
    const key = await ok(server, 'POST', `/v1/organizations/${org}/apikeys`, admin, {
      name: 'k',
      role: 'member',
    });
    const codes = async () =>
      Promise.all(
        Array.from({ length: 20 }, () =>
          ok(server, 'POST', '/v1/keys/verify', { key: verifier }, { key: key.apiKey }).then((r) => r.code),
        ),
      );
    // The keys were made on one worker; the other hears of them over NOTIFY within milliseconds, and
    // until then refuses them. Both workers must know them before the revocation is timed.
    const made = performance.now();
    await until(made, async () => (await codes().catch(() => [])).join() === Array(20).fill('VALID').join());
    const revoking = performance.now();
    await ok(server, 'DELETE', `/v1/apikeys/${key.id}`, admin);
    await until(revoking, async () => (await codes()).every((code) => code === 'REVOKED'));
    expect(performance.now() - revoking).toBeLessThanOrEqual(BOUND_MS);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  });

  it('refuses to run workers on the embedded SQLite', async () => {
    const { spawnSync } = await import('node:child_process');
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'keyward.js');
    const result = spawnSync(
      process.execPath,
      [bin, 'serve', '--workers', '2', '--data-dir', join(tempDir(), 'd')],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--workers needs PostgreSQL/);
  });
});

describe.runIf(run)('processes that start at the same moment', () => {
  it('all come up on an empty database, and the migrations run once', async () => {
    const url = await freshSchema();
    const servers = await Promise.all([serve(url), serve(url), serve(url)]);
    for (const server of servers) expect((await server.request('GET', '/readyz')).status).toBe(200);
    const schema = new URL(url).searchParams.get('options')?.replace('-c search_path=', '') ?? '';
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      const { rows } = await client.query(`select name from "${schema}".kysely_migration order by name`);
      expect(rows.map((row) => row.name)).toEqual([
        '001-initial',
        '002-authority',
        '003-cluster',
        '004-connections',
        '005-connect-sessions',
        '006-service-user-names',
        '007-org-audit-chains',
        '008-key-events',
      ]);
      const admins = await client.query(`select count(*)::int as n from "${schema}".users`);
      expect(admins.rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
  });
});
