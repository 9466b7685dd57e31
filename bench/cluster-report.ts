import { availableParallelism } from 'node:os';
import type { Burst, Trial } from './cluster-fanout.js';
import {
  BURST,
  COLD_KEYS_PER_SECOND,
  COLD_WARM_KEYS,
  CONNECTIONS,
  COUNTS,
  IDLE_TRIALS,
  LOADED_TRIALS,
  QUOTA,
  THREADS,
  type timings,
} from './cluster-plan.js';
import type { ClusterRun } from './cluster-servers.js';
import type { Context } from './context.js';
import { type Check, int, ms, perRequest, rounds, type Section, times } from './report.js';
import { median, runErrors } from './rounds.js';

/** Everything the cluster section measured, by target and number of servers. */
export interface Results {
  sqlite: ClusterRun[];
  /** By `${target}:${n}`: hot, cold, quota-pg, quota-redis. */
  runs: Map<string, ClusterRun[]>;
  /** By `idle:${n}` and `loaded:${n}`. */
  trials: Map<string, Trial[]>;
  bursts: Map<number, Burst[]>;
  /** LISTEN connections the servers held, by n. */
  listeners: Map<number, number>;
}

/** A quota run's count: units the budget lost against VALID answers in the same time. */
export interface Exactness {
  counter: string;
  n: number;
  spent: number;
  valid: number;
}

interface Input {
  time: ReturnType<typeof timings>;
  seeded: number;
  seedingS: number;
  results: Results;
  exactness: Exactness[];
}

const TARGETS = [
  ['hot', 'cached valid key, no limits'],
  ['cold', 'first verification of a seeded key (cache miss)'],
  ['quota-pg', 'key with a quota, counted by PostgreSQL'],
  ['quota-redis', 'key with a quota, counted by Redis'],
] as const;

const perRun = (runs: ClusterRun[], figure: (run: ClusterRun) => number) => median(runs.map(figure));
const rps = (run: ClusterRun) => run.wrk.rps;
const cpuUs = (run: ClusterRun) => (run.counters.cpuSeconds * 1e6) / run.wrk.requests;
const queries = (run: ClusterRun) => run.counters.storeQueries / run.wrk.requests;
const redisPer = (run: ClusterRun) =>
  run.redisCommands === undefined ? Number.NaN : run.redisCommands / run.wrk.requests;
const evalsPer = (run: ClusterRun) =>
  run.redisEvals === undefined ? Number.NaN : run.redisEvals / run.wrk.requests;

/** Why a run's figures cannot stand: errors, or verifications that did not all answer VALID. */
function runFailure(run: ClusterRun, keysForRun: number | null): string | null {
  const errors = runErrors(run.wrk);
  if (errors) return errors;
  const codes = run.counters.verifications;
  if (Object.keys(codes).some((code) => code !== 'VALID')) return `verify answered ${JSON.stringify(codes)}`;
  if ((codes.VALID ?? 0) < run.wrk.requests)
    return `only ${codes.VALID ?? 0} VALID for ${run.wrk.requests} requests`;
  if (keysForRun !== null && run.wrk.requests > keysForRun)
    return `${int(run.wrk.requests)} requests for ${int(keysForRun)} seeded keys: some were sent twice`;
  return null;
}

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const medianOr = (values: number[]) => (values.length ? median(values) : Number.NaN);

/** The section's tables, checks and failures. */
export function clusterSection(ctx: Context, input: Input): Section {
  const { results, time } = input;
  const failures: string[] = [];
  const coldKeys = COLD_KEYS_PER_SECOND * time.cold(1).runS;
  results.sqlite.forEach((run, i) => {
    const why = runFailure(run, null);
    if (why) failures.push(`SQLite, round ${i + 1}: ${why}`);
  });
  const rows: string[][] = [];
  const sqliteRps = perRun(results.sqlite, rps);
  rows.push([
    'cached valid key, no limits: SQLite',
    '1',
    int(sqliteRps),
    ms(perRun(results.sqlite, (run) => run.wrk.p99Ms)),
    times(1),
    `${fixed(perRun(results.sqlite, cpuUs), 1)} µs`,
    perRequest(perRun(results.sqlite, queries)),
    '—',
  ]);
  for (const [target, name] of TARGETS) {
    for (const n of COUNTS) {
      const runs = results.runs.get(`${target}:${n}`) ?? [];
      runs.forEach((run, i) => {
        const why = runFailure(run, target === 'cold' ? coldKeys : null);
        if (why) failures.push(`${name}, ${n} processes, round ${i + 1}: ${why}`);
      });
      const ratio = median(runs.map((run, i) => rps(run) / rps(results.sqlite[i] as ClusterRun)));
      const redis = target === 'quota-redis';
      rows.push([
        `${name}: PostgreSQL`,
        String(n),
        int(perRun(runs, rps)),
        ms(perRun(runs, (run) => run.wrk.p99Ms)),
        times(ratio),
        `${fixed(perRun(runs, cpuUs), 1)} µs`,
        perRequest(perRun(runs, queries)),
        redis ? `${fixed(perRun(runs, redisPer), 2)} (${fixed(perRun(runs, evalsPer), 2)} EVAL)` : '—',
      ]);
    }
  }
  for (const [n, listeners] of results.listeners)
    if (listeners !== n) failures.push(`${n} processes held ${listeners} LISTEN connections, not ${n}`);
  for (const e of input.exactness)
    if (e.spent !== e.valid)
      failures.push(
        `quota counted by ${e.counter}, ${e.n} processes: ${e.spent} units spent for ${e.valid} VALID answers`,
      );

  const fanoutRows = COUNTS.map((n) => {
    const idle = results.trials.get(`idle:${n}`) ?? [];
    const loaded = results.trials.get(`loaded:${n}`) ?? [];
    const bursts = results.bursts.get(n) ?? [];
    const slowest = (trials: Trial[]) =>
      `${fixed(medianOr(trials.map((t) => t.slowestMs)), 1)} / ${fixed(Math.max(...trials.map((t) => t.slowestMs)), 1)} ms`;
    for (const burst of bursts)
      if (burst.stillValid > 0)
        failures.push(
          `${n} processes: ${burst.stillValid} answers VALID a second after a burst of revocations`,
        );
    const notifications = idle.map((t) => t.notifications);
    return [
      String(n),
      String(results.listeners.get(n) ?? '—'),
      slowest(idle),
      loaded.length ? slowest(loaded) : '—',
      `${fixed(medianOr(idle.map((t) => t.deleteMs)), 1)} ms`,
      `${fixed(medianOr(idle.map((t) => t.heardMs)), 1)} ms`,
      `${fixed(medianOr(notifications), 0)} (${fixed(medianOr(idle.map((t) => t.bytes / t.notifications)), 0)} B)`,
      `${fixed(medianOr(bursts.map((b) => b.committedMs)), 0)} / ${fixed(medianOr(bursts.map((b) => b.lastHeardMs)), 0)} ms`,
      fixed(medianOr(bursts.map((b) => b.notifications / b.keys)), 2),
      fixed(medianOr(bursts.map((b) => b.originQueriesPerRevocation)), 1),
      fixed(medianOr(bursts.map((b) => b.otherQueries)), 0),
    ];
  });
  const allTrials = [...results.trials.values()].flat();
  const worst = allTrials.length ? Math.max(...allTrials.map((t) => t.slowestMs)) : Number.NaN;
  const hotFour = perRun(results.runs.get(`hot:${COUNTS[COUNTS.length - 1]}`) ?? [], queries);
  const checks: Check[] = [
    {
      what: 'revocation on every process with PostgreSQL, slowest trial (cluster)',
      measured: ms(worst),
      target: '≤ 1,000 ms',
      met: worst <= 1000,
    },
    {
      what: `cached valid key, ${COUNTS[COUNTS.length - 1]} processes on PostgreSQL, store queries / request`,
      measured: perRequest(hotFour),
      target: '0 per request',
      met: hotFour < 0.01,
    },
    {
      what: 'quota across processes: units spent = VALID answers (PostgreSQL and Redis)',
      measured: `${input.exactness.filter((e) => e.spent === e.valid).length} of ${input.exactness.length} runs`,
      target: 'exact',
      met: input.exactness.every((e) => e.spent === e.valid),
    },
  ];
  const cpus = availableParallelism();
  return {
    title: '6. Several processes on PostgreSQL',
    method:
      `${cpus} CPUs. 1, 2 and 4 \`keyward serve --db postgres://…\` processes on one PostgreSQL schema, each on ` +
      'a port of its own so that its /metrics and its answers can be read one by one (`--workers N` shares one ' +
      'port, where a scrape reaches whichever worker the primary picks). Every server is pinned to CPU 1, so ' +
      'all of them share it, and wrk to CPU 0; PostgreSQL and Redis are not pinned and take time on both. The ' +
      'figures therefore show what each extra process costs on one CPU, not how capacity grows with processes. ' +
      `wrk runs ${THREADS} threads and ${CONNECTIONS} connections in every run of this section, the SQLite one ` +
      'included; thread i talks to server i mod N (bench/lua/cluster.lua), so every server gets the same share ' +
      `of connections. ${rounds(ctx.durations.rounds)}: the SQLite server (started once) runs first, then for ` +
      'each N a fresh set of processes, empty caches: the cached key, the cold keys, the quota counted by ' +
      'PostgreSQL and the revocations; then a fresh set with KEYWARD_REDIS_URL for the quota counted by Redis. ' +
      `Cached key: a ${time.hot.warmupS} s warm-up and a ${time.hot.runS} s run. Cold keys: each request ` +
      `presents a seeded key no process has cached, after a warm-up of ${time.cold(1).warmupS} s per process ` +
      `(on ${int(COLD_WARM_KEYS)} keys the warm-ups share) and a ${time.cold(1).runS} s run on keys of that N's ` +
      `own, ${int(COLD_KEYS_PER_SECOND)} per second, each sent once (a run that sends more requests than it has ` +
      "keys fails), a minute or more after that N's previous round used them, so that every first " +
      'verification also writes lastUsedAt. Quota counted by PostgreSQL: ' +
      `${time.quotaPg.warmupS} s and ${time.quotaPg.runS} s, after the cold run; by Redis: ` +
      `${time.quotaRedis(1).warmupS} s warm-up plus 1 s per process, and a ${time.quotaRedis(1).runS} s run. ` +
      'Requests that wait on the store or Redis go through Fastify, whose path each process compiles for ' +
      'itself, hence the warm-ups that grow with N. The organization, the verifier and two keys with a quota ' +
      `of ${int(QUOTA)} (one per counter) are made through the API; ${int(input.seeded)} member keys are ` +
      `seeded through Keyward's store opened on the schema (${fixed(input.seedingS, 1)} s). Store queries, ` +
      "CPU and verification codes are every process's /metrics added up, read before and after the measured " +
      'run; every answer must be VALID. "vs SQLite" is the median of the rounds\' own ratios, as in section 2. ' +
      'Redis commands are `INFO commandstats` before and after, the commands ' +
      'inside the script included (this Redis is shared with anything else on the machine). A quota run must ' +
      "spend exactly one unit per VALID answer: the store's count (or Redis's) before its warm-up and after " +
      'its run, against the VALID answers the servers counted in between.',
    head: [
      'target',
      'processes',
      'req/s',
      'p99',
      'vs SQLite, req/s',
      'server CPU / req',
      'store queries / req',
      'Redis commands / req',
    ],
    rows,
    more: [
      {
        intro:
          `Revocations. For each N, ${LOADED_TRIALS} revocations during the cached-key warm-up (under load; one ` +
          `that outlasts the warm-up is not counted), then ${IDLE_TRIALS} with no load: a seeded key is verified ` +
          'on every process (so each has it cached), ' +
          'revoked by `DELETE /v1/apikeys/{id}` on the first, and verify is polled back to back on every process ' +
          "until each answers REVOKED; the time is from the DELETE sent to the slowest process's REVOKED, median / " +
          "worst of all rounds. The bench holds a LISTEN of its own on the servers' channel and counts what it " +
          `hears. Then ${BURST} keys, each cached on every process, are revoked at once (${BURST} concurrent DELETEs ` +
          'on the first process); every other process must answer REVOKED for every one of them a second after ' +
          'the last commit. Besides the servers, the bench holds two LISTEN connections on the channel (its own, ' +
          "and its store's).",
        head: [
          'processes',
          'LISTEN connections',
          'revoked everywhere, idle (median / worst)',
          'under load (median / worst)',
          'DELETE answered',
          'NOTIFY heard',
          'NOTIFYs per revocation (payload)',
          `${BURST} at once: committed / last NOTIFY heard`,
          'NOTIFYs per revocation in the burst',
          'statements per revocation, origin',
          'statements on the other processes during the burst',
        ],
        rows: fanoutRows,
      },
    ],
    checks,
    failures,
    data: {
      time: {
        hot: time.hot,
        cold: COUNTS.map(time.cold),
        quotaPg: time.quotaPg,
        quotaRedis: COUNTS.map(time.quotaRedis),
      },
      seeded: input.seeded,
      seedingS: input.seedingS,
      sqlite: results.sqlite,
      runs: Object.fromEntries(results.runs),
      trials: Object.fromEntries(results.trials),
      bursts: Object.fromEntries(results.bursts),
      listeners: Object.fromEntries(results.listeners),
      exactness: input.exactness,
    },
  };
}
