import type { Connection, ConnectionChange, Provider } from '@keyward/client';
import { type Command, Option } from 'commander';
import { parseFutureTime } from '../args.js';
import { createdLine, orgOption, readCommand } from '../command.js';
import {
  type ConfigFlags,
  configFrom,
  configOptions,
  givesConfig,
  requireConfig,
  sameConfig,
} from '../connection-input.js';
import { credentialsFrom, givesSecrets, type SecretFlags, secretOptions } from '../connection-secrets.js';
import { checkSummary, providerNamed } from '../connection-view.js';
import { connect, type UrlFlag } from '../context.js';
import { type FormatFlag, print } from '../output.js';
import { checkId, orgId } from '../resolve.js';

/** `--expires never`: the credential does not expire. */
const NEVER = 'never';

interface WriteFlags extends UrlFlag, FormatFlag, SecretFlags, ConfigFlags {
  name?: string;
}

/** The check that came with a write, on stderr: stdout holds only the answer. */
function reportCheck(connection: Connection, provider: string): void {
  process.stderr.write(
    connection.lastCheck
      ? `Checked: ${checkSummary(connection, provider)}.\n`
      : `Stored unchecked: ${provider} has no verification request.\n`,
  );
}

async function add(
  providerName: string,
  flags: WriteFlags & { org?: string; expires?: string },
): Promise<void> {
  const client = await connect(flags);
  const provider = await providerNamed(client, providerName);
  const config = configFrom(provider, flags);
  requireConfig(provider, config);
  // The organization before the secrets, so that a wrong --org fails before anyone types a token.
  const org = await orgId(client, flags.org);
  const credentials = await credentialsFrom(provider, flags);
  const connection = await client.createConnection(org, {
    provider: provider.name,
    name: flags.name,
    config,
    credentials,
    expiresAt: flags.expires,
  });
  await print(flags.format, connection, () => createdLine(`/v1/connections/${connection.id}`));
  reportCheck(connection, provider.displayName);
}

/**
 * Why an update needs credentials it was not given, or undefined when it does not: new plain fields
 * (the server sends a stored credential only where it was checked), or no change named at all, which
 * is the rotation a person comes for.
 */
function credentialsWanted(
  provider: Provider,
  change: ConnectionChange,
  current: Connection,
  flags: WriteFlags,
): string | undefined {
  if (givesSecrets(flags)) return undefined;
  if (change.config && !sameConfig(change.config, current.config)) {
    const config = change.config;
    const changed = Object.keys({ ...config, ...current.config }).filter(
      (name) => config[name] !== current.config[name],
    );
    const display = provider.displayName;
    return `the ${changed.join(' and ')} change${changed.length === 1 ? 's' : ''}, so ${display}'s credentials must be given again: Keyward sends them only where ${display} has checked them`;
  }
  if (Object.keys(change).length === 0)
    return 'no change was named (--name, --hostname, --config, --expires), so update takes new credentials';
  return undefined;
}

/**
 * Renames, re-dates, changes plain fields (merged over the current ones) or replaces the credentials,
 * which new plain fields need too. With no change named, it asks for new credentials.
 */
async function update(id: string, flags: WriteFlags & { expires?: string }): Promise<void> {
  const client = await connect(flags);
  const current = await client.getConnection(checkId('con', 'the connection id', id));
  const provider = await providerNamed(client, current.provider);
  const change: ConnectionChange = {};
  if (flags.name !== undefined) change.name = flags.name;
  if (flags.expires !== undefined) change.expiresAt = flags.expires === NEVER ? null : flags.expires;
  if (givesConfig(flags)) {
    change.config = configFrom(provider, flags, current.config);
    requireConfig(provider, change.config);
  }
  const because = credentialsWanted(provider, change, current, flags);
  if (givesSecrets(flags) || because) change.credentials = await credentialsFrom(provider, flags, because);
  const updated = await client.updateConnection(current.id, change);
  await print(flags.format, updated, () => `Updated ${updated.id} ("${updated.name}").`);
  if (change.credentials) reportCheck(updated, provider.displayName);
}

function expiresOption(allowNever: boolean): Option {
  const help = allowNever
    ? 'when the credential expires: ISO 8601, a duration from now (90d), or never'
    : 'when the credential expires: ISO 8601, or a duration from now (90d)';
  return new Option('--expires <time>', help).argParser((text: string) =>
    // Not null for never: commander turns an option's null into ''.
    allowNever && text === NEVER ? NEVER : parseFutureTime(text, allowNever ? NEVER : undefined),
  );
}

const SECRETS_HELP = `
The secret fields (SentinelOne's API token, a BASIC provider's username and password) come from:
  a hidden prompt        on a terminal, for each one not given otherwise
  standard input         when it is not a terminal: the token, or one secret a line in form order
  --token-stdin          standard input holds the token: the one secret field not given by name
  --credentials-stdin    standard input holds name=value lines, one per secret field
  --credential name=value, --token <token>
                         arguments: others on this machine can read them, so each warns on stderr
A secret is never printed. "keyward provider info <provider>" lists a provider's fields.`;

export function connectionWriteCommands(group: Command): void {
  const addCommand = readCommand(
    group,
    'add <provider>',
    'Connect a third-party API: its credential is checked with the provider, then stored encrypted',
  )
    .addOption(orgOption())
    .option('--name <name>', 'name of the connection (default: the provider)');
  configOptions(addCommand).addOption(expiresOption(false));
  secretOptions(addCommand).addHelpText('after', SECRETS_HELP).action(add);

  const updateCommand = readCommand(
    group,
    'update <id>',
    'Rename a connection, change its expiry or plain fields, or replace its credentials',
  ).option('--name <name>', 'new name');
  configOptions(updateCommand).addOption(expiresOption(true));
  secretOptions(updateCommand)
    .addHelpText(
      'after',
      `${SECRETS_HELP}
Plain fields not named keep their values (--config name= removes an optional one). New credentials
replace the whole set and are checked with the provider before anything changes. New plain fields
need the credentials again: Keyward sends a stored credential only where the provider checked it. Given
no change at all, update asks for new credentials.`,
    )
    .action(update);
}
