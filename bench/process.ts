import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Where each side runs: the server on one CPU, the load generator on the other (PRODUCT.md §10). */
export interface Pinning {
  server: string[];
  load: string[];
}

/** `taskset -c N` prefixes, or none when the machine has a single CPU (the report says so). */
export function pinning(cpus: number): Pinning {
  if (cpus < 2) return { server: [], load: [] };
  return { server: ['taskset', '-c', '1'], load: ['taskset', '-c', '0'] };
}

/** A child process that printed its banner: how long that took, and how to stop it. */
export interface Started {
  child: ChildProcess;
  pid: number;
  /** What the banner pattern captured (the address it listens on). */
  address: string;
  /** Milliseconds from spawn to the banner on stderr. */
  bannerMs: number;
  spawnedAt: number;
  stderr(): string;
  /** SIGTERM, then SIGKILL after a grace period; resolves once the process has exited. */
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();

/** Kills every process the bench started that is still running: for exits and interrupts. */
export function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
}

/**
 * Spawns `command` (already prefixed with its pinning) and waits until its stderr matches `banner`,
 * whose first group is the address. `stdout` is a file descriptor for the process's log, or 'ignore'.
 */
export async function startProcess(
  command: string[],
  options: { banner: RegExp; env?: NodeJS.ProcessEnv; stdout?: number | 'ignore'; timeoutMs?: number },
): Promise<Started> {
  const [file, ...args] = command;
  if (!file) throw new Error('startProcess: empty command');
  const spawnedAt = performance.now();
  const child = spawn(file, args, {
    env: options.env ?? process.env,
    stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'],
  });
  live.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(child);
      resolve();
    }),
  );
  let err = '';
  child.stderr?.setEncoding('utf8');
  const address = await new Promise<{ address: string; at: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${command.join(' ')} printed no banner in ${options.timeoutMs ?? 30_000} ms: ${err}`),
      );
    }, options.timeoutMs ?? 30_000);
    child.stderr?.on('data', (chunk: string) => {
      err += chunk;
      const match = options.banner.exec(err);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ address: match[1], at: performance.now() });
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${command.join(' ')} exited before its banner: ${err}`));
    });
  });
  return {
    child,
    pid: child.pid as number,
    address: address.address,
    bannerMs: address.at - spawnedAt,
    spawnedAt,
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const grace = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(grace);
    },
  };
}

/** The peak resident set size of a running process, in MB (VmHWM in /proc/<pid>/status). */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}
