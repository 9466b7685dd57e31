import { type Command, Option } from 'commander';
import { positiveInt } from '../args.js';
import { clientCommand, orgOption, readCommand, removeAfterConfirm, skipConfirmOption } from '../command.js';
import { CONNECTION_COLUMNS, checkSummary, connectionFields, providerOf } from '../connection-view.js';
import { connect, type UrlFlag } from '../context.js';
import {
  type FormatFlag,
  fields,
  isTable,
  type ListFlags,
  noHeadersOption,
  print,
  printList,
} from '../output.js';
import { checkId, orgId } from '../resolve.js';
import { connectLinkCommands } from './connection-link.js';
import { proxyCommand } from './connection-proxy.js';
import { connectionWriteCommands } from './connection-write.js';

type Flags = UrlFlag & FormatFlag;

async function list(
  flags: UrlFlag & ListFlags & { org?: string; expiring?: boolean; limit?: number },
): Promise<void> {
  const client = await connect(flags);
  const org = await orgId(client, flags.org);
  const connections = await client.listConnections(org, { expiring: flags.expiring }, flags.limit);
  await printList(
    flags.format,
    connections,
    CONNECTION_COLUMNS,
    flags.expiring ? 'expiring connections' : 'connections',
    { headers: flags.headers },
  );
}

async function info(id: string, flags: Flags): Promise<void> {
  const client = await connect(flags);
  const connection = await client.getConnection(checkId('con', 'the connection id', id));
  const provider = isTable(flags.format) ? await providerOf(client, connection) : null;
  await print(flags.format, connection, () => fields(connectionFields(connection, provider)));
}

/** Checks the credential with the provider again: exit 0 when it still works, 1 when not. */
async function check(id: string, flags: Flags): Promise<void> {
  const client = await connect(flags);
  const connection = await client.checkConnection(checkId('con', 'the connection id', id));
  const provider = (await providerOf(client, connection))?.displayName ?? connection.provider;
  await print(flags.format, connection, () => `${checkSummary(connection, provider)}.`);
  if (!connection.lastCheck?.ok) {
    process.stderr.write(
      `keyward: ${connection.id} does not work now; give it new credentials with "keyward connection update ${connection.id}"\n`,
    );
    process.exitCode = 1;
  }
}

async function remove(id: string, flags: UrlFlag & { skipConfirm?: boolean }): Promise<void> {
  const client = await connect(flags);
  const connection = await client.getConnection(checkId('con', 'the connection id', id));
  const question = `Delete the connection ${id} ("${connection.name}", ${connection.provider})? Its credentials are erased at once.`;
  await removeAfterConfirm(question, flags, id, () => client.deleteConnection(id));
}

export function connectionCommands(program: Command): void {
  const group = program
    .command('connection')
    .description(
      "Manage an organization's connections: third-party credentials, checked and stored encrypted",
    );
  connectionWriteCommands(group);
  readCommand(group, 'list', "List an organization's connections (never their credentials)")
    .addOption(orgOption())
    .option('--expiring', 'only those that expire within 14 days, or have expired')
    .addOption(new Option('--limit <n>', 'at most this many connections').argParser(positiveInt))
    .addOption(noHeadersOption())
    .action(list);
  readCommand(
    group,
    'info <id>',
    'Show a connection: its plain fields and last check, never its credentials',
  ).action(info);
  readCommand(
    group,
    'check <id>',
    'Check the credential with its provider again; exit 1 if the provider refuses it',
  )
    .addHelpText(
      'after',
      '\nPrints what the provider answered (its status, never its body). Exit codes: 0 the provider accepted\nthe credential, 1 it refused it or could not be reached (or an error), 2 usage.',
    )
    .action(check);
  clientCommand(group, 'remove <id>', 'Delete a connection and its encrypted credentials')
    .addOption(skipConfirmOption())
    .action(remove);
  proxyCommand(group);
  connectLinkCommands(group);
}
