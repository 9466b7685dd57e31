import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const LUA = join(import.meta.dirname, 'lua');

/** One wrk run, as bench/lua/report.lua prints it. */
export interface WrkResult {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers with a status of 400 or more: wrk's "Non-2xx or 3xx responses". */
  non2xx: number;
  /** Connect, read and write errors and timeouts, added up, then one by one. */
  socketErrors: number;
  socket: { connect: number; read: number; write: number; timeout: number };
  /** 201s, for scripts that count them (create.lua). */
  created?: number;
}

export interface WrkRun {
  url: string;
  seconds: number;
  /** A script in bench/lua; `report.lua` alone for a plain GET. */
  script: string;
  args?: string[];
  headers?: Record<string, string>;
  connections?: number;
  /** Seconds before wrk gives up on an answer (its own default is 2): valgrind's servers need longer. */
  timeoutS?: number;
  /** Load threads, 1 by default: one load thread, one load CPU. */
  threads?: number;
  /** Added to wrk's environment, for scripts that read it (cluster.lua's WRK_PORTS). */
  env?: Record<string, string>;
  /** Prefix such as `taskset -c 0`. */
  pin: string[];
}

/** wrk's version line (it prints it and exits 1), or null when wrk is not on the PATH. */
export function wrkVersion(): string | null {
  const run = spawnSync('wrk', ['-v'], { encoding: 'utf8' });
  if (run.error) return null;
  return `${run.stdout}${run.stderr}`.split('\n')[0]?.replace(/ Copyright.*$/, '') ?? 'wrk';
}

/** Installs wrk from Debian's packages when it is missing, saying so; throws when that is not possible. */
export function ensureWrk(say: (line: string) => void): void {
  ensureDebianTool('wrk', () => wrkVersion() !== null, say);
}

/**
 * Installs the Debian package `name` when `present()` says its command is missing, saying so (after
 * `apt-get update` if a first try fails); throws when the command is still missing.
 */
export function ensureDebianTool(name: string, present: () => boolean, say: (line: string) => void): void {
  if (present()) return;
  say(`${name} is not installed: installing the Debian package ${name} (apt-get install -y ${name})`);
  const apt = (args: string[]) => {
    try {
      execFileSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'] });
      return true;
    } catch {
      return false;
    }
  };
  if (!apt(['install', '-y', name])) {
    say('apt-get install failed: running apt-get update, then trying again');
    apt(['update']);
    apt(['install', '-y', name]);
  }
  if (!present()) {
    throw new Error(
      `${name} is required and could not be installed: install it (apt-get install ${name}) and rerun`,
    );
  }
}

/** Runs `wrk -t1 -c50 -dNs` (or the run's own threads and connections) with a script; its figures. */
export async function wrk(run: WrkRun): Promise<WrkResult> {
  const args = [
    ...run.pin,
    'wrk',
    `-t${run.threads ?? 1}`,
    `-c${run.connections ?? 50}`,
    `-d${run.seconds}s`,
    ...(run.timeoutS ? [`--timeout`, `${run.timeoutS}s`] : []),
    '-s',
    join(LUA, run.script),
  ];
  for (const [name, value] of Object.entries(run.headers ?? {})) args.push('-H', `${name}: ${value}`);
  args.push(run.url);
  if (run.args?.length) args.push('--', ...run.args);
  const [file, ...rest] = args;
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(file as string, rest, {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: run.env ? { ...process.env, ...run.env } : process.env,
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
      });
      child.stderr.on('data', (chunk) => {
        err += chunk;
      });
      child.once('error', reject);
      child.once('exit', (exit) => resolve({ code: exit, stdout: out, stderr: err }));
    },
  );
  const line = /^WRK_RESULT (\{.*\})$/m.exec(stdout)?.[1];
  if (code !== 0 || !line) throw new Error(`wrk failed (exit ${code}): ${stderr || stdout}`);
  const raw = JSON.parse(line) as Record<string, number>;
  const seconds = (raw.durationUs ?? 0) / 1e6;
  const requests = raw.requests ?? 0;
  return {
    requests,
    seconds,
    rps: requests / seconds,
    p50Ms: (raw.p50Us ?? 0) / 1000,
    p99Ms: (raw.p99Us ?? 0) / 1000,
    maxMs: (raw.maxUs ?? 0) / 1000,
    non2xx: raw.non2xx ?? 0,
    socketErrors:
      (raw.connectErrors ?? 0) + (raw.readErrors ?? 0) + (raw.writeErrors ?? 0) + (raw.timeouts ?? 0),
    socket: {
      connect: raw.connectErrors ?? 0,
      read: raw.readErrors ?? 0,
      write: raw.writeErrors ?? 0,
      timeout: raw.timeouts ?? 0,
    },
    ...(raw.created === undefined ? {} : { created: raw.created }),
  };
}
