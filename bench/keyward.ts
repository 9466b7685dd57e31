import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { peakRssMb, type Started, startProcess } from './process.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'keyward.js');
const BANNER = /Keyward listening on (http:\/\/\S+)/;

/** The cluster admin's password in every bench data directory. */
export const ADMIN_PASSWORD = 'bench-admin-password';

/** A running `keyward serve`, as a user would start it. */
export interface Keyward {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the "Keyward listening on" banner, and to the first 200 from /readyz. */
  startup: { bannerMs: number; readyMs: number };
  peakRssMb(): number;
  stop(): Promise<void>;
}

/**
 * Starts `node bin/keyward.js serve --data-dir DIR --port 0` behind `pin` (a `taskset` prefix) and waits
 * until /readyz answers 200. The pino log goes to `serve.log` in the data directory's parent. `options`
 * adds `--db URL` and settings of its own (`KEYWARD_REDIS_URL`), for the cluster section.
 */
export async function startKeyward(
  dataDir: string,
  pin: string[],
  options: { db?: string; env?: Record<string, string> } = {},
): Promise<Keyward> {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env))
    if (!name.startsWith('KEYWARD_')) env[name] = value;
  env.KEYWARD_ADMIN_PASSWORD = ADMIN_PASSWORD;
  Object.assign(env, options.env);
  const db = options.db ? ['--db', options.db] : [];
  const log = openSync(join(dataDir, '..', `serve-${process.hrtime.bigint()}.log`), 'w');
  let started: Started;
  try {
    started = await startProcess(
      [...pin, process.execPath, BIN, 'serve', '--data-dir', dataDir, '--port', '0', ...db],
      { banner: BANNER, env, stdout: log },
    );
  } finally {
    closeSync(log);
  }
  const url = started.address;
  await untilReady(url);
  const readyMs = performance.now() - started.spawnedAt;
  return {
    url,
    pid: started.pid,
    startup: { bannerMs: started.bannerMs, readyMs },
    peakRssMb: () => peakRssMb(started.pid),
    stop: () => started.stop(),
  };
}

async function untilReady(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.status === 200) return;
    } catch {
      // not accepting yet
    }
    if (Date.now() > deadline) throw new Error(`${url}/readyz did not answer 200 within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
