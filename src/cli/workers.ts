import cluster, { type Worker } from 'node:cluster';

/**
 * `keyward serve --workers N`: this process forks N processes of itself that share its port (Node's
 * cluster module hands them the connections), so that one machine's cores serve one address. Each worker
 * is a whole Keyward server on the shared PostgreSQL; they learn each other's changes as any two
 * processes do. SIGTERM or SIGINT here is passed on, and this process exits once every worker has, 0 when
 * they all shut down cleanly. A worker that dies while the server runs is replaced.
 */
export function runWorkers(count: number, say: (line: string) => void): void {
  let stopping = false;
  let failed = false;
  const fork = (): Worker => cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (code !== 0) failed = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
      return;
    }
    say(`keyward: worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker?.process.kill(signal);
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < count; i++) fork();
}

/** True in a process that `runWorkers` forked, and in a server run without workers. */
export function isServerProcess(): boolean {
  return cluster.isWorker;
}
