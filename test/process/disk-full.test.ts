import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSqlite } from '../../src/store/sqlite-driver.js';
import { rememberSecret, rememberSecretsIn } from '../support/secrets.js';
import { cleanupServe, startServe } from '../support/server.js';

// PRODUCT.md §11 when the disk fills up: the data directory lives on a small tmpfs, which the test
// fills. Mounting needs root (as in CI, where the test is required); elsewhere it is skipped with a line.

const env = { KEYWARD_ADMIN_PASSWORD: 'disk-full-admin-password' };
rememberSecret(env.KEYWARD_ADMIN_PASSWORD);
// Outside the directories cleanupServe removes: it is unmounted first.
const mountPoint = mkdtempSync(join(tmpdir(), 'keyward-small-disk-'));

function mountSmallDisk(): boolean {
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint], {
    encoding: 'utf8',
  });
  if (mounted.status === 0) return true;
  if (process.env.CI === 'true')
    throw new Error(`CI requires a tmpfs for the disk-full test: ${mounted.stderr}`);
  console.warn(
    `skipped: the disk-full test, because mounting a tmpfs failed (it needs root): ${mounted.stderr}`,
  );
  return false;
}

const mounted = mountSmallDisk();
afterAll(async () => {
  await cleanupServe();
  if (mounted) execFileSync('umount', ['-l', mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

/** Writes zeros until the file system refuses: answers the filler's path. */
function fill(dir: string): string {
  const filler = join(dir, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return filler;
}

describe.runIf(mounted)('a full disk (PRODUCT.md §11)', () => {
  it('refuses writes with 507, keeps reads and verification working, corrupts nothing, and recovers by itself', async () => {
    const dataDir = join(mountPoint, 'data');
    const server = await startServe(dataDir, { env });
    const admin = { bearer: await server.signIn('admin', env.KEYWARD_ADMIN_PASSWORD) };
    const org = await server.request('POST', '/v1/organizations', {
      auth: admin,
      body: { name: 'Full', keyPrefix: 'full' },
    });
    const create = (name: string) =>
      server.request('POST', `/v1/organizations/${org.body.id}/apikeys`, {
        auth: admin,
        body: { name, role: 'member' },
      });
    const before = await create('before');
    expect(before.status).toBe(201);
    rememberSecretsIn(before.body);

    const filler = fill(mountPoint);
    // Until SQLite's pages run out, writes may still fit in what the files hold: write until refused.
    const acknowledged: string[] = [];
    let refused: Awaited<ReturnType<typeof create>> | null = null;
    for (let i = 0; i < 500 && refused === null; i++) {
      const made = await create(`while-full-${i}`);
      rememberSecretsIn(made.body);
      if (made.status === 201) acknowledged.push(made.body.id);
      else refused = made;
    }
    expect(refused?.status).toBe(507);
    expect(refused?.body.error).toMatchObject({
      code: 'INSUFFICIENT_STORAGE',
      message: "The server's storage is full, so nothing was written; reads and verification still work",
    });
    expect(refused?.headers['retry-after']).toBe('60');

    // Reads and verification keep working.
    const read = await server.request('GET', `/v1/apikeys/${before.body.id}`, { auth: admin });
    expect(read.status).toBe(200);
    const verified = await server.request('POST', '/v1/keys/verify', {
      auth: admin,
      body: { key: before.body.apiKey },
    });
    expect(verified.body.code).toBe('VALID');
    expect((await server.request('GET', `/v1/organizations/${org.body.id}`, { auth: admin })).status).toBe(
      200,
    );

    // Space returns: writes work again, with no restart.
    rmSync(filler);
    const after = await create('after');
    expect(after.status).toBe(201);
    rememberSecretsIn(after.body);
    expect(await server.stop()).toEqual({ code: 0, signal: null });

    // Nothing is corrupted, and every acknowledged write is there.
    const db = new (loadSqlite())(join(dataDir, 'keyward.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const ids = new Set(
      (db.prepare('select id from api_keys').all() as { id: string }[]).map((row) => row.id),
    );
    db.close();
    for (const id of [before.body.id, ...acknowledged, after.body.id]) expect(ids.has(id), id).toBe(true);
    const restarted = await startServe(dataDir, { env });
    const again = await restarted.request('POST', '/v1/keys/verify', {
      auth: { bearer: await restarted.signIn('admin', env.KEYWARD_ADMIN_PASSWORD) },
      body: { key: after.body.apiKey },
    });
    expect(again.body.code).toBe('VALID');
    expect(await restarted.stop()).toEqual({ code: 0, signal: null });
  }, 120_000);
});
