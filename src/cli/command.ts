import { type Command, Option } from 'commander';
import { CliError, UsageError } from './errors.js';
import { formatOption, write } from './output.js';
import { confirm } from './prompt.js';

export function profileOption(): Option {
  return new Option('--profile <name>', 'use this profile (default: KEYWARD_PROFILE, else the current one)');
}

/**
 * A subcommand that talks to a server: it takes `--url`, which wins over KEYWARD_URL and the profile's
 * login, and `--profile`.
 */
export function clientCommand(parent: Command, spec: string, description: string): Command {
  return parent
    .command(spec)
    .description(description)
    .option('--url <url>', "server URL (default: KEYWARD_URL, else the profile's login)")
    .addOption(profileOption());
}

/**
 * The flags that go before the subcommand as well as after it: `keyward --url X whoami` is
 * `keyward whoami --url X`. Call it before adding subcommands, which inherit positional options: the
 * program's flags are then read before the subcommand only, and a subcommand reads its own after it.
 * A program flag given to a command that does not take it is a usage error, as it would be after it.
 */
export function globalOptions(program: Command): Command {
  return program
    .enablePositionalOptions()
    .option('--url <url>', 'server URL, for the commands that talk to one')
    .addOption(profileOption())
    .option('--org <org>', 'organization, for the commands that take --org')
    .addOption(formatOption().default(undefined))
    .hook('preAction', (self, action) => {
      for (const option of self.options) {
        const name = option.attributeName();
        if (self.getOptionValueSource(name) !== 'cli') continue;
        if (!action.options.some((own) => own.attributeName() === name)) {
          const path = [];
          for (let at: Command | null = action; at; at = at.parent) path.unshift(at.name());
          throw new UsageError(`"${path.join(' ')}" takes no ${option.long}`);
        }
        // The flag after the subcommand wins over the same flag before it.
        if (action.getOptionValueSource(name) !== 'cli')
          action.setOptionValueWithSource(name, self.getOptionValue(name), 'cli');
      }
    });
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
  return new Option(
    '--org <org>',
    "organization id, name or key prefix (default: KEYWARD_ORG, the profile's org, else the only one you can see)",
  );
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
