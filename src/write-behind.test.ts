import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { CachedKey } from './keys/verify.js';
import { openSqliteStore } from './store/sqlite.js';
import { UsageTracker } from './verify/usage.js';
import { type Flushed, WriteBehind } from './write-behind.js';

const quiet = { error: () => {} };

describe('WriteBehind lag and failures', () => {
  it('measures the lag from the oldest change not yet written, and counts failed writes', async () => {
    const outcomes: Flushed[] = ['kept', 'dropped', 'written'];
    const writer = new WriteBehind(async () => outcomes.shift() ?? 'written', 60_000);
    expect(writer.lagSeconds()).toBe(0);
    writer.changed();
    await sleep(20);
    writer.changed();
    const first = writer.lagSeconds();
    expect(first).toBeGreaterThanOrEqual(0.015);
    // A write that failed and kept its changes: the lag still runs from the first of them.
    await writer.run();
    expect(writer.failures).toBe(1);
    expect(writer.lagSeconds()).toBeGreaterThanOrEqual(first);
    // One that failed and lost them: nothing waits any more.
    await writer.run();
    expect(writer.failures).toBe(2);
    expect(writer.lagSeconds()).toBe(0);
    writer.changed();
    await writer.run();
    expect(writer.failures).toBe(2);
    expect(writer.lagSeconds()).toBe(0);
  });

  it("counts the usage tracker's waiting changes, and a store that refuses them as a failure", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyward-write-behind-'));
    const store = await openSqliteStore(join(dir, 'keyward.db'));
    try {
      const usage = new UsageTracker(store, quiet, 60_000);
      const key = { key: { id: 'key_00000000000000000000ab' }, lastUsedMs: 0 } as CachedKey;
      usage.touch(key, Date.now());
      expect(usage.writer.pending()).toBe(1);
      await sleep(5);
      expect(usage.writer.lagSeconds()).toBeGreaterThan(0);
      await store.close();
      await usage.flush();
      expect(usage.writer.failures).toBe(1);
      // Kept for the next run: still waiting, and the lag still counts from the first use.
      expect(usage.writer.pending()).toBe(1);
      expect(usage.writer.lagSeconds()).toBeGreaterThan(0.004);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the latest use of a key, whichever order its uses were recorded in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyward-write-behind-'));
    const store = await openSqliteStore(join(dir, 'keyward.db'));
    try {
      const stored: string[] = [];
      const usage = new UsageTracker(store, quiet, 60_000, (_id, at) => stored.push(at));
      const key = { key: { id: 'key_00000000000000000000ab' }, lastUsedMs: 0 } as CachedKey;
      // A verification that waited on the store records its earlier time after a later one did.
      const later = Date.parse('2026-12-06T10:00:02.000Z');
      usage.touch(key, later);
      usage.touch(key, later - 1500);
      await usage.flush();
      expect(stored).toEqual([new Date(later).toISOString()]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
