import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Counters, difference, readCounters } from './api.js';
import { CONNECTIONS, THREADS } from './cluster-plan.js';
import { type Keyward, startKeyward } from './keyward.js';
import type { Durations } from './rounds.js';
import { type WrkResult, type WrkRun, wrk } from './wrk.js';

/** Several `keyward serve` processes on one database, each on its own port, all pinned alike. */
export interface Servers {
  list: Keyward[];
  ports: string;
  pids: number[];
  /** Every process's counters, added up. */
  counters(): Promise<Counters>;
  stop(): Promise<void>;
}

/** Adds up the counters of several processes. */
function sum(all: Counters[]): Counters {
  const verifications: Record<string, number> = {};
  for (const one of all)
    for (const [code, n] of Object.entries(one.verifications))
      verifications[code] = (verifications[code] ?? 0) + n;
  return {
    storeQueries: all.reduce((total, one) => total + one.storeQueries, 0),
    verifications,
    cpuSeconds: all.reduce((total, one) => total + one.cpuSeconds, 0),
  };
}

/** How many times a server that exits before its banner is started again. */
const START_RETRIES = 2;

/**
 * Starts `count` servers at once, each `keyward serve --db URL --port 0` with a data directory of its own
 * under `dir`, behind the same pinning: with one server CPU they all share it. A server that exits before
 * its banner is started again, saying so: on a database that other work shares, a schema dropped while a
 * server migrates stops its start (Kysely's migrator reads every table of every schema).
 */
export async function startServers(
  dir: string,
  count: number,
  pin: string[],
  options: { db?: string; env?: Record<string, string>; say(line: string): void },
): Promise<Servers> {
  const start = async (i: number, attempt = 0): Promise<Keyward> => {
    const data = join(dir, `server-${i}-${attempt}`, 'data');
    mkdirSync(data, { recursive: true });
    try {
      return await startKeyward(data, pin, options);
    } catch (error) {
      if (attempt >= START_RETRIES) throw error;
      const why = (error instanceof Error ? error.message : String(error))
        .split('\n')[0]
        ?.replace(/^.*: keyward: /, '');
      options.say(`    a server did not start (${why}); starting it again`);
      return start(i, attempt + 1);
    }
  };
  const started = await Promise.allSettled(Array.from({ length: count }, (_, i) => start(i)));
  const list = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(list.map((server) => server.stop()));
    throw failed.reason;
  }
  return serversOf(list);
}

/** Running servers as one: their ports for cluster.lua, their counters added up. */
export function serversOf(list: Keyward[]): Servers {
  return {
    list,
    ports: list.map((server) => new URL(server.url).port).join(','),
    pids: list.map((server) => server.pid),
    counters: async () => sum(await Promise.all(list.map((server) => readCounters(server.url)))),
    stop: async () => {
      await Promise.all(list.map((server) => server.stop()));
    },
  };
}

/** A run of bench/lua/cluster.lua against `servers`: its wrk figures and what the servers' counters did. */
export interface ClusterRun {
  wrk: WrkResult;
  counters: Counters;
  /** Filled in by runs that read Redis too. */
  redisCommands?: number;
  redisEvals?: number;
}

/** What a run sends: cluster.lua's arguments for the warm-up and the run, and the verifier's key. */
export interface Load {
  warm: string[];
  run: string[];
  caller: string;
}

/** The wrk run of `args` (cluster.lua's) spread over every server, for `seconds`, as `caller`. */
function load(
  servers: Servers,
  args: string[],
  caller: string,
  seconds: number,
  pin: string[],
): Promise<WrkResult> {
  const first = servers.list[0] as Keyward;
  const run: WrkRun = {
    url: `${first.url}/v1/keys/verify`,
    seconds,
    script: 'cluster.lua',
    args,
    headers: { Authorization: `Key ${caller}` },
    threads: THREADS,
    connections: CONNECTIONS,
    env: { WRK_PORTS: servers.ports },
    pin,
  };
  return wrk(run);
}

/**
 * A warm-up with `args.warm` (while `during` runs beside it, told whether the warm-up still runs), then
 * the counters, the measured run with `args.run`, and the counters again; `around` is told before and
 * after the measured run.
 */
export async function measureCluster(
  servers: Servers,
  args: Load,
  durations: Pick<Durations, 'warmupS' | 'runS'>,
  pin: string[],
  hooks: {
    during?: (warming: () => boolean) => Promise<void>;
    around?: (phase: 'before' | 'after') => Promise<void>;
  } = {},
): Promise<ClusterRun> {
  let warming = true;
  const warm = load(servers, args.warm, args.caller, durations.warmupS, pin).finally(() => {
    warming = false;
  });
  await Promise.all([warm, hooks.during?.(() => warming)]);
  await hooks.around?.('before');
  const before = await servers.counters();
  const result = await load(servers, args.run, args.caller, durations.runS, pin);
  const after = await servers.counters();
  await hooks.around?.('after');
  return { wrk: result, counters: difference(before, after) };
}
