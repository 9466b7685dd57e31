import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../src/store/store.js';
import { type Callers, revocationBurst, revocationTrial, type Trial } from './cluster-fanout.js';
import {
  ChannelListener,
  commandsBetween,
  createSchema,
  feedConnections,
  openBenchStore,
  REDIS_URL,
  RedisProbe,
} from './cluster-pg.js';
import { BURST, COUNTS, IDLE_TRIALS, LOADED_TRIALS, THREADS, timings } from './cluster-plan.js';
import { clusterSection, type Exactness, type Results } from './cluster-report.js';
import { type ClusterRun, measureCluster, type Servers, serversOf, startServers } from './cluster-servers.js';
import { dataDir, keyFile, prepare } from './cluster-setup.js';
import type { Context } from './context.js';
import { type Keyward, startKeyward } from './keyward.js';
import type { Section } from './report.js';
import { buildWorld } from './world.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function append<K, V>(map: Map<K, V[]>, key: K, ...values: V[]): void {
  map.set(key, [...(map.get(key) ?? []), ...values]);
}

/**
 * The cluster section: 1, 2 and 4 `keyward serve` processes on one PostgreSQL schema, each on a port of
 * its own, beside one SQLite server, all in one run: cached and first verifications, quotas counted by
 * PostgreSQL and by Redis, and how revocations reach every process.
 */
export async function cluster(ctx: Context): Promise<Section> {
  const dir = join(ctx.tmp, 'cluster');
  mkdirSync(dir, { recursive: true });
  const time = timings(ctx.durations);
  const probe = await RedisProbe.open();
  const schema = await createSchema().catch((error: unknown) => {
    probe.close();
    throw error;
  });
  let store: Store | null = null;
  let sqlite: Keyward | null = null;
  let listener: ChannelListener | null = null;
  let budgets: string[] = [];
  try {
    ctx.say(`  set-up: schema ${schema.name}; organization, verifier and quota keys through the API`);
    store = await openBenchStore(schema);
    const reader = store;
    const prepared = await prepare(dir, schema, store, {
      pin: ctx.pin.server,
      rounds: ctx.durations.rounds,
      coldRunS: time.cold(1).runS,
      say: ctx.say,
    });
    const { world, quotaPg, quotaRedis } = prepared;
    budgets = [quotaPg.id, quotaRedis.id];
    sqlite = await startKeyward(dataDir(dir, 'sqlite'), ctx.pin.server);
    const sqliteWorld = await buildWorld(sqlite.url, 'clu');
    const one = (name: string, key: string) => ['keys', keyFile(dir, name, [key])];
    const hotSqlite = one('hot-sqlite.txt', sqliteWorld.valid.apiKey);
    const hotPg = one('hot-pg.txt', world.valid.apiKey);
    const quotaPgKeys = one('quota-pg.txt', quotaPg.apiKey);
    const quotaRedisKeys = one('quota-redis.txt', quotaRedis.apiKey);
    const callers: Callers = { verifier: world.caller.apiKey, admin: world.creator.apiKey };
    const heard = await ChannelListener.open(schema);
    listener = heard;
    const storedQuota = async (budgetId: string) =>
      (await reader.readQuota(budgetId))?.remaining ?? Number.NaN;

    const results: Results = {
      sqlite: [],
      runs: new Map(),
      trials: new Map(),
      bursts: new Map(),
      listeners: new Map(),
    };
    const exactness: Exactness[] = [];
    const coldUsed = new Map<number, number>();
    const sqliteServers = serversOf([sqlite]);
    for (let round = 1; round <= ctx.durations.rounds; round++) {
      const step = (what: string) => ctx.say(`  round ${round}/${ctx.durations.rounds}: ${what}`);
      step('SQLite, 1 process: cached valid key');
      results.sqlite.push(
        await measureCluster(
          sqliteServers,
          { warm: hotSqlite, run: hotSqlite, caller: sqliteWorld.caller.apiKey },
          time.hot,
          ctx.pin.load,
        ),
      );
      for (const n of COUNTS) {
        const base = join(dir, `round-${round}-${n}`);
        const servers = await startServers(join(base, 'pg'), n, ctx.pin.server, {
          db: schema.url,
          say: ctx.say,
        });
        try {
          results.listeners.set(n, await feedConnections(servers.pids));
          step(`PostgreSQL, ${n}: cached valid key (${LOADED_TRIALS} revocations during the warm-up)`);
          const loaded: Trial[] = [];
          const hot = await measureCluster(
            servers,
            { warm: hotPg, run: hotPg, caller: callers.verifier },
            time.hot,
            ctx.pin.load,
            {
              during: async (warming) => {
                await sleep(300);
                for (const key of prepared.take(LOADED_TRIALS)) {
                  const trial = await revocationTrial(servers, callers, key, heard);
                  if (warming()) loaded.push(trial);
                  else ctx.say('    a revocation outlasted the warm-up: not counted as under load');
                }
              },
            },
          );
          append(results.runs, `hot:${n}`, hot);
          append(results.trials, `loaded:${n}`, ...loaded);

          const wait = (coldUsed.get(n) ?? 0) + 61_000 - Date.now();
          if (coldUsed.has(n) && wait > 0) {
            step(`waiting ${Math.ceil(wait / 1000)} s, so that the cold keys' lastUsedAt is a minute old`);
            await sleep(wait);
          }
          step(`PostgreSQL, ${n}: first verification of seeded keys`);
          const cold = await measureCluster(
            servers,
            {
              warm: ['share', prepared.coldWarm, String(THREADS)],
              run: ['share', prepared.coldRun.get(n) as string, String(THREADS)],
              caller: callers.verifier,
            },
            time.cold(n),
            ctx.pin.load,
          );
          coldUsed.set(n, Date.now());
          append(results.runs, `cold:${n}`, cold);

          step(`PostgreSQL, ${n}: quota counted by PostgreSQL`);
          const quota = await exact(
            servers,
            'PostgreSQL',
            n,
            exactness,
            () => storedQuota(quotaPg.id),
            () =>
              measureCluster(
                servers,
                { warm: quotaPgKeys, run: quotaPgKeys, caller: callers.verifier },
                time.quotaPg,
                ctx.pin.load,
              ),
          );
          append(results.runs, `quota-pg:${n}`, quota);

          step(`PostgreSQL, ${n}: ${IDLE_TRIALS} revocations one at a time, then ${BURST} at once`);
          for (const key of prepared.take(IDLE_TRIALS))
            append(results.trials, `idle:${n}`, await revocationTrial(servers, callers, key, heard));
          append(results.bursts, n, await revocationBurst(servers, callers, prepared.take(BURST), heard));
        } finally {
          await servers.stop();
        }

        step(`PostgreSQL and Redis, ${n}: quota counted by Redis`);
        const withRedis = await startServers(join(base, 'redis'), n, ctx.pin.server, {
          db: schema.url,
          env: { KEYWARD_REDIS_URL: REDIS_URL },
          say: ctx.say,
        });
        try {
          const remaining = async () =>
            (await probe.quotaRemaining(quotaRedis.id)) ?? storedQuota(quotaRedis.id);
          const quota = await exact(withRedis, 'Redis', n, exactness, remaining, async () => {
            let before = new Map<string, number>();
            let delta = new Map<string, number>();
            const run = await measureCluster(
              withRedis,
              { warm: quotaRedisKeys, run: quotaRedisKeys, caller: callers.verifier },
              time.quotaRedis(n),
              ctx.pin.load,
              {
                around: async (phase) => {
                  if (phase === 'before') before = await probe.commands();
                  else delta = commandsBetween(before, await probe.commands());
                },
              },
            );
            // The bench's own INFO, between the two readings.
            delta.delete('info');
            run.redisCommands = [...delta.values()].reduce((total, calls) => total + calls, 0);
            run.redisEvals = delta.get('eval') ?? 0;
            return run;
          });
          append(results.runs, `quota-redis:${n}`, quota);
        } finally {
          await withRedis.stop();
        }
      }
    }
    return clusterSection(ctx, {
      time,
      seeded: prepared.seeded,
      seedingS: prepared.seedingS,
      results,
      exactness,
    });
  } finally {
    await sqlite?.stop();
    await listener?.close().catch(() => {});
    await probe.forget(budgets).catch(() => {});
    probe.close();
    await store?.close();
    await schema
      .drop()
      .catch((error: unknown) => ctx.say(`  could not drop schema ${schema.name}: ${error}`));
  }
}

/**
 * A quota run whose count is checked: the units the budget lost, from `remaining()` before the warm-up to
 * after the run has settled, against the VALID answers the servers counted in between.
 */
async function exact(
  servers: Servers,
  counter: string,
  n: number,
  into: Exactness[],
  remaining: () => Promise<number>,
  measure: () => Promise<ClusterRun>,
): Promise<ClusterRun> {
  const before = await remaining();
  const validBefore = (await servers.counters()).verifications.VALID ?? 0;
  const run = await measure();
  // Requests wrk left in flight when it stopped are still answered, and counted.
  await sleep(300);
  const validAfter = (await servers.counters()).verifications.VALID ?? 0;
  into.push({ counter, n, spent: before - (await remaining()), valid: validAfter - validBefore });
  return run;
}
