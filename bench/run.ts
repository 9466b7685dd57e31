import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cluster } from './cluster.js';
import type { Context } from './context.js';
import { creation } from './creation.js';
import { floods } from './floods.js';
import { http } from './http.js';
import { inProcess } from './in-process.js';
import { describeMachine, ensureBuilt, type Machine } from './machine.js';
import { metricsCost } from './metrics-cost.js';
import { middleware } from './middleware.js';
import { HelpWanted, parseOptions, type SectionName, USAGE, UsageError } from './options.js';
import { killAll, pinning } from './process.js';
import { renderMarkdown, type Section } from './report.js';
import { scale } from './scale.js';
import { ensureWrk } from './wrk.js';

const RUNNERS: Record<SectionName, (ctx: Context) => Promise<Section>> = {
  'in-process': inProcess,
  http,
  scale,
  creation,
  floods,
  cluster,
  metrics: metricsCost,
  middleware,
};

const say = (line: string) => process.stderr.write(`${line}\n`);

let options: ReturnType<typeof parseOptions>;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  if (error instanceof HelpWanted) {
    say(USAGE);
    process.exit(0);
  }
  if (!(error instanceof UsageError)) throw error;
  say(`bench: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}

const started = performance.now();
let machine: Machine;
try {
  ensureWrk(say);
  // Before the build, so that the load average it records is the machine's, not the compiler's.
  machine = describeMachine();
  ensureBuilt(say);
} catch (error) {
  say(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const pin = pinning(machine.cpus);
if (machine.cpus < 2)
  say('WARNING: one CPU only: server and load share it, so the figures are not comparable');
const tmp = mkdtempSync(join(tmpdir(), 'keyward-bench-'));
const cleanUp = () => {
  killAll();
  rmSync(tmp, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`bench: ${signal}, stopping`);
    cleanUp();
    process.exit(130);
  });
}

const ctx: Context = { durations: options.durations, pin, tmp, say };
const sections: Section[] = [];
try {
  for (const name of options.only) {
    say(`== ${name}`);
    const sectionStarted = performance.now();
    try {
      sections.push(await RUNNERS[name](ctx));
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      say(`bench: ${name} failed: ${message}`);
      sections.push({
        title: name,
        method: 'This section did not complete.',
        head: ['error'],
        rows: [[message.split('\n')[0] ?? '']],
        checks: [],
        failures: [message.split('\n')[0] ?? ''],
        data: null,
      });
    }
    say(`   ${name} took ${((performance.now() - sectionStarted) / 1000).toFixed(0)} s`);
  }
} finally {
  cleanUp();
}

const seconds = (performance.now() - started) / 1000;
const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(
  ' ',
);
process.stdout.write(renderMarkdown(machine, { command, minutes: seconds / 60 }, sections));
const results = join(import.meta.dirname, 'results');
mkdirSync(results, { recursive: true });
writeFileSync(
  join(results, 'latest.json'),
  `${JSON.stringify({ machine, command, options, seconds, sections }, null, 2)}\n`,
);
const failures = sections.flatMap((section) => section.failures);
say(`bench: done in ${(seconds / 60).toFixed(1)} min; raw figures in bench/results/latest.json`);
if (failures.length) {
  say(`bench: ${failures.length} failed runs:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exit(1);
}
