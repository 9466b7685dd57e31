import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, fstatSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Auth, Reply } from './app.js';
import { LOG_DIR } from './paths.js';
import { rememberSecret, rememberSecretsIn } from './secrets.js';

/** The built CLI (`npm run build`), as `keyward` runs it. */
export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'keyward.js');
const BANNER = /^Keyward listening on (http:\/\/\S+)/m;
// Generous: on a loaded 2-CPU machine a start was once seen to take over 15 s.
const START_TIMEOUT_MS = 45_000;
const EXIT_TIMEOUT_MS = 15_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A request's credentials: those of `app.ts`, plus HTTP Basic for `POST /v1/auth/token`. */
export type ProcessAuth = Auth | { basic: [username: string, password: string] };

/** A real `keyward serve` process, started by {@link startServe}. */
export interface Serve {
  url: string;
  /** The process id of `keyward serve`. */
  pid: number;
  port: number;
  dataDir: string;
  /** Receives the process's stdout: its pino log, where the log scan reads it. */
  logFile: string;
  /** Receives the process's stderr: the human banner. */
  stderrFile: string;
  stderr(): string;
  /** Everything written on stdout so far. */
  log(): string;
  /** Every pino line written so far, parsed. */
  logLines(): Record<string, unknown>[];
  request(
    method: string,
    path: string,
    options?: { auth?: ProcessAuth; body?: unknown; headers?: Record<string, string> },
  ): Promise<Reply>;
  /** An access token from `POST /v1/auth/token`. */
  signIn(username: string, password: string): Promise<string>;
  /** Sends SIGTERM and waits for the process to exit. */
  stop(): Promise<Exit>;
  /** Sends SIGKILL and waits for the process to exit: a crash. */
  kill9(): Promise<Exit>;
  exited: Promise<Exit>;
}

const running = new Set<ChildProcess>();
const dirs: string[] = [];
const fds: number[] = [];
let counter = 0;

/** Reads a file through a descriptor that stays open, so that a wipe of the artifacts cannot lose it. */
function readFd(fd: number): string {
  const buffer = Buffer.alloc(fstatSync(fd).size);
  readSync(fd, buffer, 0, buffer.length, 0);
  return buffer.toString('utf8');
}

/** A fresh directory that {@link cleanupServe} removes; the data dir goes inside it, not yet created. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-serve-'));
  dirs.push(dir);
  return dir;
}

/** Waits, within a bound, until a condition holds: for what a process does after it has answered. */
export async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function within<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what()}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Spawns `node bin/keyward.js serve --port 0 --data-dir <dataDir>` (run `npm run build` first) and waits for
 * its banner. Inherited `KEYWARD_*` variables are dropped so that a developer's shell cannot change a test.
 */
export async function startServe(
  dataDir: string,
  options: { env?: Record<string, string>; args?: string[] } = {},
): Promise<Serve> {
  const env: NodeJS.ProcessEnv = { KEYWARD_LOG_LEVEL: 'debug' };
  for (const [name, value] of Object.entries(process.env))
    if (!name.startsWith('KEYWARD_')) env[name] = value;
  Object.assign(env, options.env);
  const base = join(LOG_DIR, `serve-${process.pid}-${++counter}`);
  const logFile = `${base}.log`;
  const stderrFile = `${base}.stderr.log`;
  // The child writes straight into the files, so that nothing it logged is lost when it is killed. The
  // test keeps its own descriptors to read them back, even if another run's global setup deletes them.
  mkdirSync(LOG_DIR, { recursive: true });
  const out = openSync(logFile, 'w+');
  const err = openSync(stderrFile, 'w+');
  fds.push(out, err);
  const args = [BIN, 'serve', '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', out, err] });
  running.add(child);
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const stderr = () => readFd(err);

  const deadline = Date.now() + START_TIMEOUT_MS;
  let waiting = true;
  const url = await new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const match = BANNER.exec(stderr());
      if (match?.[1] || Date.now() > deadline) {
        clearInterval(poll);
        waiting = false;
      }
      if (match?.[1]) resolve(match[1]);
      else if (!waiting)
        reject(new Error(`keyward serve printed no banner in ${START_TIMEOUT_MS} ms; stderr: ${stderr()}`));
    }, 25);
    void exited.then((exit) => {
      clearInterval(poll);
      if (waiting)
        reject(new Error(`keyward serve exited (${JSON.stringify(exit)}) before listening: ${stderr()}`));
      waiting = false;
    });
  });

  const request: Serve['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    const auth = options.auth;
    if (auth && 'key' in auth) headers.authorization = `Key ${auth.key}`;
    if (auth && 'xApiKey' in auth) headers['x-api-key'] = auth.xApiKey;
    if (auth && 'bearer' in auth) headers.authorization = `Bearer ${auth.bearer}`;
    if (auth && 'basic' in auth) {
      const basic = Buffer.from(auth.basic.join(':')).toString('base64');
      rememberSecret(basic);
      rememberSecret(auth.basic[1]);
      headers.authorization = `Basic ${basic}`;
    }
    if (auth) for (const secret of Object.values(auth)) rememberSecret(secret);
    let payload: string | undefined;
    if (options.body !== undefined) {
      rememberSecretsIn(options.body);
      payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${url}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    rememberSecretsIn(body);
    return { status: response.status, headers: Object.fromEntries(response.headers), body, text };
  };

  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    return within(exited, EXIT_TIMEOUT_MS, () => `keyward serve did not exit after ${name}`);
  };

  return {
    url,
    pid: child.pid as number,
    port: Number(new URL(url).port),
    dataDir,
    logFile,
    stderrFile,
    stderr,
    log: () => readFd(out),
    logLines: () =>
      readFd(out)
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    request,
    async signIn(username, password) {
      const reply = await request('POST', '/v1/auth/token', { auth: { basic: [username, password] } });
      if (reply.status !== 200)
        throw new Error(`sign-in of ${username} failed: ${reply.status} ${reply.text}`);
      return reply.body.accessToken as string;
    },
    stop: () => signal('SIGTERM'),
    kill9: () => signal('SIGKILL'),
    exited,
  };
}

/** For `afterEach`: kills every server still running, even after a failure, and removes the temp dirs. */
export async function cleanupServe(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  for (const fd of fds.splice(0)) closeSync(fd);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Resolves once a new connection to the port is refused, or fails after a bounded wait. */
export async function refusedWithin(port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    if (outcome === 'ECONNREFUSED') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`port ${port} still accepted connections ${ms} ms after SIGTERM`);
}
