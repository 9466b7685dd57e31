import type { Command } from 'commander';
import { type Flags, loadConfig } from '../config.js';
import { serverEnv } from './env.js';
import { isServerProcess, runWorkers } from './workers.js';

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
      if (config.workers > 1 && !isServerProcess()) {
        runWorkers(config.workers, (line) => process.stderr.write(`${line}\n`));
        return;
      }
      // Loaded here, not at the top: Fastify, pino and SQLite are for the server, not for the client commands.
      const [{ createLogger }, { startServer }] = await Promise.all([
        import('../logger.js'),
        import('../server.js'),
      ]);
      const logger = createLogger(config.logLevel);
      const running = await startServer(config, logger, (line) => process.stderr.write(`${line}\n`));
      const shutdown = (signal: string) => {
        logger.info({ signal }, 'shutting down');
        running.stop().then(
          () => process.exit(0),
          (error) => {
            logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
    });
}
