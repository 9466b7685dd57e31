import type { ConnectSession } from '@keyward/client';
import { type Command, Option } from 'commander';
import { parsePositiveDuration, positiveInt } from '../args.js';
import {
  clientCommand,
  createdLine,
  orgOption,
  readCommand,
  removeAfterConfirm,
  skipConfirmOption,
} from '../command.js';
import { connect, type UrlFlag } from '../context.js';
import {
  type Column,
  type FormatFlag,
  type ListFlags,
  noHeadersOption,
  print,
  printList,
} from '../output.js';
import { checkId, orgId } from '../resolve.js';

/**
 * Connect links: someone without a Keyward account connects one of the named providers, once, with the
 * link's token (docs/connections.md, Connect links). The token is printed once, on the last line.
 */

const LINK_COLUMNS: Column<ConnectSession>[] = [
  ['ID', (s) => s.id],
  ['PROVIDERS', (s) => s.providers.join(', ')],
  ['STATUS', (s) => s.status],
  ['EXPIRES', (s) => s.expiresAt],
  ['CONNECTION', (s) => s.connectionId ?? ''],
];

async function link(
  providers: string[],
  flags: UrlFlag & FormatFlag & { org?: string; name?: string; expires?: number },
): Promise<void> {
  const client = await connect(flags);
  const org = await orgId(client, flags.org);
  const made = await client.createConnectSession(org, {
    providers,
    ...(flags.name === undefined ? {} : { connectionName: flags.name }),
    ...(flags.expires === undefined ? {} : { expiresIn: flags.expires }),
  });
  await print(flags.format, made, () => `${createdLine(`/v1/connect-sessions/${made.id}`)}\n${made.token}`);
  process.stderr.write(
    `The token above is shown once. Whoever holds it may connect ${providers.join(' or ')} to this organization, once, until ${made.expiresAt}.\n`,
  );
}

async function links(flags: UrlFlag & ListFlags & { org?: string; limit?: number }): Promise<void> {
  const client = await connect(flags);
  const org = await orgId(client, flags.org);
  await printList(
    flags.format,
    await client.listConnectSessions(org, flags.limit),
    LINK_COLUMNS,
    'connect links',
    { headers: flags.headers },
  );
}

async function unlink(id: string, flags: UrlFlag & { skipConfirm?: boolean }): Promise<void> {
  const client = await connect(flags);
  checkId('cns', 'the connect link id', id);
  await removeAfterConfirm(`End the connect link ${id}? It stops working at once.`, flags, id, () =>
    client.deleteConnectSession(id),
  );
}

export function connectLinkCommands(group: Command): void {
  readCommand(
    group,
    'link <providers...>',
    'Make a link with which someone without an account connects a provider, once',
  )
    .addOption(orgOption())
    .option('--name <name>', 'the name the connection takes (default: the provider)')
    .addOption(
      new Option(
        '--expires <duration>',
        'how long the link lasts: 30m, 12h, 7d at most (default 30m)',
      ).argParser(parsePositiveDuration),
    )
    .action(link);
  readCommand(group, 'links', "List an organization's connect links, open and ended (never their tokens)")
    .addOption(orgOption())
    .addOption(new Option('--limit <n>', 'at most this many links').argParser(positiveInt))
    .addOption(noHeadersOption())
    .action(links);
  clientCommand(group, 'unlink <id>', 'End a connect link; a connection made through it stays')
    .addOption(skipConfirmOption())
    .action(unlink);
}
