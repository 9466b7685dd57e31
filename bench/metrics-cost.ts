import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from './context.js';
import { startBaseline } from './http.js';
import { type Keyward, startKeyward } from './keyward.js';
import {
  cpuPerRequest,
  type Measured,
  measureKeyward,
  measurePlain,
  p99,
  pairedRatio,
  reqPerSecond,
  type Summary,
  summarize,
} from './measure.js';
import { int, ms, type Section, times } from './report.js';
import type { Durations } from './rounds.js';
import { buildWorld } from './world.js';
import type { WrkRun } from './wrk.js';

/** Rounds of this section for each round of the others: a difference of a few percent needs many pairs. */
const PAIRS_PER_ROUND = 2;

/**
 * "Request metrics on the hot path": `POST /v1/keys/verify` answered from memory by two Keyward
 * servers that differ in one setting, `KEYWARD_BENCH_HOT_PATH_TIMINGS=off` (no clock read, no request
 * count or histogram bucket per answer), against the bare Fastify POST in the same rounds. The two take turns first
 * (on, off, then off, on in the next round), so that a drift of the shared host falls on both alike; a
 * ratio is the median of the rounds' own.
 */
export async function metricsCost(ctx: Context): Promise<Section> {
  const dir = join(ctx.tmp, 'metrics');
  mkdirSync(dir, { recursive: true });
  const barePost = await startBaseline(ctx, 'bare-post.mjs');
  const servers: { on: Keyward | null; off: Keyward | null } = { on: null, off: null };
  try {
    servers.on = await startKeyward(join(dir, 'on'), ctx.pin.server);
    servers.off = await startKeyward(join(dir, 'off'), ctx.pin.server, {
      env: { KEYWARD_BENCH_HOT_PATH_TIMINGS: 'off' },
    });
    const run = async (keyward: Keyward, name: string) => {
      const world = await buildWorld(keyward.url, name);
      const keys = join(dir, `${name}.txt`);
      writeFileSync(keys, `${world.valid.apiKey}\n`);
      return {
        url: `${keyward.url}/v1/keys/verify`,
        script: 'verify.lua',
        args: ['keys', keys],
        headers: { Authorization: `Key ${world.caller.apiKey}` },
        pin: ctx.pin.load,
      } satisfies Omit<WrkRun, 'seconds'>;
    };
    const on = await run(servers.on, 'mon');
    const off = await run(servers.off, 'moff');
    // The bare POST gets the same bytes as the timed server's verify.
    const post = { url: `${barePost.address}/`, script: 'verify.lua', args: on.args, pin: ctx.pin.load };
    const durations: Durations = { ...ctx.durations, rounds: ctx.durations.rounds * PAIRS_PER_ROUND };
    const results = { post: [] as Measured[], on: [] as Measured[], off: [] as Measured[] };
    for (let round = 1; round <= durations.rounds; round++) {
      const order = round % 2 === 1 ? (['on', 'off'] as const) : (['off', 'on'] as const);
      ctx.say(`  round ${round}/${durations.rounds}: bare POST, then ${order.join(', ')}`);
      results.post.push(await measurePlain(post, durations));
      for (const side of order) {
        const url = (servers[side] as Keyward).url;
        results[side].push(await measureKeyward(url, side === 'on' ? on : off, durations));
      }
    }
    const failures: string[] = [];
    const summary = {
      post: summarize('bare Fastify POST, JSON body', results.post, failures),
      on: summarize('verify, request metrics on (as shipped)', results.on, failures, ['VALID']),
      off: summarize('verify, hot-path timing off', results.off, failures, ['VALID']),
    };
    const cpu = (s: Summary) => (Number.isNaN(s.cpuUs) ? '—' : `${s.cpuUs.toFixed(1)} µs`);
    const row = (s: Summary) => [
      s.name,
      int(s.rps),
      ms(s.p99Ms),
      s === summary.post ? '' : times(pairedRatio(s, summary.post, reqPerSecond)),
      cpu(s),
    ];
    return {
      title: 'Request metrics on the hot path',
      method:
        '`POST /v1/keys/verify` with a valid key, answered from memory by the hot path, on two Keyward ' +
        'servers that differ in one bench-only setting: `KEYWARD_BENCH_HOT_PATH_TIMINGS=off` leaves out ' +
        "the clock reads and the `observe()` of each answer's series (its `keyward_http_requests_total` " +
        'count and its `keyward_http_request_duration_seconds` histogram). `keyward_hot_path_requests_total`, ' +
        'the verifications and the key lookups are counted on both. Pinned as in section 2; ' +
        `${durations.rounds} rounds of a ${durations.warmupS} s warm-up and a ${durations.runS} s run, ` +
        'each round the bare POST then both servers, on before off in odd rounds and off before on in even ' +
        "ones; ratios are the medians of the rounds' own. Server CPU per request from each server's " +
        '`keyward_process_cpu_seconds_total`.',
      head: ['target', 'req/s', 'p99', 'vs bare POST, req/s', 'server CPU / req'],
      rows: [row(summary.post), row(summary.on), row(summary.off)],
      more: [
        {
          intro: 'On against off, the median of the rounds’ own ratios:',
          head: ['figure', 'on / off'],
          rows: [
            ['req/s', times(pairedRatio(summary.on, summary.off, reqPerSecond))],
            ['p99', times(pairedRatio(summary.on, summary.off, p99))],
            ['server CPU / request', times(pairedRatio(summary.on, summary.off, cpuPerRequest))],
          ],
        },
      ],
      checks: [],
      failures,
      data: summary,
    };
  } finally {
    await servers.on?.stop();
    await servers.off?.stop();
    await barePost.stop();
  }
}
