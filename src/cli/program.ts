import { Command } from 'commander';
import { globalOptions } from './command.js';
import { apiCommand } from './commands/api.js';
import { apiKeyCommands } from './commands/api-key.js';
import { auditCommands } from './commands/audit.js';
import { authCommands } from './commands/auth.js';
import { completionCommand } from './commands/completion.js';
import { configCommands } from './commands/config.js';
import { connectionCommands } from './commands/connection.js';
import { orgCommands } from './commands/org.js';
import { providerCommands } from './commands/provider.js';
import { scanCommand } from './commands/scan.js';
import { serviceUserCommands } from './commands/service-user.js';
import { userCommands } from './commands/user.js';
import { vaultCommands } from './commands/vault.js';
import { serveCommand } from './serve.js';

/**
 * The `keyward` program. Modules that are heavy to load (the server, the keychain, the prompts, YAML)
 * are imported only by the commands that use them, so `keyward --help` and client commands start fast.
 */
export function buildProgram(): Command {
  // exitOverride before the subcommands exist, so that they inherit it: their usage errors then reach
  // main as CommanderErrors (exit 2) instead of exiting 1 inside commander.
  const program = new Command('keyward')
    .description(
      'Keyward: issue, verify, revoke, rotate and audit API keys, and hold the third-party keys an organization uses',
    )
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)');
  // Also before the subcommands: they inherit positional options, so that each reads its own flags.
  globalOptions(program);
  serveCommand(program);
  authCommands(program);
  apiKeyCommands(program);
  userCommands(program);
  serviceUserCommands(program);
  orgCommands(program);
  auditCommands(program);
  providerCommands(program);
  connectionCommands(program);
  vaultCommands(program);
  scanCommand(program);
  configCommands(program);
  apiCommand(program);
  completionCommand(program);
  return program;
}
