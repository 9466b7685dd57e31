import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * better-sqlite3 for the running Node. Version 12 is the last that runs on Node 20, but on Node 24.19+
 * its Statement destructor aborts the process during garbage collection (nodejs/node#65446). Version 13,
 * built on Node-API, runs on Node 22+ and crashes on 20. Both are installed, 13 under the alias
 * `better-sqlite3-napi`, and the one that works here is loaded. Their APIs are the same.
 */
export function loadSqlite(): typeof BetterSqlite3 {
  return createRequire(import.meta.url)(driverName()) as typeof BetterSqlite3;
}

function driverName(): string {
  const major = Number(process.versions.node.split('.')[0]);
  return major >= 22 ? 'better-sqlite3-napi' : 'better-sqlite3';
}

/** A connection, as either version opens it. */
export type SqliteDatabase = BetterSqlite3.Database;

/**
 * The worker that checkpoints the WAL. It runs on its own thread with its own connection, so that the
 * fsync a checkpoint ends with never stalls the event loop: done on the request path by SQLite's
 * automatic checkpoint, it cost every write about 70 µs on average and blocked verifications for up to
 * 20 ms at a time. Source text rather than a file, so that it runs the same from `src/` and `dist/`.
 */
const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error && error.message));
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/** A running checkpoint worker; `stop` runs a last checkpoint and waits for the thread to end. */
export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(
  file: string,
  intervalMs: number,
  onError: (message: string) => void,
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve(driverName());
  const worker = new Worker(CHECKPOINT_WORKER, { eval: true, workerData: { driver, file, intervalMs } });
  worker.on('message', (message: string) => onError(message));
  worker.on('error', (error) => onError(error.message));
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stop() {
      // Held by nothing else while it runs, the process could otherwise end before the worker does.
      worker.ref();
      worker.postMessage('stop');
      return exited;
    },
  };
}
