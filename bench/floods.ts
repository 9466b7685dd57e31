import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from './context.js';
import { startKeyward } from './keyward.js';
import {
  cpuPerRequest,
  type Measured,
  measureKeyward,
  pairedRatio,
  reqPerSecond,
  type Summary,
  summarize,
} from './measure.js';
import { type Check, int, ms, perRequest, ratioCheck, type Section, times } from './report.js';
import { interleave, type Target } from './rounds.js';
import { buildWorld } from './world.js';

/** More than this many store queries per request means a query per request, not background writes. */
const BACKGROUND = 0.01;

/** Bad keys made up front per second of a run: none comes round again below this many req/s. */
const KEYS_PER_SECOND = 100_000;

/** Section 5: verify floods of bad keys against a valid key, with the store queries each costs. */
export async function floods(ctx: Context): Promise<Section> {
  const dir = join(ctx.tmp, 'floods');
  mkdirSync(dir, { recursive: true });
  const keyward = await startKeyward(join(dir, 'data'), ctx.pin.server);
  try {
    const world = await buildWorld(keyward.url, 'flood');
    const keysFile = join(dir, 'valid.txt');
    writeFileSync(keysFile, `${world.valid.apiKey}\n`);
    const made = ctx.durations.runS * KEYS_PER_SECOND;
    const kinds: { name: string; args: string[]; codes: string[] }[] = [
      {
        name: 'garbage: random printable strings',
        args: ['garbage', '-', String(made)],
        codes: ['MALFORMED', 'NOT_FOUND'],
      },
      {
        name: 'malformed: bad checksum or alphabet',
        args: ['malformed', world.prefix, String(made)],
        codes: ['MALFORMED'],
      },
      {
        name: 'unknown: well-formed, valid checksum',
        args: ['unknown', world.prefix, String(made)],
        codes: ['NOT_FOUND'],
      },
      { name: 'valid key', args: ['keys', keysFile], codes: ['VALID'] },
    ];
    const targets: Target<Measured>[] = kinds.map((kind) => ({
      name: kind.name,
      round: () =>
        measureKeyward(
          keyward.url,
          {
            url: `${keyward.url}/v1/keys/verify`,
            script: 'verify.lua',
            args: kind.args,
            headers: { Authorization: `Key ${world.caller.apiKey}` },
            pin: ctx.pin.load,
          },
          ctx.durations,
        ),
    }));
    const results = await interleave(targets, ctx.durations.rounds, ctx.say);
    const failures: string[] = [];
    const summaries = kinds.map((kind) =>
      summarize(kind.name, results.get(kind.name) ?? [], failures, kind.codes),
    );
    // A run of more requests than keys sent some keys twice: a negative cache could have answered those.
    for (const kind of kinds.filter((k) => k.args[0] !== 'keys')) {
      (results.get(kind.name) ?? []).forEach((run, i) => {
        if (run.wrk.requests > made)
          failures.push(
            `${kind.name}, round ${i + 1}: ${int(run.wrk.requests)} requests for ${int(made)} keys made ` +
              'up front, so some were sent twice',
          );
      });
    }
    const valid = summaries[summaries.length - 1] as Summary;
    const bad = summaries.slice(0, -1);
    // What a request costs is the server's CPU for it. Req/s says the same only while the server is the
    // bottleneck: wrk hands out requests built before the run for every kind alike, so it should be.
    const checks: Check[] = bad.flatMap((s) => [
      {
        ...ratioCheck(
          `flood of ${s.name.split(':')[0]} keys / valid key, server CPU per request`,
          pairedRatio(s, valid, cpuPerRequest),
          '≤',
          1,
        ),
        target: '≤ 1× (no more costly)',
      },
      {
        what: `flood of ${s.name.split(':')[0]} keys / valid key, req/s`,
        measured: times(pairedRatio(s, valid, reqPerSecond)),
        target: '≥ 1×',
        met: null,
      },
      {
        what: `flood of ${s.name.split(':')[0]} keys, store queries / request`,
        measured: perRequest(s.queries),
        target: '0 per request',
        met: s.queries < BACKGROUND,
      },
    ]);
    return {
      title: '5. Floods of bad keys against a valid key',
      method:
        'POST /v1/keys/verify with a verifier key, pinned and interleaved as in section 2, and each ratio the ' +
        "median of the rounds' own. Bad keys are made by bench/lua/verify.lua before each run, in wrk's " +
        'init(), which runs before wrk connects and starts its ' +
        `clock: ${int(KEYS_PER_SECOND)} per second of the run, from a seed read from /dev/urandom for each run, ` +
        'warm-ups included. During the run wrk hands out requests built up front, as it does for the valid key. ' +
        'Unknown keys carry the organization prefix and a valid CRC32 checksum and are never repeated, so no ' +
        'negative cache can answer them; a run of more requests than keys fails. Every run is checked against ' +
        "`keyward_verifications_total`: all its answers have the flood's code. Store queries per request count " +
        `every statement during the measured run, including the write-behind of lastUsedAt (a few a second); ` +
        `below ${BACKGROUND} per request means no query per request. Server CPU per request is the process's ` +
        'own CPU time (keyward_process_cpu_seconds_total, all threads) over the measured run, over requests.',
      head: [
        'verify body',
        'req/s',
        'p99',
        'vs valid key',
        'server CPU / req',
        'store queries / req',
        'store queries in the run',
      ],
      rows: summaries.map((s) => [
        s.name,
        int(s.rps),
        ms(s.p99Ms),
        times(pairedRatio(s, valid, reqPerSecond)),
        `${s.cpuUs.toFixed(1)} µs`,
        perRequest(s.queries),
        s.runs.map((run) => int(run.counters?.storeQueries ?? Number.NaN)).join(', '),
      ]),
      checks,
      failures,
      data: { summaries },
    };
  } finally {
    await keyward.stop();
  }
}
