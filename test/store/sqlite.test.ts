import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyChain } from '../../src/store/audit-chain.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { loadSqlite, type SqliteDatabase } from '../../src/store/sqlite-driver.js';
import { describeStore } from './store-suite.js';
import { allAudit, NO_FILTER } from './suite/context.js';
import { anOrg, aServiceUser, at, aUser, auditOf } from './suite/fixtures.js';

describeStore('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-store-'));
  const store = await openSqliteStore(join(dir, 'keyward.db'));
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('sqlite store: the file', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyward-store-'));
    file = join(dir, 'data', 'keyward.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs `work` on a plain connection to the file, outside the store. */
  function direct<T>(work: (db: SqliteDatabase) => T): T {
    const Sqlite = loadSqlite();
    const db = new Sqlite(file);
    try {
      return work(db);
    } finally {
      db.close();
    }
  }

  it('tells its query counter of every statement, for the metrics', async () => {
    let queries = 0;
    const store = await openSqliteStore(file, {
      onQuery: () => {
        queries++;
      },
    });
    const before = queries;
    await store.findUser('usr_0000000000000000000000');
    expect(queries).toBe(before + 1);
    await store.close();
  });

  it('is in WAL mode', async () => {
    const store = await openSqliteStore(file);
    await store.close();
    expect(direct((db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
  });

  it('opens an existing file again, migrating nothing twice and keeping its data', async () => {
    const user = aUser();
    const first = await openSqliteStore(file);
    await first.createUser(user, auditOf('user.created'));
    await first.close();

    const second = await openSqliteStore(file);
    const { passwordHash: _, ...expected } = user;
    expect(await second.findUser(user.id)).toEqual(expected);
    expect(await verifyChain(second.exportAudit(NO_FILTER))).toEqual({ ok: true, count: 1 });
    await second.close();
    expect(direct((db) => db.prepare('select name from kysely_migration').pluck().all())).toEqual([
      '001-initial',
      '002-authority',
      '003-cluster',
      '004-connections',
      '005-connect-sessions',
      '006-service-user-names',
      '007-org-audit-chains',
      '008-key-events',
    ]);
  });

  it('tells apart the service user names an earlier Keyward let repeat, the oldest keeping its own', async () => {
    const first = await openSqliteStore(file);
    const [org, other] = [anOrg(), anOrg()];
    for (const o of [org, other]) await first.createOrganization(o, null, auditOf('org.created'));
    const bots = [
      aServiceUser(org.id, { name: 'deploy', createdAt: at(1) }),
      aServiceUser(org.id, { name: 'other', createdAt: at(2) }),
      aServiceUser(org.id, { name: 'other-2', createdAt: at(3) }),
      aServiceUser(other.id, { name: 'other-3', createdAt: at(4) }),
    ];
    for (const bot of bots) await first.createServiceUser(bot, auditOf('serviceuser.created'));
    await first.close();
    // As before the rule: no index, and three names alike in one organization, whatever their case.
    direct((db) => {
      db.prepare('drop index service_users_org_name').run();
      db.prepare("update service_users set name = 'Deploy' where name like 'other%'").run();
      db.prepare("delete from kysely_migration where name = '006-service-user-names'").run();
    });

    const second = await openSqliteStore(file);
    const names = await Promise.all(bots.map(async (bot) => (await second.findServiceUser(bot.id))?.name));
    expect(names).toEqual([
      'deploy',
      `Deploy-${bots[1]?.id.slice(-6)}`,
      `Deploy-${bots[2]?.id.slice(-6)}`,
      'Deploy',
    ]);
    const again = aServiceUser(org.id, { name: 'DEPLOY' });
    expect(await second.createServiceUser(again, auditOf('serviceuser.created'))).toBe(false);
    await second.close();
  });

  it('refuses a file migrated by a newer Keyward, and a failed step leaves nothing half applied', async () => {
    await (await openSqliteStore(file)).close();
    direct((db) => db.prepare("insert into kysely_migration values ('999-future', '2030-01-01')").run());
    await expect(openSqliteStore(file)).rejects.toThrow(/newer Keyward \(999-future\)/);

    direct((db) => {
      db.prepare("delete from kysely_migration where name in ('999-future', '004-connections')").run();
      db.prepare('drop table connections').run();
      // The step's first statement (create the table) then succeeds, and its second fails: an index of
      // that name already exists.
      db.prepare('create index connections_org on users (id)').run();
    });
    await expect(openSqliteStore(file)).rejects.toThrow(/migration 004-connections failed/);
    const left = direct((db) => ({
      ledger: db.prepare('select name from kysely_migration').pluck().all(),
      table: db.prepare("select name from sqlite_master where name = 'connections'").pluck().all(),
    }));
    expect(left).toEqual({
      ledger: [
        '001-initial',
        '002-authority',
        '003-cluster',
        '005-connect-sessions',
        '006-service-user-names',
        '007-org-audit-chains',
        '008-key-events',
      ],
      table: [],
    });
  });

  it("chains each organization's entries of an earlier Keyward's log, as it chains new ones", async () => {
    const first = await openSqliteStore(file);
    await first.appendAudit([
      auditOf('a.1', { orgId: 'org_a', details: { n: 1, nested: { deep: 'é' } } }),
      auditOf('none'),
      auditOf('b.1', { orgId: 'org_b' }),
      auditOf('a.2', { orgId: 'org_a', actorId: 'usr_a' }),
    ]);
    const chained = await allAudit(first);
    await first.close();
    // As before the per-organization chains: no columns for them, and the migration not yet run.
    direct((db) => {
      db.prepare('alter table audit_log drop column org_prev_hash').run();
      db.prepare('alter table audit_log drop column org_hash').run();
      db.prepare("delete from kysely_migration where name = '007-org-audit-chains'").run();
    });

    const second = await openSqliteStore(file);
    expect(await allAudit(second)).toEqual(chained);
    await second.appendAudit([auditOf('a.3', { orgId: 'org_a' })]);
    const orgA = second.exportAudit({ ...NO_FILTER, orgIds: ['org_a'] });
    expect(await verifyChain(orgA, 'organization')).toEqual({ ok: true, count: 3 });
    expect(await verifyChain(second.exportAudit(NO_FILTER))).toEqual({ ok: true, count: 5 });
    await second.close();
  });

  it('detects an audit entry edited behind its back', async () => {
    const store = await openSqliteStore(file);
    await store.appendAudit([auditOf('one'), auditOf('two', { actorId: 'usr_a' }), auditOf('three')]);
    const seqs: number[] = [];
    for await (const entry of store.exportAudit(NO_FILTER)) seqs.push(entry.seq);
    expect(await verifyChain(store.exportAudit(NO_FILTER))).toEqual({ ok: true, count: 3 });

    direct((db) => db.prepare('update audit_log set actor_id = ? where seq = ?').run('usr_b', seqs[1]));

    expect(await verifyChain(store.exportAudit(NO_FILTER))).toEqual({
      ok: false,
      count: 2,
      brokenAt: seqs[1],
      reason: 'hash',
    });
    await store.close();
  });

  it('checkpoints the WAL on its own thread, and not on commit', async () => {
    const size = () => statSync(file).size;
    const idle = await openSqliteStore(file, { checkpointIntervalMs: 3_600_000 });
    const before = size();
    for (let i = 0; i < 200; i++) await idle.createUser(aUser(), auditOf('user.created'));
    expect(size(), 'no commit moved its pages into the database file').toBe(before);
    await idle.close();
    const closed = size();
    expect(closed, 'closing checkpoints').toBeGreaterThan(before);

    const busy = await openSqliteStore(file, { checkpointIntervalMs: 50 });
    for (let i = 0; i < 200; i++) await busy.createUser(aUser(), auditOf('user.created'));
    await vi.waitFor(() => expect(size()).toBeGreaterThan(closed), { timeout: 5_000, interval: 50 });
    await busy.close();
  });

  it('lets a process that closes it exit on its own, checkpoint worker and all', () => {
    const script = join(dir, 'open-and-close.mts');
    const source = pathToFileURL(join(import.meta.dirname, '..', '..', 'src', 'store', 'sqlite.ts')).href;
    writeFileSync(
      script,
      `import { openSqliteStore } from '${source}';\n` +
        `const store = await openSqliteStore(${JSON.stringify(file)});\n` +
        'await store.close();\n',
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status, 'exit code 13 is an await that the event loop abandoned').toBe(0);
  });
});
