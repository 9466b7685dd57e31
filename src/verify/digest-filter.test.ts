import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aKey, seedKey, seedWorld } from '../../test/store/suite/fixtures.js';
import { generateKey } from '../keys/format.js';
import { digestKey } from '../keys/hash.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import { DigestFilter } from './digest-filter.js';

const quiet = { error() {} };

describe('DigestFilter', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyward-filter-'));
    store = await openSqliteStore(join(dir, 'keyward.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function seed(count: number): Promise<string[]> {
    const { org, member } = await seedWorld(store);
    const hashes = [];
    for (let i = 0; i < count; i++) hashes.push((await seedKey(store, aKey(org.id, member.id))).hash);
    return hashes;
  }

  const unknown = (count: number) => Array.from({ length: count }, () => digestKey(generateKey('kw')));

  it('lets everything through once suspended, until a reload has read the store again', async () => {
    const hashes = await seed(3);
    const filter = new DigestFilter(store, quiet);
    await filter.load();
    const stranger = unknown(200);
    expect(stranger.some((hash) => !filter.mightContain(hash))).toBe(true);
    // A load that was running when the filter was suspended does not make it ready again.
    const running = filter.load();
    filter.suspend();
    await running;
    expect(filter.ready).toBe(false);
    expect(stranger.every((hash) => filter.mightContain(hash))).toBe(true);
    const { org, member } = await seedWorld(store);
    const madeMeanwhile = (await seedKey(store, aKey(org.id, member.id))).hash;
    await filter.reload();
    expect(filter.ready).toBe(true);
    expect([...hashes, madeMeanwhile].every((hash) => filter.mightContain(hash))).toBe(true);
  });

  it('lets everything through until it has loaded', async () => {
    const filter = new DigestFilter(store, quiet);
    expect(filter.ready).toBe(false);
    expect(unknown(100).every((hash) => filter.mightContain(hash))).toBe(true);
  });

  it('passes every stored digest, revoked or not, and turns away nearly all others', async () => {
    const stored = await seed(300);
    const filter = new DigestFilter(store, quiet);
    await filter.load();
    expect(filter.ready).toBe(true);
    expect(stored.every((hash) => filter.mightContain(hash))).toBe(true);
    const passed = unknown(20_000).filter((hash) => filter.mightContain(hash)).length;
    expect(passed).toBeLessThan(20);
  });

  it('reads a digest the same in either case of hex', async () => {
    const filter = new DigestFilter(store, quiet);
    await filter.load();
    const added = unknown(200);
    for (const hash of added) filter.add(hash.toUpperCase());
    expect(added.every((hash) => filter.mightContain(hash))).toBe(true);
  });

  it('passes a digest added after the load, and one added while a load was reading', async () => {
    const filter = new DigestFilter(store, quiet);
    const [during] = unknown(1);
    const loading = filter.load();
    filter.add(during as string);
    await loading;
    const [after] = unknown(1);
    filter.add(after as string);
    expect(filter.mightContain(during as string)).toBe(true);
    expect(filter.mightContain(after as string)).toBe(true);
  });

  it('rebuilds itself larger from the store when more keys arrive than it was sized for', async () => {
    const stored = await seed(5);
    const filter = new DigestFilter(store, quiet, 8);
    await filter.load();
    const { org, member } = await seedWorld(store);
    for (let i = 0; i < 40; i++) {
      const key = await seedKey(store, aKey(org.id, member.id));
      filter.add(key.hash);
      stored.push(key.hash);
    }
    await filter.load();
    expect(stored.every((hash) => filter.mightContain(hash))).toBe(true);
    const passed = unknown(5_000).filter((hash) => filter.mightContain(hash)).length;
    expect(passed).toBeLessThan(25);
  });
});
