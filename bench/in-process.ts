import { hash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bootstrapAdmin } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { createDeps, type Deps } from '../src/deps.js';
import { newId } from '../src/keys/ids.js';
import { type CachedKey, keyStatus } from '../src/keys/verify.js';
import { createLogger } from '../src/logger.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import type { Context } from './context.js';
import { ADMIN_PASSWORD } from './keyward.js';
import { int, rounds, type Section, times } from './report.js';
import { median } from './rounds.js';
import { seedKeys } from './seed.js';

const KEYS = 10_000;
const BATCH = 50_000;
const TARGET = 1_000_000;

/**
 * The route's path for one presented key, as `POST /v1/keys/verify` runs it: find, then keyStatus.
 * Like the route, it waits only when `find` hands back a promise (a store read), never for a cache hit.
 */
async function verifyBatch(deps: Deps, keys: string[], start: number): Promise<void> {
  for (let i = 0; i < BATCH; i++) {
    const now = deps.clock();
    const pending = deps.finder.find(keys[(start + i) % keys.length] as string, now);
    const found = pending instanceof Promise ? await pending : pending;
    if (typeof found === 'string' || keyStatus(found, now) !== 'VALID')
      throw new Error(`not VALID: ${found}`);
  }
}

/** The floor: a SHA-256 of the key (one-shot `crypto.hash`) and a Map lookup. */
function floorBatch(map: Map<string, CachedKey>, keys: string[], start: number): void {
  for (let i = 0; i < BATCH; i++) {
    if (map.get(hash('sha256', keys[(start + i) % keys.length] as string, 'hex')) === undefined) {
      throw new Error('floor: digest not in the map');
    }
  }
}

/** Operations per second of `batch`, run repeatedly for `seconds`. */
async function rate(seconds: number, batch: (start: number) => Promise<void> | void): Promise<number> {
  let ops = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    await batch(ops);
    ops += BATCH;
  }
  return ops / ((performance.now() - started) / 1000);
}

/** A real SQLite store with an organization, its admin, and 10,000 keys seeded as the API writes them. */
async function seededDeps(
  dir: string,
): Promise<{ deps: Deps; keys: string[]; queries(): number; close(): Promise<void> }> {
  const file = join(dir, 'keyward.db');
  const setup = await openSqliteStore(file);
  await bootstrapAdmin(setup, ADMIN_PASSWORD);
  const admin = await setup.findUserCredentials('admin');
  if (!admin) throw new Error('no admin after bootstrap');
  const at = new Date().toISOString();
  const orgId = newId('org');
  await setup.createOrganization(
    { id: orgId, name: 'Bench', keyPrefix: 'bench', createdAt: at, updatedAt: at },
    admin.id,
    {
      action: 'organization.created',
      actorId: admin.id,
      orgId,
      targetId: orgId,
      requestId: null,
      ip: null,
      outcome: 'success',
      details: null,
    },
  );
  await setup.close();
  const { keys } = await seedKeys({
    file,
    orgId,
    prefix: 'bench',
    ownerId: admin.id,
    count: KEYS,
    keep: KEYS,
  });
  let queries = 0;
  const store = await openSqliteStore(file, {
    onQuery: () => {
      queries++;
    },
  });
  const config = loadConfig({ dataDir: dir }, {});
  const deps = await createDeps(config, store, { tokenKey: Buffer.alloc(32, 1) }, createLogger('silent'));
  return { deps, keys, queries: () => queries, close: () => store.close() };
}

/** Section 1: verification in process with a warm cache, against the floor of a hash and a Map lookup. */
export async function inProcess(ctx: Context): Promise<Section> {
  const dir = join(ctx.tmp, 'in-process');
  mkdirSync(dir, { recursive: true });
  const { deps, keys, queries: storeQueries, close } = await seededDeps(dir);
  try {
    const map = new Map<string, CachedKey>();
    for (const key of keys) {
      const now = deps.clock();
      const found = await deps.finder.find(key, now);
      if (typeof found === 'string') throw new Error(`seeded key not found: ${found}`);
      map.set(hash('sha256', key, 'hex'), found);
    }
    const queriesWarm = storeQueries();
    // A loop in process settles far sooner than a server under wrk: a fifth of the HTTP run's length
    // (2 s by default), after a third of its warm-up for each of the two.
    const seconds = Math.max(1, ctx.durations.runS / 5);
    const verify = (start: number) => verifyBatch(deps, keys, start);
    const floor = (start: number) => floorBatch(map, keys, start);
    await rate(ctx.durations.warmupS / 3, verify);
    await rate(ctx.durations.warmupS / 3, floor);
    const verifyRates: number[] = [];
    const floorRates: number[] = [];
    for (let round = 1; round <= ctx.durations.rounds; round++) {
      ctx.say(`  round ${round}/${ctx.durations.rounds}: verify, floor`);
      verifyRates.push(await rate(seconds, verify));
      floorRates.push(await rate(seconds, floor));
    }
    const queries = storeQueries() - queriesWarm;
    const v = median(verifyRates);
    const f = median(floorRates);
    return {
      title: '1. Verification in process, warm cache',
      method:
        `KeyFinder.find + keyStatus over a real SQLite store holding ${int(KEYS)} seeded keys, cycling through ` +
        `all of them after one warming pass, against SHA-256 (crypto.hash) + Map.get over the same keys. ` +
        `${rounds(ctx.durations.rounds)} of ${seconds} s each; medians. ` +
        `Store queries after the warming pass: ${queries}.`,
      head: ['what', 'ops/s', 'vs floor'],
      rows: [
        ['verify (find + keyStatus)', int(v), times(v / f)],
        ['floor (SHA-256 + Map lookup)', int(f), times(1)],
      ],
      checks: [
        {
          what: 'in-process verify, warm cache',
          measured: `${int(v)}/s`,
          target: `≥ ${int(TARGET)}/s`,
          met: v >= TARGET,
        },
      ],
      failures: queries === 0 ? [] : [`in process: ${queries} store queries with a warm cache`],
      data: { keys: KEYS, verifyRates, floorRates, queries },
    };
  } finally {
    await deps.usage.stop();
    await close();
  }
}
