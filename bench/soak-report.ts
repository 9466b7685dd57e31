import type { RecordableHistogram } from 'node:perf_hooks';
import type { Machine } from './machine.js';
import { int } from './report.js';
import type { Operation } from './soak-load.js';

/** One reading, taken at the end of each sampling interval. */
export interface Sample {
  /** Seconds since the load began. */
  t: number;
  /** The server's resident set (VmRSS in /proc/<pid>/status). */
  rssMb: number;
  /** Its parts: anonymous memory (heaps, malloc), mapped files, and shared memory (SQLite's WAL index). */
  anonMb: number;
  fileMb: number;
  shmemMb: number;
  /** V8's heap in use, from /metrics (`keyward_nodejs_heap_size_used_bytes`). */
  heapUsedMb: number;
  /** V8's heap as reserved, and memory that JavaScript objects hold outside it (Buffers). */
  heapTotalMb: number;
  externalMb: number;
  /** The server's open file descriptors (/proc/<pid>/fd). */
  fds: number;
  /** Requests answered as expected per second over the interval. */
  reqPerSec: number;
  errors: number;
  late: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The event loop's p99 delay as prom-client measures it, when /metrics has it. */
  lagP99Ms: number | null;
  /** Share of one CPU the server used over the interval, and the load generator (this process). */
  serverCpu: number;
  loadCpu: number;
  /** The machine's 1-minute load average: how much else was running. */
  loadAverage: number;
  answered: Record<Operation, number>;
}

/** A minute of samples: the memory at its end, the latency over all of it. */
export interface Minute {
  minute: number;
  rssMb: number;
  heapUsedMb: number;
  p50Ms: number;
  p99Ms: number;
  reqPerSec: number;
  errors: number;
  late: number;
  /** The machine's 1-minute load average at the minute's end. */
  loadAverage: number;
}

export interface Judgement {
  what: string;
  measured: string;
  /** null when the run was too short to judge it. */
  passed: boolean | null;
}

/** RSS may grow by this share after warm-up, and over the second half of the run. */
export const RSS_GROWTH_BOUND = 0.1;
/** The last minute's p99 may be this many times the first minute's... */
export const P99_RATIO_BOUND = 2;
/** ...or, however many times that is, below this: a 1 ms p99 doubling to 2 ms is noise, not decay. */
export const P99_FLOOR_MS = 10;
/** The first minute is warm-up: JIT, caches and pools fill, and RSS grows for reasons that stop. */
export const WARM_UP_S = 60;

const mb = (n: number) => `${n.toFixed(1)} MB`;
const msText = (n: number) => `${n.toFixed(2)} ms`;
const pct = (n: number) => `${n >= 0 ? '+' : ''}${(n * 100).toFixed(1)}%`;

/** p50 and p99 in milliseconds of the union of several intervals' histograms (in microseconds). */
export function percentiles(histograms: RecordableHistogram[], merged: RecordableHistogram) {
  for (const histogram of histograms) merged.add(histogram);
  if (merged.count === 0) return { p50Ms: 0, p99Ms: 0 };
  return { p50Ms: merged.percentile(50) / 1000, p99Ms: merged.percentile(99) / 1000 };
}

/** The first sample at or after `t` seconds, or the last one. */
function sampleAt(samples: Sample[], t: number): Sample {
  return samples.find((sample) => sample.t >= t) ?? (samples.at(-1) as Sample);
}

/**
 * The soak's verdicts: no error, RSS flat after warm-up and over the second half, p99 at the end
 * within {@link P99_RATIO_BOUND} of the start. `p99` gives the first and last windows' figures.
 */
export function judge(
  samples: Sample[],
  durationS: number,
  p99: { windowS: number; first: number; last: number },
): Judgement[] {
  const errors = samples.reduce((sum, sample) => sum + sample.errors, 0);
  const late = samples.reduce((sum, sample) => sum + sample.late, 0);
  const judgements: Judgement[] = [
    {
      what: 'requests answered otherwise than expected, or not at all',
      measured: int(errors),
      passed: errors === 0,
    },
    { what: 'requests not sent on schedule (a second behind)', measured: int(late), passed: late === 0 },
  ];
  const last = samples.at(-1);
  if (!last || durationS < 2 * WARM_UP_S) {
    judgements.push({
      what: `RSS growth and p99 over time (need a run of ${2 * WARM_UP_S} s or more)`,
      measured: 'not judged',
      passed: null,
    });
    return judgements;
  }
  const warm = sampleAt(samples, WARM_UP_S);
  const half = sampleAt(samples, durationS / 2);
  const afterWarmUp = (last.rssMb - warm.rssMb) / warm.rssMb;
  const secondHalf = (last.rssMb - half.rssMb) / half.rssMb;
  judgements.push(
    {
      what: `RSS growth after warm-up (${mb(warm.rssMb)} at ${warm.t} s to ${mb(last.rssMb)} at the end), below ${pct(RSS_GROWTH_BOUND)}`,
      measured: pct(afterWarmUp),
      passed: afterWarmUp < RSS_GROWTH_BOUND,
    },
    {
      what: `RSS growth over the second half (from ${mb(half.rssMb)} at ${half.t} s), below ${pct(RSS_GROWTH_BOUND)}`,
      measured: pct(secondHalf),
      passed: secondHalf < RSS_GROWTH_BOUND,
    },
    {
      what: `p99 of the last ${p99.windowS} s against the first ${p99.windowS} s (${msText(p99.first)}): within ${P99_RATIO_BOUND}×, or under ${P99_FLOOR_MS} ms`,
      measured: `${msText(p99.last)}, ${(p99.last / Math.max(p99.first, 0.001)).toFixed(2)}×`,
      passed: p99.last <= P99_RATIO_BOUND * p99.first || p99.last < P99_FLOOR_MS,
    },
  );
  return judgements;
}

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The block for BENCHMARKS.md: the run, the verdicts, and one row per minute. */
export function renderSoakMarkdown(
  machine: Machine,
  run: { command: string; rate: number; connections: number; durationS: number; store: string },
  judgements: Judgement[],
  minutes: Minute[],
): string {
  const verdict = (passed: boolean | null) => (passed === null ? 'info' : passed ? 'passed' : '**failed**');
  return [
    table(
      ['run', ''],
      [
        ['command', `\`${run.command}\``],
        ['store', run.store],
        [
          'load',
          `${int(run.rate)} req/s on ${run.connections} keep-alive connections, for ${run.durationS} s`,
        ],
        ['mix', '90% verify (1 in 20 of an unknown key), 8% GET by key, 1% create, 1% revoke'],
        ['CPUs (nproc)', String(machine.cpus)],
        ['CPU model (lscpu)', machine.model],
        ['Node.js', machine.node],
        ['commit', machine.commit],
        ['date', machine.date],
        ['load average (1 min) before the soak', machine.load.toFixed(2)],
      ],
    ),
    '',
    table(
      ['judgement', 'measured', ''],
      judgements.map((j) => [j.what, j.measured, verdict(j.passed)]),
    ),
    '',
    table(
      ['minute', 'RSS', 'heap used', 'p50', 'p99', 'req/s', 'errors', 'late', 'load average'],
      minutes.map((m) => [
        String(m.minute),
        mb(m.rssMb),
        mb(m.heapUsedMb),
        msText(m.p50Ms),
        msText(m.p99Ms),
        int(m.reqPerSec),
        int(m.errors),
        int(m.late),
        m.loadAverage.toFixed(1),
      ]),
    ),
  ].join('\n');
}
