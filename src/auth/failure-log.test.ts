import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/store.js';
import type { AuditFilter, AuditInput } from '../store/types.js';
import { FailureLog } from './failure-log.js';

const ALL: AuditFilter = {
  orgIds: null,
  action: null,
  actorId: null,
  targetId: null,
  since: null,
  until: null,
};
const failure = (n: number): AuditInput => ({
  action: 'auth.failed',
  actorId: null,
  orgId: null,
  targetId: null,
  requestId: `req_${n}`,
  ip: '127.0.0.1',
  outcome: 'failure',
  details: { reason: 'NOT_FOUND' },
});

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'keyward-failures-'));
  store = await openSqliteStore(join(dir, 'keyward.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('FailureLog', () => {
  it('writes waiting failures in one flush, and past its bound records only their count', async () => {
    const log = new FailureLog(store, { error() {} }, 1000, 3);
    for (let i = 0; i < 5; i++) log.record(failure(i));
    expect((await store.listAudit(ALL, { limit: 50, after: null })).items).toHaveLength(0);
    await log.flush();
    const entries = (await store.listAudit(ALL, { limit: 50, after: null })).items.reverse();
    expect(entries.map((e) => e.action)).toEqual([
      'auth.failed',
      'auth.failed',
      'auth.failed',
      'auth.failed.unrecorded',
    ]);
    expect(entries[3]?.details).toEqual({ count: 2 });
    expect(log.total).toBe(5);
    await log.flush();
    expect((await store.listAudit(ALL, { limit: 50, after: null })).items).toHaveLength(4);
  });

  it('counts refusals past the throttle per address and writes one entry per address a flush', async () => {
    const log = new FailureLog(store, { error() {} }, 1000, 2);
    for (let i = 0; i < 500; i++) log.throttled('10.0.0.1');
    log.throttled('10.0.0.2');
    log.throttled('10.0.0.3');
    await log.flush();
    const entries = (await store.listAudit(ALL, { limit: 50, after: null })).items.reverse();
    expect(entries.map((e) => [e.action, e.ip, e.details])).toEqual([
      ['auth.throttled', '10.0.0.1', { count: 500 }],
      ['auth.throttled', '10.0.0.2', { count: 1 }],
      ['auth.failed.unrecorded', null, { count: 1 }],
    ]);
    expect(log.total).toBe(502);
  });
});
