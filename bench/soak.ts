import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import { generateKey } from '../src/keys/format.js';
import { call } from './api.js';
import { startKeyward } from './keyward.js';
import { describeMachine, ensureBuilt } from './machine.js';
import { killAll, pinning } from './process.js';
import { renderChart } from './soak-chart.js';
import { Load, OPERATIONS } from './soak-load.js';
import { judge, type Minute, percentiles, renderSoakMarkdown, type Sample } from './soak-report.js';
import { buildWorld } from './world.js';

// `npm run soak`: a real `keyward serve` under a steady mixed load for 10 minutes, sampled every 10 s.
// PRODUCT.md §11 and issue 18: errors stay at zero, RSS stays flat after warm-up, p99 does not creep.

const USAGE = `Usage: npm run soak -- [--duration S] [--rate N] [--connections N] [--interval S] [--db URL] [--out DIR]

  --duration S     seconds of load, default 600
  --rate N         requests per second, sent on schedule, default 1000
  --connections N  keep-alive connections, default 50 (as the bench's wrk)
  --interval S     seconds between samples, default 10
  --db URL         run the server on this PostgreSQL database instead of a fresh SQLite data directory
  --out DIR        where soak.json and soak.svg go, default bench/results
  --no-build       run the bundle as it is, even when src/ is newer (the build is skipped)

Progress goes to stderr; the markdown summary to stdout. The exit code is 1 when a judgement fails.`;

interface Options {
  durationS: number;
  rate: number;
  connections: number;
  intervalS: number;
  db: string | null;
  out: string;
  build: boolean;
}

const ROOT = join(import.meta.dirname, '..');
const say = (line: string) => process.stderr.write(`${line}\n`);

function parseOptions(argv: string[]): Options {
  const options: Options = {
    durationS: 600,
    rate: 1000,
    connections: 50,
    intervalS: 10,
    db: null,
    out: join(ROOT, 'bench', 'results'),
    build: true,
  };
  const numbers = {
    '--duration': 'durationS',
    '--rate': 'rate',
    '--connections': 'connections',
    '--interval': 'intervalS',
  } as const;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--help' || flag === '-h') {
      say(USAGE);
      process.exit(0);
    }
    if (flag === '--no-build') {
      options.build = false;
      continue;
    }
    const value = inline ?? argv[++i];
    if (flag in numbers) {
      if (!value || !/^[0-9]+$/.test(value) || Number(value) < 1)
        usage(`${flag} needs a whole number above 0`);
      options[numbers[flag as keyof typeof numbers]] = Number(value);
    } else if (flag === '--db' && value) options.db = value;
    else if (flag === '--out' && value) options.out = resolve(value);
    else usage(`unknown or incomplete argument ${flag}`);
  }
  return options;
}

function usage(message: string): never {
  say(`soak: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** The resident set of a running process in MB: in all, and the anonymous, file and shared parts of it. */
function residentMb(pid: number): { rssMb: number; anonMb: number; fileMb: number; shmemMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? Number.NaN) / 1024;
  return { rssMb: kb('VmRSS'), anonMb: kb('RssAnon'), fileMb: kb('RssFile'), shmemMb: kb('RssShmem') };
}

/** CPU seconds (user and system) a process has used so far, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 12 and 13.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** V8's heap (in use, and reserved), memory held outside it, and the event loop's p99 delay, from /metrics. */
async function scrape(url: string) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const gauge = (name: string) => {
    const match = new RegExp(`^keyward_${name} ([0-9.e+-]+)$`, 'm').exec(text);
    return match?.[1] ? Number(match[1]) : Number.NaN;
  };
  const lag = gauge('nodejs_eventloop_lag_p99_seconds');
  return {
    heapUsedMb: gauge('nodejs_heap_size_used_bytes') / 2 ** 20,
    heapTotalMb: gauge('nodejs_heap_size_total_bytes') / 2 ** 20,
    externalMb: gauge('nodejs_external_memory_bytes') / 2 ** 20,
    lagP99Ms: Number.isNaN(lag) ? null : lag * 1000,
  };
}

const options = parseOptions(process.argv.slice(2));
const machine = describeMachine();
if (options.build) ensureBuilt(say);
const pin = pinning(machine.cpus);
// The load generator is this process: it goes on the other CPU than the server, threads and all.
if (pin.load.length > 0)
  spawnSync('taskset', ['-a', '-c', '-p', '0', String(process.pid)], { stdio: 'ignore' });
const tmp = mkdtempSync(join(tmpdir(), 'keyward-soak-'));
const cleanUp = () => {
  killAll();
  rmSync(tmp, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`soak: ${signal}, stopping`);
    cleanUp();
    process.exit(130);
  });
}

try {
  const server = await startKeyward(join(tmp, 'data'), pin.server, options.db ? { db: options.db } : {});
  say(`soak: server ${server.pid} at ${server.url}; ${options.rate} req/s for ${options.durationS} s`);
  const world = await buildWorld(server.url, `soak${Date.now().toString(36).slice(-4)}`);
  const pool = [world.valid];
  for (let i = 1; i < 100; i++) {
    const made = await call(server.url, 'POST', `/v1/organizations/${world.orgId}/apikeys`, {
      auth: { key: world.creator.apiKey },
      body: { name: `pool-${i}`, role: 'member' },
    });
    pool.push({ id: made.id, apiKey: made.apiKey });
  }
  const load = new Load({
    url: server.url,
    rate: options.rate,
    connections: options.connections,
    orgId: world.orgId,
    verifier: world.caller.apiKey,
    creator: world.creator.apiKey,
    pool,
    unknown: generateKey(world.prefix),
  });

  const samples: Sample[] = [];
  const histograms: RecordableHistogram[] = [];
  const startedAt = Date.now();
  let serverCpu = cpuSeconds(server.pid);
  let loadCpu = process.cpuUsage();
  load.start();
  for (let t = options.intervalS; t <= options.durationS; t += options.intervalS) {
    await new Promise((r) => setTimeout(r, startedAt + t * 1000 - Date.now()));
    const interval = load.take();
    const metrics = await scrape(server.url);
    const answered = OPERATIONS.reduce((sum, op) => sum + interval.answered[op], 0);
    const serverCpuNow = cpuSeconds(server.pid);
    const loadCpuSpent = process.cpuUsage(loadCpu);
    loadCpu = process.cpuUsage();
    const sample: Sample = {
      t,
      ...residentMb(server.pid),
      heapUsedMb: metrics.heapUsedMb,
      heapTotalMb: metrics.heapTotalMb,
      externalMb: metrics.externalMb,
      fds: readdirSync(`/proc/${server.pid}/fd`).length,
      reqPerSec: answered / options.intervalS,
      errors: interval.errors,
      late: interval.late,
      p50Ms: interval.latency.count ? interval.latency.percentile(50) / 1000 : 0,
      p99Ms: interval.latency.count ? interval.latency.percentile(99) / 1000 : 0,
      maxMs: interval.latency.count ? interval.latency.max / 1000 : 0,
      lagP99Ms: metrics.lagP99Ms,
      serverCpu: (serverCpuNow - serverCpu) / options.intervalS,
      loadCpu: (loadCpuSpent.user + loadCpuSpent.system) / 1e6 / options.intervalS,
      loadAverage: loadavg()[0] ?? 0,
      answered: interval.answered,
    };
    serverCpu = serverCpuNow;
    samples.push(sample);
    histograms.push(interval.latency);
    say(
      `${String(t).padStart(5)} s  RSS ${sample.rssMb.toFixed(1)} MB (anon ${sample.anonMb.toFixed(1)})  heap ${sample.heapUsedMb.toFixed(1)} MB  fds ${sample.fds}  CPU ${Math.round(sample.serverCpu * 100)}% (load ${Math.round(sample.loadCpu * 100)}%)  ${Math.round(sample.reqPerSec)} req/s  p50 ${sample.p50Ms.toFixed(2)} ms  p99 ${sample.p99Ms.toFixed(2)} ms  errors ${sample.errors}  late ${sample.late}  load avg ${sample.loadAverage.toFixed(1)}${interval.firstErrors.length ? `  ${interval.firstErrors.join('; ')}` : ''}`,
    );
  }
  await load.stop();
  await server.stop();

  const minutes: Minute[] = [];
  const perMinute = Math.max(1, Math.round(60 / options.intervalS));
  for (let i = 0; i < samples.length; i += perMinute) {
    const group = samples.slice(i, i + perMinute);
    const last = group.at(-1) as Sample;
    const seconds = group.length * options.intervalS;
    minutes.push({
      minute: minutes.length + 1,
      rssMb: last.rssMb,
      heapUsedMb: last.heapUsedMb,
      ...percentiles(histograms.slice(i, i + perMinute), createHistogram()),
      reqPerSec: group.reduce((sum, s) => sum + s.reqPerSec * options.intervalS, 0) / seconds,
      errors: group.reduce((sum, s) => sum + s.errors, 0),
      late: group.reduce((sum, s) => sum + s.late, 0),
      loadAverage: last.loadAverage,
    });
  }
  // The first and last minute, or halves of a run shorter than two minutes.
  const windowS = Math.min(60, options.durationS / 2);
  const window = Math.max(1, Math.floor(windowS / options.intervalS));
  const p99 = {
    windowS: window * options.intervalS,
    first: percentiles(histograms.slice(0, window), createHistogram()).p99Ms,
    last: percentiles(histograms.slice(-window), createHistogram()).p99Ms,
  };
  const judgements = judge(samples, options.durationS, p99);
  const command = `npm run soak${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const store = options.db ? 'PostgreSQL' : 'SQLite, a fresh data directory';
  mkdirSync(options.out, { recursive: true });
  writeFileSync(
    join(options.out, 'soak.json'),
    `${JSON.stringify({ command, machine, options: { ...options, out: undefined, build: undefined }, judgements, minutes, samples }, null, 2)}\n`,
  );
  const caption = `keyward serve on ${options.db ? 'PostgreSQL' : 'SQLite'}, ${options.rate} req/s mixed, ${machine.date}`;
  writeFileSync(join(options.out, 'soak.svg'), renderChart(samples, caption));
  say(`soak: wrote ${join(options.out, 'soak.json')} and soak.svg`);
  process.stdout.write(
    `${renderSoakMarkdown(machine, { command, rate: options.rate, connections: options.connections, durationS: options.durationS, store }, judgements, minutes)}\n`,
  );
  const failed = judgements.filter((j) => j.passed === false);
  for (const j of failed) say(`soak: FAILED: ${j.what}: ${j.measured}`);
  process.exitCode = failed.length > 0 ? 1 : 0;
} catch (error) {
  say(`soak: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  cleanUp();
}
