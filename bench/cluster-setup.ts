import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Store } from '../src/store/store.js';
import { call } from './api.js';
import { type Schema, seedThroughStore } from './cluster-pg.js';
import {
  BURST,
  COLD_KEYS_PER_SECOND,
  COLD_WARM_KEYS,
  COUNTS,
  IDLE_TRIALS,
  LOADED_TRIALS,
  QUOTA,
} from './cluster-plan.js';
import { startKeyward } from './keyward.js';
import { buildWorld, type IssuedKey, type World } from './world.js';

/** A data directory's path under `dir`, its parent made: startKeyward writes the log beside it. */
export function dataDir(dir: string, name: string): string {
  mkdirSync(join(dir, name), { recursive: true });
  return join(dir, name, 'data');
}

/** What the section's servers on PostgreSQL are asked about, made before any of them runs. */
export interface Prepared {
  world: World;
  /** Keys with a quota of QUOTA, one per counter, so that neither count ever meets the other's. */
  quotaPg: IssuedKey;
  quotaRedis: IssuedKey;
  /** cluster.lua's key files for the cold runs: the warm-ups' shared file, and each count's own. */
  coldWarm: string;
  coldRun: Map<number, string>;
  /** Keys seeded for revocations, handed out once each. */
  take(n: number): IssuedKey[];
  seeded: number;
  seedingS: number;
}

/** Writes `keys` one per line into `dir/name`, for cluster.lua; its path. */
export function keyFile(dir: string, name: string, keys: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${keys.join('\n')}\n`);
  return path;
}

/**
 * Makes the organization, the verifier and the two quota keys through the API of one server that runs for
 * this alone, then seeds the keys for the cold runs and the revocations through the store.
 */
export async function prepare(
  dir: string,
  schema: Schema,
  store: Store,
  options: { pin: string[]; rounds: number; coldRunS: number; say(line: string): void },
): Promise<Prepared> {
  const setup = await startKeyward(dataDir(dir, 'setup'), options.pin, { db: schema.url });
  let world: World;
  let quotaPg: IssuedKey;
  let quotaRedis: IssuedKey;
  try {
    world = await buildWorld(setup.url, 'clu');
    const limited = async (name: string): Promise<IssuedKey> => {
      const made = await call(setup.url, 'POST', `/v1/organizations/${world.orgId}/apikeys`, {
        auth: { key: world.creator.apiKey },
        body: { name, role: 'member', quota: { remaining: QUOTA } },
      });
      return { id: made.id, apiKey: made.apiKey };
    };
    quotaPg = await limited('quota counted by PostgreSQL');
    quotaRedis = await limited('quota counted by Redis');
  } finally {
    await setup.stop();
  }
  // Fresh processes find every key uncached. Each count of servers has run keys of its own, used again
  // by that count only, in a later round: a minute later, so that each first verification writes
  // lastUsedAt again, as a key's very first does (bench/cluster.ts waits when a round is quicker).
  const runKeys = COLD_KEYS_PER_SECOND * options.coldRunS;
  const cold = COLD_WARM_KEYS + COUNTS.length * runKeys;
  const count = cold + options.rounds * COUNTS.length * (LOADED_TRIALS + IDLE_TRIALS + BURST);
  options.say(`  seeding ${count.toLocaleString('en-US')} keys through the store`);
  const started = performance.now();
  const seeded = await seedThroughStore(
    store,
    { orgId: world.orgId, ownerId: world.adminId, prefix: world.prefix },
    count,
  );
  const seedingS = (performance.now() - started) / 1000;
  options.say(`  seeded in ${seedingS.toFixed(1)} s`);
  const secrets = (from: number, to: number) => seeded.slice(from, to).map((k) => k.apiKey);
  const coldRun = new Map<number, string>();
  COUNTS.forEach((n, i) => {
    const from = COLD_WARM_KEYS + i * runKeys;
    coldRun.set(n, keyFile(dir, `cold-${n}.txt`, secrets(from, from + runKeys)));
  });
  let next = cold;
  return {
    world,
    quotaPg,
    quotaRedis,
    coldWarm: keyFile(dir, 'cold-warm.txt', secrets(0, COLD_WARM_KEYS)),
    coldRun,
    take(n) {
      if (next + n > seeded.length) throw new Error('more revocations than seeded keys');
      next += n;
      return seeded.slice(next - n, next);
    },
    seeded: count,
    seedingS,
  };
}
