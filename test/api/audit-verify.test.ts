import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyExport as consoleVerifyExport } from '../../console/src/audit/chain.js';
import { verifyExport } from '../../src/audit-export.js';
import { loadSqlite } from '../../src/store/sqlite-driver.js';
import type { AuditEntry } from '../../src/store/types.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/app.js';
import { schemaUrlOf } from '../support/postgres.js';
import { BIN } from '../support/server.js';
import { useWorld } from '../support/world.js';

/**
 * GET /v1/audit/verify: the server walks its own chain in the store and says whether it holds, naming
 * the first bad entry when it does not. Who may walk which chain follows the export's rules. The rows
 * are edited and deleted behind the store's back, in the SQLite file or the PostgreSQL table.
 */
const ctx = useWorld();

async function* each<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

/** An export's lines, parsed. */
const linesOf = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

async function exported(t: TestApp, bearer: string, query = '') {
  const reply = await t.request('GET', `/v1/audit/export${query}`, { auth: { bearer } });
  expect(reply.status).toBe(200);
  return reply.text;
}

describe('GET /v1/audit/verify', () => {
  it("walks the whole log's chain for a cluster admin, and agrees with the export", async () => {
    const reply = await ctx.t.request('GET', '/v1/audit/verify', { auth: { bearer: ctx.w.tokens.admin } });
    expect(reply.status).toBe(200);
    const end = linesOf(await exported(ctx.t, ctx.w.tokens.admin)).at(-1) as {
      count: number;
      lastHash: string;
    };
    // Verifying appends nothing, so the export taken after it ends where the walk did.
    expect(reply.body).toEqual({
      ok: true,
      chain: 'log',
      orgId: null,
      count: end.count,
      lastHash: end.lastHash,
    });
  });

  it("walks an organization's own chain for its admin, named or taken from the key", async () => {
    const end = linesOf(await exported(ctx.t, ctx.w.tokens.alice, `?orgId=${ctx.w.orgA}`)).at(-1) as {
      count: number;
      lastHash: string;
    };
    const expected = {
      ok: true,
      chain: 'organization',
      orgId: ctx.w.orgA,
      count: end.count,
      lastHash: end.lastHash,
    };
    const byToken = await ctx.t.request('GET', `/v1/audit/verify?orgId=${ctx.w.orgA}`, {
      auth: { bearer: ctx.w.tokens.alice },
    });
    expect(byToken.body).toEqual(expected);
    const byKey = await ctx.t.request('GET', '/v1/audit/verify', { auth: { key: ctx.w.keys.alice.secret } });
    expect(byKey.body).toEqual(expected);
    const byAdmin = await ctx.t.request('GET', `/v1/audit/verify?orgId=${ctx.w.orgA}`, {
      auth: { bearer: ctx.w.tokens.admin },
    });
    expect(byAdmin.body).toEqual(expected);
  });

  it('tells a caller nothing of an organization they cannot read', async () => {
    const verify = (auth: Parameters<TestApp['request']>[2], query = `?orgId=${ctx.w.orgA}`) =>
      ctx.t.request('GET', `/v1/audit/verify${query}`, auth);
    const unknown = `org_${'0'.repeat(22)}`;
    // Another organization's admin: the same 404 as an organization that does not exist.
    const foreign = await verify({ auth: { bearer: ctx.w.tokens.carol } });
    const missing = await verify({ auth: { bearer: ctx.w.tokens.carol } }, `?orgId=${unknown}`);
    expect([foreign.status, missing.status]).toEqual([404, 404]);
    expect(foreign.body.error.message).toBe(missing.body.error.message);
    expect((await verify({ auth: { bearer: ctx.w.tokens.bob } })).status).toBe(403);
    // Without a key naming one, an organization admin must say which: only cluster admins walk the log.
    const whole = await verify({ auth: { bearer: ctx.w.tokens.alice } }, '');
    expect(whole.status).toBe(400);
    expect(whole.body.error.message).toBe(
      'querystring.orgId: is required unless the caller is a cluster admin',
    );
    expect((await verify({ auth: null })).status).toBe(401);
  });
});

describe('GET /v1/audit/verify on a log changed behind its back', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** A fresh app whose log holds a few entries of one organization between entries of none. */
  async function appWithLog() {
    t = await createTestApp();
    const admin = await t.tokenFor('admin', ADMIN_PASSWORD);
    const org = await t.request('POST', '/v1/organizations', {
      auth: { bearer: admin },
      body: { name: 'Tamper', keyPrefix: 'tamp' },
    });
    for (let i = 0; i < 4; i++) {
      const key = await t.request('POST', `/v1/organizations/${org.body.id}/apikeys`, {
        auth: { bearer: admin },
        body: { name: `k${i}`, role: 'member' },
      });
      expect(key.status).toBe(201);
      await t.request('POST', '/v1/users', {
        auth: { bearer: admin },
        body: { username: `user${i}`, password: `user${i}-password` },
      });
    }
    const entries = linesOf(await exported(t, admin)).slice(1, -1) as unknown as AuditEntry[];
    const ofOrg = entries.filter((e) => e.orgId === org.body.id);
    expect(ofOrg.length).toBeGreaterThanOrEqual(5);
    const verify = async (query = '') =>
      (await (t as TestApp).request('GET', `/v1/audit/verify${query}`, { auth: { bearer: admin } })).body;
    return { t, orgId: org.body.id as string, entries, ofOrg, verify };
  }

  /** Runs one statement on the store's database directly: the SQLite file or the PostgreSQL schema. */
  async function behindItsBack(app: TestApp, statement: string): Promise<void> {
    const url = schemaUrlOf(app.store);
    if (url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
      return;
    }
    const db = new (loadSqlite())(join(app.dir, 'keyward.db'));
    try {
      db.prepare(statement).run();
    } finally {
      db.close();
    }
  }

  it('names an edited entry, in the whole log and in its organization', async () => {
    const { t, orgId, entries, ofOrg, verify } = await appWithLog();
    const victim = ofOrg[2] as AuditEntry;
    expect(await verify()).toMatchObject({ ok: true, count: entries.length });
    await behindItsBack(t, `update audit_log set action = 'apikey.revoked' where seq = ${victim.seq}`);

    const firstBad = { seq: victim.seq, id: victim.id, at: victim.at };
    expect(await verify()).toEqual({
      ok: false,
      chain: 'log',
      orgId: null,
      count: entries.findIndex((e) => e.seq === victim.seq) + 1,
      firstBad,
      reason: 'hash',
      message: expect.stringContaining('edited'),
    });
    expect(await verify(`?orgId=${orgId}`)).toMatchObject({
      ok: false,
      chain: 'organization',
      orgId,
      count: 3,
      firstBad,
      reason: 'hash',
    });
  });

  it('names the entry after a deleted one, in the whole log and in its organization', async () => {
    const { t, orgId, entries, ofOrg, verify } = await appWithLog();
    const [deleted, next] = [ofOrg[1] as AuditEntry, ofOrg[2] as AuditEntry];
    await behindItsBack(t, `delete from audit_log where seq = ${deleted.seq}`);

    const logNext = entries[entries.findIndex((e) => e.seq === deleted.seq) + 1] as AuditEntry;
    expect(await verify()).toMatchObject({
      ok: false,
      chain: 'log',
      count: entries.findIndex((e) => e.seq === deleted.seq) + 1,
      firstBad: { seq: logNext.seq, id: logNext.id, at: logNext.at },
      reason: 'link',
      message: expect.stringContaining('deleted'),
    });
    expect(await verify(`?orgId=${orgId}`)).toMatchObject({
      ok: false,
      chain: 'organization',
      count: 2,
      firstBad: { seq: next.seq, id: next.id, at: next.at },
      reason: 'link',
    });
  });
});

describe('an export with U+2028 and U+2029 in names', () => {
  it('writes them escaped, so that every JSON Lines reader splits it the same way, and still verifies', async () => {
    const name = 'Line\u2028Para\u2029graph';
    const org = await ctx.t.request('POST', '/v1/organizations', {
      auth: { bearer: ctx.w.tokens.admin },
      body: { name, keyPrefix: 'sepr' },
    });
    expect(org.status).toBe(201);
    const text = await exported(ctx.t, ctx.w.tokens.admin);
    expect(text).not.toMatch(/[\u2028\u2029]/);
    expect(text).toContain('Line\\u2028Para\\u2029graph');

    // Python's str.splitlines, and JavaScript's own line terminators, break lines at these too.
    const everyBreak = text.split(/\r\n|[\n\r\u2028\u2029]/).filter(Boolean);
    const lines = text.split('\n').filter(Boolean);
    expect(everyBreak).toEqual(lines);
    const parsed = lines.map((line) => JSON.parse(line));
    const created = parsed.find((e) => e.action === 'organization.created' && e.targetId === org.body.id);
    expect(created?.details).toEqual({ name });
    expect(await verifyExport(each(parsed))).toMatchObject({ ok: true, count: parsed.length - 2 });
    // The console checks the export with its own hashing, in the browser; it runs the same in Node.
    expect(await consoleVerifyExport(each(parsed))).toMatchObject({ ok: true, count: parsed.length - 2 });

    // And `keyward audit verify --file`, offline.
    const file = join(ctx.t.dir, 'unicode-export.jsonl');
    writeFileSync(file, text);
    const cli = spawnSync(process.execPath, [BIN, 'audit', 'verify', '--file', file], {
      encoding: 'utf8',
      timeout: 30_000,
      // No profile, and none of the developer's KEYWARD_* variables: a file is checked offline.
      env: { PATH: process.env.PATH, HOME: ctx.t.dir, KEYWARD_CONFIG_DIR: ctx.t.dir },
    });
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toBe(
      `The audit chain holds: ${parsed.length - 2} entries, each linked to the one before it.\n`,
    );
    expect(cli.status).toBe(0);
  });
});
