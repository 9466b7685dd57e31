import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, tempDir } from '../support/server.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ADMIN_PASSWORD = 'background-admin-password';
// Hang guards only: a start on a loaded machine has taken over 15 s, and npx adds its own start-up.
const SHELL_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

const servers: number[] = [];

afterAll(async () => {
  // Whatever a failed test left running.
  for (const pid of servers) if (alive(pid)) process.kill(pid, 'SIGKILL');
  await cleanupServe();
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A project where this checkout is installed as `npm install <path>` installs it: linked into
 * node_modules, with its bin in node_modules/.bin. So `npx keyward` runs it, with no registry involved.
 */
function project(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'package.json'), '{ "name": "app", "private": true }\n');
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(ROOT, join(dir, 'node_modules', 'keyward'));
  symlinkSync(join('..', 'keyward', 'bin', 'keyward.js'), join(dir, 'node_modules', '.bin', 'keyward'));
  return dir;
}

/** This process's environment without what would steer the server or npm from outside the test. */
function env(): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined && !/^(KEYWARD_|npm_)/i.test(name)) clean[name] = value;
  rememberSecret(ADMIN_PASSWORD);
  return {
    ...clean,
    KEYWARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // Offline: npx must find the linked bin and never ask the registry.
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
  };
}

interface Background {
  /** The `keyward serve` process itself (its log says which), not the npm or shell above it. */
  pid: number;
  port: number;
  stderr: () => string;
}

/**
 * Runs `sh -c '<command> … &'`, which waits for the server's banner, runs `after` (with `$!` the
 * background job) and exits. Answers the server that the job started.
 */
async function background(dir: string, name: string, command: string, after: string): Promise<Background> {
  // Beside the data, not in the test logs' folder: another run's global setup may empty that one.
  const [log, err] = [join(dir, `${name}.log`), join(dir, `${name}.stderr.log`)];
  const script = [
    `${command} serve --port 0 --data-dir data-${name} > '${log}' 2> '${err}' &`,
    `while kill -0 $! 2> /dev/null && ! grep -qs '^Keyward listening on' '${err}'; do sleep 0.1; done`,
    after,
  ].join('\n');
  let pid = 0;
  try {
    await promisify(execFile)('/bin/sh', ['-c', script], { cwd: dir, env: env(), timeout: SHELL_TIMEOUT_MS });
  } finally {
    pid = Number(/"pid":(\d+)/.exec(readFileSync(log, 'utf8'))?.[1] ?? 0);
    if (pid) servers.push(pid);
  }
  const stderr = () => readFileSync(err, 'utf8');
  const url = /^Keyward listening on (http:\/\/\S+)/m.exec(stderr())?.[1];
  expect(url, stderr()).toBeDefined();
  expect(pid).toBeGreaterThan(0);
  return { pid, port: Number(new URL(url as string).port), stderr };
}

/** Whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function stopped(server: Background): Promise<void> {
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while ((await listening(server.port)) || alive(server.pid)) {
    if (Date.now() > deadline)
      throw new Error(`keyward serve (pid ${server.pid}) still runs; stderr: ${server.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('keyward serve in the background', () => {
  it('`npx keyward serve &` stops when `kill $!` stops npm; `keyward serve &` outlives its shell', async () => {
    const dir = project();
    // Started first, by a shell that exits at once: it must keep running, as `nohup keyward serve &` means.
    const plain = await background(dir, 'plain', 'node_modules/.bin/keyward', 'exit 0');
    expect(await listening(plain.port)).toBe(true);

    // npm does not pass the SIGTERM on to the server: the shell it runs the bin in dies without it.
    const npx = await background(dir, 'npx', 'npx keyward', 'kill $!');
    await stopped(npx);
    expect(npx.stderr()).toContain('npm exec, which started this server, has exited; shutting down');

    // The plain server has been without its shell for longer than the npx one was without npm, so a
    // watch that stopped it too would have done so by now.
    expect(await listening(plain.port)).toBe(true);
    process.kill(plain.pid, 'SIGTERM');
    await stopped(plain);
  }, 180_000);
});
