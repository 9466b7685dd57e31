import { failure } from './cli/errors.js';
import { buildProgram } from './cli/program.js';

/** The bin entry: 0 for success, 1 for an error, 2 for a usage error (src/cli/errors.ts decides). */
try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  const { message, exitCode } = failure(error);
  if (message) process.stderr.write(`keyward: ${message}\n`);
  process.exit(exitCode);
}
