import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from './context.js';
import { startKeyward } from './keyward.js';
import { type Measured, measureKeyward, summarize } from './measure.js';
import { int, ms, perRequest, type Section } from './report.js';
import { interleave, median } from './rounds.js';
import { buildWorld } from './world.js';

const TARGET = 2000;

/** Section 4: keys created per second through POST /v1/organizations/{orgId}/apikeys. */
export async function creation(ctx: Context): Promise<Section> {
  const dir = join(ctx.tmp, 'creation');
  mkdirSync(dir, { recursive: true });
  const keyward = await startKeyward(join(dir, 'data'), ctx.pin.server);
  try {
    const world = await buildWorld(keyward.url, 'create');
    const name = 'POST /v1/organizations/{orgId}/apikeys';
    const results = await interleave<Measured>(
      [
        {
          name,
          round: () =>
            measureKeyward(
              keyward.url,
              {
                url: `${keyward.url}/v1/organizations/${world.orgId}/apikeys`,
                script: 'create.lua',
                headers: { Authorization: `Key ${world.creator.apiKey}` },
                pin: ctx.pin.load,
              },
              ctx.durations,
            ),
        },
      ],
      ctx.durations.rounds,
      ctx.say,
    );
    const failures: string[] = [];
    const runs = results.get(name) ?? [];
    const summary = summarize(name, runs, failures);
    const perSecond = median(runs.map((run) => (run.wrk.created ?? 0) / run.wrk.seconds));
    return {
      title: '4. Key creation through the API',
      method:
        '`{"name":"bench","role":"member"}` by an organization admin\'s key (`Authorization: Key`), on the ' +
        'embedded SQLite (WAL, synchronous=NORMAL), pinned as in section 2. Only 201 answers count. Each key is ' +
        'written with its audit entry; creations that arrive together share one transaction, and each is ' +
        'answered after it commits.',
      head: ['route', 'keys/s (201s)', 'p99', 'store queries / key'],
      rows: [[name, int(perSecond), ms(summary.p99Ms), perRequest(summary.queries)]],
      checks: [
        {
          what: 'keys created per second on SQLite',
          measured: `${int(perSecond)}/s`,
          target: `≥ ${int(TARGET)}/s`,
          met: perSecond >= TARGET,
        },
      ],
      failures,
      data: { perSecond, summary },
    };
  } finally {
    await keyward.stop();
  }
}
