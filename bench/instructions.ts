import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECURITY_HEADERS } from '../src/http/security-headers.js';
import { type Answer, type LeastWorkFloor, leastWorkFloor } from './http.js';
import { ADMIN_PASSWORD, startKeyward } from './keyward.js';
import { ensureBuilt } from './machine.js';
import { killAll, startProcess } from './process.js';
import { buildWorld } from './world.js';
import { ensureDebianTool, ensureWrk, wrk } from './wrk.js';

/**
 * `npm run bench:instructions`: each server's own instructions per request, counted by callgrind. Unlike
 * req/s, a count does not move with the shared host's load, so it tells apart costs of a few percent
 * that wrk cannot. Each server runs under `valgrind --tool=callgrind` pinned to CPU 1, takes WARM
 * seconds of load from wrk (10 connections on CPU 0) with counting off, so that V8 has optimized what it
 * will, then WINDOW seconds counted. The kernel's work is not counted.
 *
 * With `--timings` it counts only Keyward's verify, with the hot path's request timing on and then off
 * (`KEYWARD_BENCH_HOT_PATH_TIMINGS=off`), twice over: what the request-duration histogram costs.
 *
 * "Own work" leaves out V8's compiler and garbage collector (functions whose names match COLLECTOR_AND_COMPILER),
 * which run when they please rather than per request.
 */
const ROOT = join(import.meta.dirname, '..');
const COLLECTOR_AND_COMPILER =
  /Mark|Sweep|Scaveng|Evacuat|Heap::|Concurrent|compiler::|maglev|baseline|Parser|Compile|Zone|Turbofan|turboshaft|Sparkplug|Bytecode/;
const SECURITY = new Set(Object.keys(SECURITY_HEADERS));

const say = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 1) throw new Error(`${name} must be a number of seconds`);
  return value;
};
const WARM = seconds('WARM_S', 60);
const WINDOW = seconds('WINDOW_S', 20);
/** This environment, less any Keyward settings of the shell's, as bench/keyward.ts starts Keyward. */
const inherited = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith('KEYWARD_')),
);

interface Target {
  name: string;
  command: string[];
  env?: NodeJS.ProcessEnv;
  path: string;
  script: 'report.lua' | 'verify.lua';
  args?: string[];
  headers?: Record<string, string>;
}

/** The least-work floor without the security headers: what those headers cost, by difference. */
function withoutSecurityHeaders(floor: LeastWorkFloor): LeastWorkFloor {
  const strip = (answer: Answer): Answer => ({
    ...answer,
    headers: answer.headers.filter(([name]) => !SECURITY.has(name)),
  });
  return { ...floor, read: strip(floor.read), verify: strip(floor.verify) };
}

/** Sums callgrind's totals line, and the part spent outside the collector and compiler. */
function counted(file: string): { all: number; own: number } {
  const all = Number(/^totals:\s+(\d+)/m.exec(readFileSync(file, 'utf8'))?.[1]);
  if (!Number.isFinite(all) || all === 0) throw new Error(`${file}: no totals line`);
  const annotated = execFileSync('callgrind_annotate', ['--inclusive=no', '--threshold=100', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  let elsewhere = 0;
  for (const line of annotated.split('\n')) {
    const match = /^\s*([\d,]+) \([^)]*\)\s+(.*)$/.exec(line);
    if (match?.[2] && !match[2].includes('PROGRAM TOTALS') && COLLECTOR_AND_COMPILER.test(match[2]))
      elsewhere += Number(match[1]?.replaceAll(',', ''));
  }
  return { all, own: all - elsewhere };
}

async function count(target: Target, out: string): Promise<{ requests: number; all: number; own: number }> {
  say(`counting ${target.name}`);
  const tag = target.name.replace(/[^A-Za-z0-9]+/g, '-');
  const valgrind = [
    'taskset',
    '-c',
    '1',
    'valgrind',
    '--tool=callgrind',
    '--instr-atstart=no',
    // V8 writes and rewrites machine code on the heap.
    '--smc-check=all-non-file',
    `--callgrind-out-file=${join(out, `${tag}.%p`)}`,
  ];
  const server = await startProcess([...valgrind, ...target.command], {
    banner: /listening on (http:\/\/\S+)/,
    env: { ...inherited, ...target.env },
    timeoutMs: 300_000,
  });
  try {
    const load = (s: number) =>
      wrk({
        url: `${server.address}${target.path}`,
        seconds: s,
        script: target.script,
        args: target.args,
        headers: target.headers,
        connections: 10,
        // Under valgrind, on a busy host, an answer can take more than wrk's 2 s.
        timeoutS: 30,
        pin: ['taskset', '-c', '0'],
      });
    await load(WARM);
    const control = (...args: string[]) =>
      execFileSync('callgrind_control', [...args, String(server.pid)], { stdio: 'ignore' });
    control('--zero');
    control('--instr=on');
    const run = await load(WINDOW);
    control('--instr=off');
    control('--dump');
    if (run.non2xx > 0 || run.socketErrors > 0)
      throw new Error(
        `${target.name}: ${run.non2xx} answers of 400 or more and ${run.socketErrors} socket errors in the counted run`,
      );
    const dump = readdirSync(out)
      .filter((file) => file.startsWith(`${tag}.${server.pid}.`))
      .map((file) => join(out, file))
      .find((file) => /^totals:/m.test(readFileSync(file, 'utf8')));
    if (!dump) throw new Error(`${target.name}: callgrind wrote no dump`);
    return { requests: run.requests, ...counted(dump) };
  } finally {
    await server.stop();
  }
}

const valgrindPresent = () => !spawnSync('valgrind', ['--version']).error;
ensureWrk(say);
ensureDebianTool('valgrind', valgrindPresent, say);
ensureBuilt(say);
const tmp = mkdtempSync(join(tmpdir(), 'keyward-instructions-'));
try {
  const out = join(tmp, 'callgrind');
  mkdirSync(out);
  // The data directory and the answers the least-work floor copies come from a Keyward run outside valgrind.
  const dataDir = join(tmp, 'data');
  const keyward = await startKeyward(dataDir, ['taskset', '-c', '1']);
  const world = await buildWorld(keyward.url, 'cg');
  const floor = await leastWorkFloor(keyward.url, world);
  await keyward.stop();
  const keysFile = join(tmp, 'keys.txt');
  writeFileSync(keysFile, `${world.valid.apiKey}\n`);
  const baseline = (file: string) => [process.execPath, join(import.meta.dirname, 'baselines', file)];
  const serve = [
    process.execPath,
    join(ROOT, 'bin', 'keyward.js'),
    'serve',
    '--data-dir',
    dataDir,
    '--port',
    '0',
  ];
  /** The hot GET or verify request, as the HTTP bench sends it, to a server started by `command`. */
  const target = (name: string, command: string[], route: 'read' | 'verify', env?: NodeJS.ProcessEnv) => ({
    name,
    command,
    env,
    ...(route === 'read'
      ? { path: `/v1/apikeys/${world.caller.id}`, script: 'report.lua' as const }
      : { path: '/v1/keys/verify', script: 'verify.lua' as const, args: ['keys', keysFile] }),
    headers: { authorization: `Key ${world.caller.apiKey}` },
  });
  const bare = (name: string, file: string, route: 'read' | 'verify') => ({
    ...target(name, baseline(file), route),
    path: '/',
    headers: {},
  });
  const least = (name: string, route: 'read' | 'verify', f: LeastWorkFloor) =>
    target(name, baseline('least-work.mjs'), route, { BENCH_FLOOR: JSON.stringify(f) });
  const keywardEnv = { KEYWARD_ADMIN_PASSWORD: ADMIN_PASSWORD };
  const plain = withoutSecurityHeaders(floor);
  const verifyTimed = (timings: 'on' | 'off') =>
    target(`POST /v1/keys/verify, valid key, hot-path timing ${timings}`, serve, 'verify', {
      ...keywardEnv,
      KEYWARD_BENCH_HOT_PATH_TIMINGS: timings,
    });
  const timingsOnly = process.argv.includes('--timings');
  const targets: Target[] = timingsOnly
    ? [verifyTimed('on'), verifyTimed('off'), verifyTimed('off'), verifyTimed('on')]
    : [
        bare('bare Fastify GET "hello"', 'bare-get.mjs', 'read'),
        least('least-work GET, without the security headers', 'read', plain),
        least("least-work GET, Keyward's answer", 'read', floor),
        target('GET /v1/apikeys/{id}, Authorization: Key', serve, 'read', keywardEnv),
        bare('bare Fastify POST, JSON body', 'bare-post.mjs', 'verify'),
        least('least-work verify, without the security headers', 'verify', plain),
        least("least-work verify, Keyward's answer", 'verify', floor),
        target('POST /v1/keys/verify, valid key', serve, 'verify', keywardEnv),
      ];
  const rows: string[] = [];
  for (const target of targets) {
    const { requests, all, own } = await count(target, out);
    const per = (n: number) => Math.round(n / requests).toLocaleString('en-US');
    rows.push(`| ${target.name} | ${requests.toLocaleString('en-US')} | ${per(all)} | ${per(own)} |`);
  }
  process.stdout.write(
    [
      `Instructions per request under callgrind: ${WARM} s of load uncounted, then ${WINDOW} s counted (10 connections).`,
      '',
      '| server | requests counted | instructions / request | own work / request (no collector or compiler) |',
      '| --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
} finally {
  killAll();
  rmSync(tmp, { recursive: true, force: true });
}
