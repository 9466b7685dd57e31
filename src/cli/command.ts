import { type Command, Option } from 'commander';
import { CliError } from './errors.js';
import { formatOption, write } from './output.js';
import { confirm } from './prompt.js';

/** A subcommand that talks to a server: it takes `--url`, which wins over KEYWARD_URL and the stored login. */
export function clientCommand(parent: Command, spec: string, description: string): Command {
  return parent
    .command(spec)
    .description(description)
    .option('--url <url>', 'server URL (default: KEYWARD_URL, else the stored login)');
}

/** A client command that prints records: `--format table|json|yaml`. */
export function readCommand(parent: Command, spec: string, description: string): Command {
  return clientCommand(parent, spec, description).addOption(formatOption());
}

export function skipConfirmOption(): Option {
  return new Option('--skip-confirm', 'do not ask for confirmation');
}

export function roleOption(fallback?: string): Option {
  const option = new Option('--role <role>', 'role').choices(['admin', 'member']);
  return fallback ? option.default(fallback) : option;
}

export function orgOption(): Option {
  return new Option('--org <org>', 'organization id, name or key prefix (default: the only one you can see)');
}

/** `Created: <path>`: the table form of every create, the Sensu shape. */
export function createdLine(path: string): string {
  return `Created: ${path}`;
}

/** Asks first, unless `--skip-confirm`; a "no" changes nothing and exits 1. Prints `Deleted` (Sensu). */
export async function removeAfterConfirm(
  question: string,
  flags: { skipConfirm?: boolean },
  what: string,
  remove: () => Promise<unknown>,
): Promise<void> {
  if (!(await confirm(question, flags.skipConfirm === true)))
    throw new CliError(`cancelled; ${what} is unchanged`);
  await remove();
  write('Deleted');
}
