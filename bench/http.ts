import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from './context.js';
import { startKeyward } from './keyward.js';
import {
  measureKeyward,
  measurePlain,
  p99,
  pairedRatio,
  reqPerSecond,
  type Summary,
  summarize,
} from './measure.js';
import { type Started, startProcess } from './process.js';
import { int, ms, perRequest, ratioCheck, rounds, type Section, times } from './report.js';
import { interleave } from './rounds.js';
import { buildWorld, type World } from './world.js';
import type { WrkRun } from './wrk.js';

/** The targets of section 2, as the code names their summaries. */
type Target =
  | 'get'
  | 'post'
  | 'betterAuthVerify'
  | 'minimalVerify'
  | 'minimalGet'
  | 'leastVerify'
  | 'leastGet'
  | 'verify'
  | 'withKey'
  | 'withHeader';

/** One target: its wrk run, whether it is Keyward (which has /metrics), and the verify codes it expects. */
interface Spec {
  /** The target's name in the code: what the summaries are found by. */
  key: Target;
  name: string;
  run: Omit<WrkRun, 'seconds' | 'pin'>;
  keyward: boolean;
  codes?: string[];
}

/**
 * Starts a server of bench/baselines, pinned like Keyward. They are plain JavaScript run by plain
 * `node`: under tsx's loader the bare GET took 5% more CPU per request, which would lower the floor.
 */
export function startBaseline(ctx: Context, file: string, env: NodeJS.ProcessEnv = {}): Promise<Started> {
  return startProcess([...ctx.pin.server, process.execPath, join(import.meta.dirname, 'baselines', file)], {
    banner: /listening on (http:\/\/\S+)/,
    env: { ...process.env, ...env },
  });
}

/** Section 2: Keyward's hot routes over HTTP against bare Fastify routes, interleaved. */
export async function http(ctx: Context): Promise<Section> {
  const dir = join(ctx.tmp, 'http');
  mkdirSync(dir, { recursive: true });
  const bareGet = await startBaseline(ctx, 'bare-get.mjs');
  const barePost = await startBaseline(ctx, 'bare-post.mjs');
  const betterAuthDir = join(dir, 'better-auth');
  mkdirSync(betterAuthDir);
  const betterAuth = await startBaseline(ctx, 'better-auth.mjs', { BENCH_DIR: betterAuthDir });
  const keyward = await startKeyward(join(dir, 'data'), ctx.pin.server);
  let minimal: Started | null = null;
  let least: Started | null = null;
  try {
    const world = await buildWorld(keyward.url, 'bench');
    const keys = { callerKey: world.caller.apiKey, callerId: world.caller.id, validKey: world.valid.apiKey };
    minimal = await startBaseline(ctx, 'minimal-routes.mjs', {
      BENCH_KEYS: JSON.stringify({ ...keys, validId: world.valid.id }),
    });
    least = await startBaseline(ctx, 'least-work.mjs', {
      BENCH_FLOOR: JSON.stringify(await leastWorkFloor(keyward.url, world)),
    });
    const keysFile = join(dir, 'valid.txt');
    writeFileSync(keysFile, `${world.valid.apiKey}\n`);
    // The bare POST and verify send the very same bytes: {"key":"<the valid key>"}.
    const body = ['keys', keysFile];
    const byKey = { Authorization: `Key ${world.caller.apiKey}` };
    const ownKey = `${keyward.url}/v1/apikeys/${world.caller.id}`;
    // Each of Keyward's targets runs right after its floor, so that the two runs of a round that are
    // compared are measured back to back.
    const specs: Spec[] = [
      {
        key: 'post',
        name: 'bare Fastify POST, JSON body',
        run: { url: `${barePost.address}/`, script: 'verify.lua', args: body },
        keyward: false,
      },
      {
        key: 'verify',
        name: 'POST /v1/keys/verify, valid key',
        run: { url: `${keyward.url}/v1/keys/verify`, script: 'verify.lua', args: body, headers: byKey },
        keyward: true,
        codes: ['VALID'],
      },
      {
        key: 'leastVerify',
        name: "least work on node:http: verify, Keyward's answer",
        run: { url: `${least.address}/v1/keys/verify`, script: 'verify.lua', args: body, headers: byKey },
        keyward: false,
      },
      {
        key: 'minimalVerify',
        name: 'minimal verify route (§10): schemas, 2 × SHA-256, 2 × Map',
        run: { url: `${minimal.address}/v1/keys/verify`, script: 'verify.lua', args: body, headers: byKey },
        keyward: false,
      },
      {
        key: 'betterAuthVerify',
        name: "better-auth's API-key plugin, verify on Fastify",
        // The key better-auth made, in the same body: {"key":"<its key>"}.
        run: {
          url: `${betterAuth.address}/`,
          script: 'verify.lua',
          args: ['keys', join(betterAuthDir, 'key.txt')],
        },
        keyward: false,
      },
      {
        key: 'get',
        name: 'bare Fastify GET "hello"',
        run: { url: `${bareGet.address}/`, script: 'report.lua' },
        keyward: false,
      },
      {
        key: 'withKey',
        name: 'GET /v1/apikeys/{id}, Authorization: Key',
        run: { url: ownKey, script: 'report.lua', headers: byKey },
        keyward: true,
      },
      {
        key: 'withHeader',
        name: 'GET /v1/apikeys/{id}, x-api-key',
        run: { url: ownKey, script: 'report.lua', headers: { 'x-api-key': world.caller.apiKey } },
        keyward: true,
      },
      {
        key: 'leastGet',
        name: "least work on node:http: GET, Keyward's answer",
        run: { url: `${least.address}/v1/apikeys/${world.caller.id}`, script: 'report.lua', headers: byKey },
        keyward: false,
      },
      {
        key: 'minimalGet',
        name: 'minimal authenticated GET: SHA-256, Map',
        run: {
          url: `${minimal.address}/v1/apikeys/${world.caller.id}`,
          script: 'report.lua',
          headers: byKey,
        },
        keyward: false,
      },
    ];
    const results = await interleave(
      specs.map((spec) => ({
        name: spec.name,
        round: () => {
          const run = { ...spec.run, pin: ctx.pin.load };
          return spec.keyward
            ? measureKeyward(keyward.url, run, ctx.durations)
            : measurePlain(run, ctx.durations);
        },
      })),
      ctx.durations.rounds,
      ctx.say,
    );
    const failures: string[] = [];
    const summary = Object.fromEntries(
      specs.map((spec) => [
        spec.key,
        summarize(spec.name, results.get(spec.name) ?? [], failures, spec.codes),
      ]),
    ) as Record<Target, Summary>;
    const {
      get,
      post,
      betterAuthVerify,
      minimalVerify,
      minimalGet,
      leastVerify,
      leastGet,
      verify,
      withKey,
      withHeader,
    } = summary;
    const row = (s: Summary, floor: Summary | null) => [
      s.name,
      int(s.rps),
      ms(s.p99Ms),
      floor
        ? `${times(pairedRatio(s, floor, reqPerSecond))} req/s, ${times(pairedRatio(s, floor, p99))} p99`
        : '',
      Number.isNaN(s.cpuUs) ? '—' : `${s.cpuUs.toFixed(1)} µs`,
      perRequest(s.queries),
    ];
    return {
      title: '2. Over HTTP: Keyward against bare Fastify',
      method:
        'Each server pinned to CPU 1 and wrk to CPU 0 (`wrk -t1 -c50`), on loopback. ' +
        `${rounds(ctx.durations.rounds)} of a ${ctx.durations.warmupS} s warm-up and a ${ctx.durations.runS} s ` +
        'run; medians. Each Keyward target runs right after its floor, and a ratio is the median of the ' +
        "rounds' own ratios, so that a machine busier in one round than in another moves both sides of " +
        'it alike. The bare POST gets the same bytes as the verify request. ' +
        "The minimal routes (bench/baselines/minimal-routes.mjs) are §10's minimal verify route and its GET " +
        "counterpart: Fastify schemas, SHA-256 digests and Map lookups over the bench's own keys, answering " +
        "Keyward's fields without its headers, request ids, logging or checks. " +
        'The least-work routes (bench/baselines/least-work.mjs) do only what the two routes cannot skip, on ' +
        "bare node:http: the caller's key digested and looked up, the JSON body parsed and the presented " +
        'key digested and looked up, then the head and body Keyward itself answered (taken from one real ' +
        'answer of each route) written with a fresh request id. ' +
        'better-auth (bench/baselines/better-auth.mjs) is its API-key plugin on a SQLite file with the ' +
        "journal settings of Keyward's store (WAL, synchronous NORMAL), made and filled through " +
        "better-auth's own API, its per-key rate limit off, behind a Fastify POST route that " +
        "calls `auth.api.verifyApiKey` with the body's key and answers 401 to a key it finds not valid, " +
        'so that a refusal fails the run. ' +
        "Verify is called by a service user's member key (`Authorization: Key`) about another member key of " +
        "the organization; the GET routes read the caller's own key. Store queries per request: " +
        '`keyward_store_queries_total` read before and after each measured run.',
      head: ['target', 'req/s', 'p99', 'against its bare floor', 'server CPU / req', 'store queries / req'],
      rows: [
        row(get, null),
        row(post, null),
        row(betterAuthVerify, post),
        row(minimalVerify, post),
        row(minimalGet, get),
        row(leastVerify, post),
        row(leastGet, get),
        row(verify, post),
        row(withKey, get),
        row(withHeader, get),
      ],
      checks: [
        ratioCheck('verify / bare POST, req/s', pairedRatio(verify, post, reqPerSecond), '≥', 0.95),
        ratioCheck('verify / bare POST, p99', pairedRatio(verify, post, p99), '≤', 1.25),
        ratioCheck(
          `verify / better-auth (${int(verify.rps)} / ${int(betterAuthVerify.rps)} req/s)`,
          pairedRatio(verify, betterAuthVerify, reqPerSecond),
          '≥',
          20,
        ),
        ratioCheck(
          'GET with Authorization: Key / bare GET',
          pairedRatio(withKey, get, reqPerSecond),
          '≥',
          0.75,
        ),
        {
          ...ratioCheck(
            'GET with x-api-key / bare GET',
            pairedRatio(withHeader, get, reqPerSecond),
            '≥',
            0.75,
          ),
          met: null,
        },
        // What the floors leave to Keyward itself: §10's minimal routes, measured in the same run.
        {
          ...ratioCheck(
            'minimal verify route / bare POST',
            pairedRatio(minimalVerify, post, reqPerSecond),
            '≥',
            0.95,
          ),
          met: null,
        },
        {
          ...ratioCheck(
            'minimal authenticated GET / bare GET',
            pairedRatio(minimalGet, get, reqPerSecond),
            '≥',
            0.75,
          ),
          met: null,
        },
        // The least the routes' work can cost in Node, with Keyward's own answers: what no server of
        // this work can beat on this machine, and how near Keyward comes to it.
        {
          ...ratioCheck(
            'least-work verify / bare POST',
            pairedRatio(leastVerify, post, reqPerSecond),
            '≥',
            0.95,
          ),
          met: null,
        },
        {
          ...ratioCheck(
            'verify / least-work verify',
            pairedRatio(verify, leastVerify, reqPerSecond),
            '≥',
            0.95,
          ),
          met: null,
        },
        {
          ...ratioCheck('least-work GET / bare GET', pairedRatio(leastGet, get, reqPerSecond), '≥', 0.75),
          met: null,
        },
        {
          ...ratioCheck(
            'GET with Authorization: Key / least-work GET',
            pairedRatio(withKey, leastGet, reqPerSecond),
            '≥',
            0.95,
          ),
          met: null,
        },
      ],
      failures,
      data: summary,
    };
  } finally {
    await keyward.stop();
    await minimal?.stop();
    await least?.stop();
    await bareGet.stop();
    await barePost.stop();
    await betterAuth.stop();
  }
}

/** One real answer of a hot route: its head, less what Node adds to every answer, and its body. */
export interface Answer {
  headers: [string, string][];
  body: string;
}

/** What bench/baselines/least-work.mjs reads from BENCH_FLOOR. */
export interface LeastWorkFloor {
  callerKey: string;
  callerId: string;
  validKey: string;
  validId: string;
  read: Answer;
  verify: Answer;
}

/**
 * What the least-work baseline needs: the bench's keys and one real answer of each hot route, its
 * head (less what Node adds to every answer) and body, so that it writes the very bytes Keyward does.
 */
export async function leastWorkFloor(url: string, world: World): Promise<LeastWorkFloor> {
  const answer = async (path: string, init: RequestInit): Promise<Answer> => {
    const response = await fetch(`${url}${path}`, init);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    const headers = [...response.headers].filter(([name]) => !NODE_HEADERS.has(name));
    return { headers, body: await response.text() };
  };
  const auth = { authorization: `Key ${world.caller.apiKey}` };
  return {
    callerKey: world.caller.apiKey,
    callerId: world.caller.id,
    validKey: world.valid.apiKey,
    validId: world.valid.id,
    read: await answer(`/v1/apikeys/${world.caller.id}`, { headers: auth }),
    verify: await answer('/v1/keys/verify', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ key: world.valid.apiKey }),
    }),
  };
}

/** Headers Node's HTTP server adds to every answer by itself. */
const NODE_HEADERS = new Set(['date', 'connection', 'keep-alive']);
