import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { call } from './api.js';
import type { Context } from './context.js';
import { startKeyward } from './keyward.js';
import { type Measured, measureKeyward, pairedRatio, reqPerSecond, summarize } from './measure.js';
import { type Check, int, ms, perRequest, ratioCheck, type Section } from './report.js';
import { interleave, median } from './rounds.js';
import { seedKeys } from './seed.js';
import { buildWorld, type World } from './world.js';

export const SIZES = [1_000, 1_000_000];
/**
 * Distinct keys the load cycles through, the same for both stores, so that the store's size is the only
 * thing that differs between them. (With 10,000 keys against the large store and 1,000 against the small
 * one, the comparison also measured ten times the cached entries in the CPU's caches.)
 */
const DISTINCT = 1_000;
const STARTUP_MS = 2000;
const RSS_MB = 300;

interface Store {
  size: number;
  dataDir: string;
  keysFile: string;
  world: World;
  seedMs: number;
}

interface Round extends Measured {
  startup: { bannerMs: number; readyMs: number };
  rssMb: number;
}

/** A data directory the server created and set up, then `size` keys stored through the store's bulk path. */
async function prepare(ctx: Context, size: number): Promise<Store> {
  const dir = join(ctx.tmp, `scale-${size}`);
  const dataDir = join(dir, 'data');
  mkdirSync(dir, { recursive: true });
  const first = await startKeyward(dataDir, ctx.pin.server);
  let world: World;
  try {
    world = await buildWorld(first.url, 'scale');
  } finally {
    await first.stop();
  }
  ctx.say(`  seeding ${int(size)} keys`);
  const seeded = await seedKeys({
    file: join(dataDir, 'keyward.db'),
    orgId: world.orgId,
    prefix: world.prefix,
    ownerId: world.adminId,
    count: size,
    keep: Math.min(size, DISTINCT),
  });
  const keysFile = join(dir, 'keys.txt');
  writeFileSync(keysFile, `${seeded.keys.join('\n')}\n`);
  ctx.say(`  seeded ${int(size)} keys in ${(seeded.ms / 1000).toFixed(1)} s`);
  return { size, dataDir, keysFile, world, seedMs: seeded.ms };
}

/**
 * Verifies every key of the load once, 50 at a time, so that the measured run finds them all cached
 * however slow the warm-up is: the run measures the cache, not the first lookups.
 */
async function primeCache(url: string, store: Store): Promise<void> {
  const keys = readFileSync(store.keysFile, 'utf8').split('\n').filter(Boolean);
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++] as string;
      const answer = await call(url, 'POST', '/v1/keys/verify', {
        auth: { key: store.world.caller.apiKey },
        body: { key },
        expect: 200,
      });
      if (answer.code !== 'VALID') throw new Error(`a seeded key verifies as ${answer.code}`);
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
}

/** One round on one store: start the server, fill its cache, load it, read its peak memory, stop it. */
async function round(ctx: Context, store: Store): Promise<Round> {
  const keyward = await startKeyward(store.dataDir, ctx.pin.server);
  try {
    await primeCache(keyward.url, store);
    const measured = await measureKeyward(
      keyward.url,
      {
        url: `${keyward.url}/v1/keys/verify`,
        script: 'verify.lua',
        args: ['keys', store.keysFile],
        headers: { Authorization: `Key ${store.world.caller.apiKey}` },
        pin: ctx.pin.load,
      },
      ctx.durations,
    );
    return { ...measured, startup: keyward.startup, rssMb: keyward.peakRssMb() };
  } finally {
    await keyward.stop();
  }
}

/** Section 3: verification, start-up and memory with 1,000 keys against 1,000,000. */
export async function scale(ctx: Context): Promise<Section> {
  const stores: Store[] = [];
  for (const size of SIZES) stores.push(await prepare(ctx, size));
  const results = await interleave(
    stores.map((store) => ({ name: `${int(store.size)} keys`, round: () => round(ctx, store) })),
    ctx.durations.rounds,
    ctx.say,
  );
  const failures: string[] = [];
  const figures = stores.map((store) => {
    const runs = results.get(`${int(store.size)} keys`) ?? [];
    return {
      store,
      summary: summarize(`${int(store.size)} keys`, runs, failures, ['VALID']),
      bannerMs: median(runs.map((run) => run.startup.bannerMs)),
      readyMs: median(runs.map((run) => run.startup.readyMs)),
      startupMaxMs: Math.max(...runs.map((run) => run.startup.readyMs)),
      rssMb: Math.max(...runs.map((run) => run.rssMb)),
    };
  });
  const small = figures[0];
  const large = figures[figures.length - 1];
  const checks: Check[] = [];
  if (small && large && small !== large) {
    checks.push(
      ratioCheck(
        `verify throughput, ${int(large.store.size)} keys / ${int(small.store.size)} keys`,
        pairedRatio(large.summary, small.summary, reqPerSecond),
        '≥',
        0.9,
      ),
    );
  }
  for (const f of figures) {
    checks.push({
      what: `start-up to /readyz with ${int(f.store.size)} keys (slowest round)`,
      measured: ms(f.startupMaxMs),
      target: `< ${int(STARTUP_MS)} ms`,
      met: f.startupMaxMs < STARTUP_MS,
    });
    checks.push({
      what: `peak RSS after load with ${int(f.store.size)} keys (largest round)`,
      measured: `${f.rssMb.toFixed(0)} MB`,
      target: `< ${RSS_MB} MB`,
      met: f.rssMb < RSS_MB,
    });
  }
  return {
    title: '3. Scale: 1,000 keys against 1,000,000',
    method:
      'Each data directory is created by `keyward serve` and set up through the API; then the keys are stored ' +
      "through the store's bulk path, Store.createKeys (each row with its audit entry, 10,000 keys a transaction). Each round " +
      `starts the server afresh, times it to its banner and to the first 200 from /readyz, verifies each of ` +
      `the same number of distinct seeded keys (${int(DISTINCT)}) once so that all are cached, then ` +
      'loads POST /v1/keys/verify cycling through them, and reads VmHWM from /proc. Pinned and interleaved as in ' +
      "section 2; medians, and the ratio the median of the rounds' own, except the slowest start-up and " +
      'the largest RSS. Store queries per request include ' +
      'the write-behind of lastUsedAt: one UPDATE per distinct key used in each 1 s flush.',
    head: [
      'store',
      'seeding',
      'verify req/s',
      'p99',
      'start-up: banner',
      'start-up: ready',
      'peak RSS',
      'store queries / req',
    ],
    rows: figures.map((f) => [
      `${int(f.store.size)} keys`,
      `${(f.store.seedMs / 1000).toFixed(1)} s`,
      int(f.summary.rps),
      ms(f.summary.p99Ms),
      ms(f.bannerMs),
      ms(f.readyMs),
      `${f.rssMb.toFixed(0)} MB`,
      perRequest(f.summary.queries),
    ]),
    checks,
    failures,
    data: figures.map((f) => ({ ...f, store: { size: f.store.size, seedMs: f.store.seedMs } })),
  };
}
