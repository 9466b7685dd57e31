import type { Command } from 'commander';
import { type Flags, loadConfig } from '../config.js';
import { serverEnv } from './env.js';
import { isServerProcess, runWorkers } from './workers.js';

/** How often a server that npm exec started looks for npm. */
const NPM_WATCH_MS = 1000;

/**
 * `npx keyward serve & … kill $!` signals npm, which passes the signal to the shell it runs the bin in,
 * and that shell dies without passing it on: the server would be left running, with no parent. So a
 * server that npm exec started (`npm_command` is `exec`) checks every second that its parent is still
 * the one that started it, and once that one is gone stops as SIGTERM stops it. Any other server outlives
 * its shell, as `nohup keyward serve &` means it to. Call it once the SIGTERM handler is in place.
 */
function stopWithNpmExec(say: (line: string) => void): void {
  if (serverEnv().npm_command !== 'exec') return;
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    say('keyward: npm exec, which started this server, has exited; shutting down');
    process.kill(process.pid, 'SIGTERM');
  }, NPM_WATCH_MS);
  watch.unref();
  // A signal that came first (Ctrl-C reaches npm, its shell and the server at once) is stopping it already.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => clearInterval(watch));
}

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the Keyward server (embedded SQLite by default)')
    .option('--host <host>', 'address to listen on (KEYWARD_HOST)', undefined)
    .option('--port <port>', 'port to listen on, default 7373 (KEYWARD_PORT)')
    .option('--data-dir <dir>', 'where the database and secrets live, default ~/.keyward (KEYWARD_DATA_DIR)')
    .option('--db <url>', 'postgres:// URL instead of the embedded SQLite (KEYWARD_DB_URL)')
    .option('--workers <n>', 'processes sharing the port, on PostgreSQL; default 1 (KEYWARD_WORKERS)')
    .option(
      '--outbound-allow <cidrs>',
      'private or loopback ranges that connections may reach, comma-separated (KEYWARD_OUTBOUND_ALLOW)',
    )
    .action(async (flags: Flags) => {
      // Everything the server writes (database, WAL, secrets) is for its owner alone.
      process.umask(0o077);
      const config = loadConfig(flags, serverEnv());
      const say = (line: string) => process.stderr.write(`${line}\n`);
      if (config.workers > 1 && !isServerProcess()) {
        runWorkers(config.workers, say);
        stopWithNpmExec(say);
        return;
      }
      // Loaded here, not at the top: Fastify, pino and SQLite are for the server, not for the client commands.
      const [{ createLogger }, { startServer }] = await Promise.all([
        import('../logger.js'),
        import('../server.js'),
      ]);
      const logger = createLogger(config.logLevel);
      // The handlers go in as the server starts, not after: a SIGTERM that found none would kill the process
      // outright, and one sent as the banner appears (by a supervisor, or a test) can arrive before
      // startServer's caller runs again. A signal during start-up stops the server once it has started.
      const started = startServer(config, logger, say);
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        started
          .then((running) => running.stop())
          .then(
            () => process.exit(0),
            (error) => {
              logger.error({ err: error }, 'shutdown failed');
              process.exit(1);
            },
          );
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
      await started;
      if (!isServerProcess()) stopWithNpmExec(say);
    });
}
