import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlite } from '../../src/store/sqlite-driver.js';
import { worldForFile } from './support/world.js';

/**
 * `keyward audit verify --server`: the server walks its chain in the store (`GET /v1/audit/verify`),
 * and the command says whether it holds, or which entry is at fault after a row is edited in the file.
 */
const world = worldForFile();

beforeAll(async () => {
  for (let i = 0; i < 3; i++)
    await world.api('POST', `/v1/organizations/${world.org.id}/apikeys`, { name: `k${i}`, role: 'member' });
});

/** The count and last hash the export gives for the same chain. */
async function exportEnd(filters: string[] = []) {
  const text = await world.admin.ok(['audit', 'export', ...filters]);
  return JSON.parse(text.trim().split('\n').at(-1) ?? '') as { count: number; lastHash: string };
}

describe('keyward audit verify --server', () => {
  it("says the whole log's chain holds, with the count and last hash an export gives", async () => {
    const run = await world.admin.run(['audit', 'verify', '--server']);
    const end = await exportEnd();
    expect(run).toMatchObject({
      code: 0,
      stdout:
        `The audit chain holds in the store: ${end.count} entries, each linked to the one before it. ` +
        `The last hash is ${end.lastHash}.\n`,
    });
  });

  it("walks one organization's chain with --org, and takes no other filter", async () => {
    const run = await world.admin.run(['audit', 'verify', '--server', '--org', 'acme']);
    const end = await exportEnd(['--org', 'acme']);
    expect(run.stdout).toBe(
      `The organization's audit chain holds in the store: ${end.count} entries, each linked to the one ` +
        `before it. The last hash is ${end.lastHash}.\n`,
    );
    expect(await world.admin.run(['audit', 'verify', '--server', '--since', '1h'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--server takes --org alone'),
    });
  });

  it('names the entry an edit in the database broke', async () => {
    const entries = (await world.api('GET', `/v1/audit?orgId=${world.org.id}&limit=100`)).items;
    const victim = entries[1];
    const db = new (loadSqlite())(join(world.server.dataDir, 'keyward.db'));
    try {
      db.prepare('update audit_log set outcome = ? where seq = ?').run('failure', victim.seq);
    } finally {
      db.close();
    }
    expect(await world.admin.run(['audit', 'verify', '--server', '--org', 'acme'])).toMatchObject({
      code: 1,
      stderr:
        `keyward: the organization's audit chain in the store is broken at entry ${victim.seq} ` +
        `(${victim.id}, ${victim.at}): its hash does not match its content\n`,
    });
  });
});
