import { CommanderError } from 'commander';
import { buildProgram } from './cli/program.js';
import { ConfigError } from './config.js';

/** The bin entry: 0 for success, 1 for an error, 2 for a usage error. */
const program = buildProgram().exitOverride();
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exit(error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2);
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`keyward: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`keyward: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
