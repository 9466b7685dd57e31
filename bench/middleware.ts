import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Counters, call, difference, readCounters } from './api.js';
import type { Context } from './context.js';
import { startBaseline } from './http.js';
import { type Keyward, startKeyward } from './keyward.js';
import { type Measured, p99, pairedRatio, reqPerSecond, type Summary, summarize } from './measure.js';
import type { Started } from './process.js';
import { type Check, int, ms, ratioCheck, rounds, type Section, times } from './report.js';
import { type Durations, median, warmThenMeasure } from './rounds.js';
import { buildWorld } from './world.js';
import type { WrkRun } from './wrk.js';

/** The modes of bench/baselines/middleware-app.mjs, in the order odd rounds run them. */
const MODES = ['open', 'guarded', 'per-request'] as const;
type Mode = (typeof MODES)[number];

const NAMES: Record<Mode, string> = {
  open: 'GET /documents, unprotected',
  guarded: 'protected by the middleware, warm cache',
  'per-request': 'verify over HTTP on every request',
};

/** More verifications than this per request means the protected route's cache was not warm. */
const WARM_VERIFICATIONS_PER_REQUEST = 0.001;

/** A measured run of one app, with the app's own CPU time during it. */
interface AppMeasured extends Measured {
  appCpuSeconds: number;
}

/**
 * "Middleware in the user's own API": the same Fastify route of a user's service unprotected, protected
 * by `@keyward/client/fastify` with a warm cache, and calling Keyward's verify over HTTP on every request.
 * Keyward runs beside the apps on the server CPU, wrk alone on the load CPU; Keyward's /metrics, read
 * around each run, shows how many verifications each mode really asked for.
 */
export async function middleware(ctx: Context): Promise<Section> {
  const dir = join(ctx.tmp, 'middleware');
  mkdirSync(dir, { recursive: true });
  const keyward = await startKeyward(join(dir, 'data'), ctx.pin.server);
  const apps = new Map<Mode, Started>();
  try {
    const world = await buildWorld(keyward.url, 'docs');
    const client = await call(keyward.url, 'POST', `/v1/organizations/${world.orgId}/apikeys`, {
      auth: { key: world.creator.apiKey },
      body: { name: 'documents client', role: 'member', scopes: ['documents:read'] },
    });
    const authorization = `Key ${client.apiKey}`;
    for (const mode of MODES) {
      const app = await startBaseline(ctx, 'middleware-app.mjs', {
        BENCH_MODE: mode,
        KEYWARD_URL: keyward.url,
        KEYWARD_KEY: world.caller.apiKey,
      });
      apps.set(mode, app);
      // One request each before any load: it checks the app, and fills the guarded app's cache.
      const answer = await fetch(`${app.address}/documents`, { headers: { authorization } });
      if (answer.status !== 200)
        throw new Error(`${mode} app answered ${answer.status}: ${await answer.text()}`);
    }
    const results: Record<Mode, AppMeasured[]> = { open: [], guarded: [], 'per-request': [] };
    for (let round = 1; round <= ctx.durations.rounds; round++) {
      // The two compared runs take turns first, so that a drift of the shared host falls on both alike.
      const order: Mode[] = round % 2 === 1 ? [...MODES] : ['guarded', 'open', 'per-request'];
      ctx.say(`  round ${round}/${ctx.durations.rounds}: ${order.join(', ')}`);
      for (const mode of order) {
        const app = apps.get(mode) as Started;
        const run = {
          url: `${app.address}/documents`,
          script: 'report.lua',
          headers: { Authorization: authorization },
          pin: ctx.pin.load,
        };
        results[mode].push(await measureApp(app, keyward, run, ctx.durations));
      }
    }
    const failures: string[] = [];
    const summary = {
      open: summarize(NAMES.open, results.open, failures),
      guarded: summarize(NAMES.guarded, results.guarded, failures),
      // Every request must have been verified, and found VALID.
      perRequest: summarize(NAMES['per-request'], results['per-request'], failures, ['VALID']),
    };
    results.guarded.forEach((run, i) => {
      const asked = verificationsPerRequest(run);
      if (asked > WARM_VERIFICATIONS_PER_REQUEST)
        failures.push(`${NAMES.guarded}, round ${i + 1}: ${asked.toFixed(4)} verifications per request`);
    });
    const row = (s: Summary) => {
      const own = s.runs as AppMeasured[];
      return [
        s.name,
        int(s.rps),
        ms(median(own.map((run) => run.wrk.p50Ms))),
        ms(s.p99Ms),
        s === summary.open
          ? ''
          : `${times(pairedRatio(s, summary.open, reqPerSecond))} req/s, ${times(pairedRatio(s, summary.open, p99))} p99`,
        `${median(own.map((run) => (run.appCpuSeconds * 1e6) / run.wrk.requests)).toFixed(1)} µs`,
        `${s.cpuUs.toFixed(1)} µs`,
        median(own.map(verificationsPerRequest)).toFixed(4),
      ];
    };
    const guardedRatio = pairedRatio(summary.guarded, summary.open, reqPerSecond);
    const perRequestRatio = pairedRatio(summary.perRequest, summary.open, reqPerSecond);
    const info: Check = {
      what: 'verify over HTTP per request / unprotected route, req/s',
      measured: times(perRequestRatio),
      target: 'none: for comparison',
      met: null,
    };
    return {
      title: "Middleware in the user's own API",
      method:
        "A Fastify 5 app of the user's, `GET /documents` answering a small JSON (bench/baselines/middleware-app.mjs), " +
        'started three times: unprotected; behind `@keyward/client/fastify` ' +
        "(`preHandler: auth.requirePermissions('documents:read')`), its cache warmed by one request before the " +
        "load; and with a handler that calls Keyward's `POST /v1/keys/verify` with `fetch` (keep-alive) on " +
        'every request. wrk sends every request with the same client key (`Authorization: Key`, scope ' +
        '`documents:read`). The three apps and `keyward serve` (SQLite) are pinned to CPU 1, wrk alone to ' +
        'CPU 0 (`wrk -t1 -c50`), on loopback: Keyward sits on the server CPU because in the per-request ' +
        "case its verification is part of each request's cost on the server side, and with a warm cache it is " +
        'idle but for its event stream; on the load CPU it would slow wrk instead. ' +
        `${rounds(ctx.durations.rounds)} of a ${ctx.durations.warmupS} s warm-up and a ` +
        `${ctx.durations.runS} s run, each round the three apps in turn, unprotected before protected in odd rounds ` +
        "and after it in even ones; ratios are the medians of the rounds' own. " +
        "App CPU per request from the app's /proc/PID/stat, Keyward's CPU and verifications per request from " +
        "Keyward's /metrics, each read around the measured run.",
      head: [
        'target',
        'req/s',
        'p50',
        'p99',
        'against the unprotected route',
        'app CPU / req',
        'Keyward CPU / req',
        'verifications / req',
      ],
      rows: [row(summary.open), row(summary.guarded), row(summary.perRequest)],
      checks: [
        ratioCheck(
          'middleware with a warm cache / unprotected route, req/s (issue 20)',
          guardedRatio,
          '≥',
          0.8,
        ),
        info,
      ],
      failures,
      data: summary,
    };
  } finally {
    for (const app of apps.values()) await app.stop();
    await keyward.stop();
  }
}

/** Warm-up, then Keyward's counters and the app's CPU time, the measured run, both again. */
async function measureApp(
  app: Started,
  keyward: Keyward,
  run: Omit<WrkRun, 'seconds'>,
  durations: Durations,
): Promise<AppMeasured> {
  let before: { counters: Counters; cpu: number } | undefined;
  const result = await warmThenMeasure(run, durations, async () => {
    before = { counters: await readCounters(keyward.url), cpu: cpuSeconds(app.pid) };
  });
  const cpu = cpuSeconds(app.pid);
  const after = await readCounters(keyward.url);
  const start = before as { counters: Counters; cpu: number };
  return { wrk: result, counters: difference(start.counters, after), appCpuSeconds: cpu - start.cpu };
}

function verificationsPerRequest(run: Measured): number {
  const total = Object.values(run.counters?.verifications ?? {}).reduce((sum, n) => sum + n, 0);
  return total / run.wrk.requests;
}

let ticksPerSecond: number | undefined;

/** A process's CPU time so far, user and system, from /proc/PID/stat (fields 14 and 15, in clock ticks). */
function cpuSeconds(pid: number): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name, field 2, may hold spaces: count the fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}
