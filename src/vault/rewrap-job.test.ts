import { describe, expect, it } from 'vitest';
import { open, seal } from './envelope.js';
import { addMasterKey, createKeyring, type Keyring, retire } from './keyring.js';
import { newMasterKey } from './master-key.js';
import { runRewrapJob, type SealedRow, type SealedSource, type SealedWriter } from './rewrap-job.js';
import { masterKeyIdOf, type Sealed } from './sealed-format.js';
import { VaultError } from './vault-error.js';

const ORG = 'org_0mZ3k9QeAAAAAAAAAAAAAA';
const idOf = (n: number) => `con_${String(n).padStart(4, '0')}`;
const secretOf = (id: string, version = 1) => ({
  apiKey: `token-of-${id}-v${version}`,
  hostname: 'example.test',
});

/** The store's side, in memory: paged reads in id order, and a writer that compares the whole record. */
class FakeStore {
  readonly rows = new Map<string, { orgId: string; sealed: Sealed }>();
  readonly reads: (string | null)[] = [];

  constructor(keyring: Keyring, count: number) {
    for (let n = 1; n <= count; n++) this.put(keyring, idOf(n), secretOf(idOf(n)));
  }

  put(keyring: Keyring, id: string, fields: Record<string, string>): void {
    this.rows.set(id, { orgId: ORG, sealed: seal(keyring, { orgId: ORG, connectionId: id }, fields) });
  }

  read: SealedSource = async (after, limit) => {
    this.reads.push(after);
    return [...this.rows.keys()]
      .sort()
      .filter((id) => after === null || id > after)
      .slice(0, limit)
      .map((id): SealedRow => ({ id, ...(this.rows.get(id) as { orgId: string; sealed: Sealed }) }));
  };

  write: SealedWriter = async (id, sealed, _expected, previous) => {
    const row = this.rows.get(id);
    if (row === undefined || row.sealed !== previous) return false;
    row.sealed = sealed;
    return true;
  };

  countUnder(masterKeyId: string): number {
    return [...this.rows.values()].filter((row) => masterKeyIdOf(row.sealed) === masterKeyId).length;
  }

  open(keyring: Keyring, id: string): Record<string, string> {
    const row = this.rows.get(id);
    if (row === undefined) throw new Error(`no row ${id}`);
    return open(keyring, { orgId: row.orgId, connectionId: id }, row.sealed);
  }
}

function rotatedStore(count: number) {
  const before = createKeyring([newMasterKey()]);
  const store = new FakeStore(before, count);
  return { before, after: addMasterKey(before), store };
}

describe('the rewrap job', () => {
  it('moves every record to the active key, page by page, and the old key can then be retired', async () => {
    const { before, after, store } = rotatedStore(25);
    const fieldsBefore = [...store.rows.values()].map((row) => JSON.stringify(JSON.parse(row.sealed).fields));
    expect(() => retire(after, before.active.id, store.countUnder(before.active.id))).toThrow(VaultError);
    const pages: number[] = [];
    const progress = await runRewrapJob(after, store.read, store.write, {
      pageSize: 7,
      onPage: (p) => void pages.push(p.scanned),
    });
    expect(progress).toMatchObject({
      cursor: idOf(25),
      scanned: 25,
      rewrapped: 25,
      skipped: 0,
      conflicts: 0,
      done: true,
    });
    expect(progress.failed).toEqual([]);
    expect(pages).toEqual([7, 14, 21, 25]);
    expect(store.countUnder(before.active.id)).toBe(0);
    expect([...store.rows.values()].map((row) => JSON.stringify(JSON.parse(row.sealed).fields))).toEqual(
      fieldsBefore,
    );
    const retired = retire(after, before.active.id, store.countUnder(before.active.id));
    for (let n = 1; n <= 25; n++) expect(store.open(retired, idOf(n))).toEqual(secretOf(idOf(n)));
  });

  it('skips records already under the active key, so a second run writes nothing', async () => {
    const { after, store } = rotatedStore(6);
    store.put(after, idOf(3), secretOf(idOf(3), 2));
    const first = await runRewrapJob(after, store.read, store.write, { pageSize: 4 });
    expect(first).toMatchObject({ scanned: 6, rewrapped: 5, skipped: 1, done: true });
    const second = await runRewrapJob(after, store.read, store.write, { pageSize: 4 });
    expect(second).toMatchObject({ scanned: 6, rewrapped: 0, skipped: 6, done: true });
  });

  it('loses no concurrent update: a record re-sealed under the old key meanwhile is read again and moved', async () => {
    const { before, after, store } = rotatedStore(10);
    let raced = false;
    const racing: SealedWriter = async (id, sealed, expected, previous) => {
      if (id === idOf(5) && !raced) {
        raced = true;
        store.put(before, id, secretOf(id, 2)); // a process not yet restarted still seals under the old key
      }
      return store.write(id, sealed, expected, previous);
    };
    const progress = await runRewrapJob(after, store.read, racing, { pageSize: 3 });
    expect(progress).toMatchObject({ scanned: 10, rewrapped: 10, conflicts: 1, done: true });
    expect(store.open(after, idOf(5))).toEqual(secretOf(idOf(5), 2));
    expect(store.countUnder(before.active.id)).toBe(0);
  });

  it('skips a record re-sealed under the new key or deleted meanwhile, with a writer that compares the key id', async () => {
    const { before, after, store } = rotatedStore(8);
    const byKeyId: SealedWriter = async (id, sealed, expected) => {
      if (id === idOf(2)) store.put(after, id, secretOf(id, 2));
      if (id === idOf(6)) store.rows.delete(id);
      const row = store.rows.get(id);
      if (row === undefined || masterKeyIdOf(row.sealed) !== expected) return false;
      row.sealed = sealed;
      return true;
    };
    const progress = await runRewrapJob(after, store.read, byKeyId, { pageSize: 3 });
    expect(progress).toMatchObject({ scanned: 8, rewrapped: 6, skipped: 2, conflicts: 2, done: true });
    expect(store.open(after, idOf(2))).toEqual(secretOf(idOf(2), 2));
    expect(store.rows.has(idOf(6))).toBe(false);
    expect(store.countUnder(before.active.id)).toBe(0);
  });

  it('gives up on a record that keeps changing, and says so', async () => {
    const { after, store } = rotatedStore(3);
    const refusing: SealedWriter = async (id, ...rest) => (id === idOf(2) ? false : store.write(id, ...rest));
    const progress = await runRewrapJob(after, store.read, refusing, { retries: 2 });
    expect(progress).toMatchObject({ rewrapped: 2, conflicts: 3, done: true });
    expect(progress.failed).toEqual([{ id: idOf(2), code: 'CONFLICT' }]);
  });

  it('stops on its signal and resumes from its cursor', async () => {
    const { before, after, store } = rotatedStore(20);
    const stop = new AbortController();
    const first = await runRewrapJob(after, store.read, store.write, {
      pageSize: 5,
      signal: stop.signal,
      onPage: (p) => {
        if (p.scanned >= 10) stop.abort();
      },
    });
    expect(first).toMatchObject({ cursor: idOf(10), scanned: 10, rewrapped: 10, done: false });
    expect(store.countUnder(before.active.id)).toBe(10);
    expect(() => retire(after, before.active.id, store.countUnder(before.active.id))).toThrow(
      /still wraps 10/,
    );
    store.reads.length = 0;
    const second = await runRewrapJob(after, store.read, store.write, { pageSize: 5, after: first.cursor });
    expect(store.reads[0]).toBe(idOf(10));
    expect(second).toMatchObject({ scanned: 10, rewrapped: 10, done: true });
    expect(store.countUnder(before.active.id)).toBe(0);
  });

  it('reports records it cannot open and goes on with the others', async () => {
    const { after, store } = rotatedStore(5);
    const stranger = createKeyring([newMasterKey()]);
    store.put(stranger, idOf(2), secretOf(idOf(2)));
    const moved = store.rows.get(idOf(4));
    if (moved !== undefined) store.rows.set(idOf(4), { ...moved, orgId: 'org_someoneelse' });
    const progress = await runRewrapJob(after, store.read, store.write);
    expect(progress.failed).toEqual([
      { id: idOf(2), code: 'UNKNOWN_MASTER_KEY' },
      { id: idOf(4), code: 'TAMPERED' },
    ]);
    expect(progress).toMatchObject({ scanned: 5, rewrapped: 3, done: true });
  });
});
