import type { ServiceUser } from '@keyward/client';
import { type Command, Option } from 'commander';
import { parseFutureTime, parsePositiveDuration } from '../args.js';
import {
  clientCommand,
  createdLine,
  orgOption,
  readCommand,
  removeAfterConfirm,
  roleOption,
  skipConfirmOption,
} from '../command.js';
import { connect, type UrlFlag } from '../context.js';
import { UsageError } from '../errors.js';
import {
  type Column,
  columnFields,
  fields,
  type ListFlags,
  noHeadersOption,
  print,
  printList,
} from '../output.js';
import { orgId, serviceUserId } from '../resolve.js';

type Flags = UrlFlag & ListFlags & { org?: string };

const COLUMNS: Column<ServiceUser>[] = [
  ['id', (svc) => svc.id],
  ['name', (svc) => svc.name],
  ['role', (svc) => svc.role],
  ['expires', (svc) => svc.expiresAt],
  ['created', (svc) => svc.createdAt],
  ['description', (svc) => svc.description],
];

async function create(
  name: string,
  flags: Flags & { role: 'admin' | 'member'; description?: string; ttl?: number },
): Promise<void> {
  const client = await connect(flags);
  const org = await orgId(client, flags.org);
  const expiresAt =
    flags.ttl === undefined ? undefined : new Date(Date.now() + flags.ttl * 1000).toISOString();
  const svc = await client.createServiceUser(org, {
    name,
    role: flags.role,
    description: flags.description,
    expiresAt,
  });
  await print(flags.format, svc, () => createdLine(`/v1/organizations/${org}/service-users/${svc.id}`));
}

async function list(flags: Flags): Promise<void> {
  const client = await connect(flags);
  await printList(
    flags.format,
    await client.listServiceUsers(await orgId(client, flags.org)),
    COLUMNS,
    'service users',
    { headers: flags.headers },
  );
}

async function info(ref: string, flags: Flags): Promise<void> {
  const client = await connect(flags);
  const org = await orgId(client, flags.org);
  const svc = await client.getServiceUser(org, await serviceUserId(client, org, ref));
  await print(flags.format, svc, () => fields([['Organization', svc.orgId], ...columnFields(COLUMNS, svc)]));
}

/** `--expires never`: the service user does not expire. */
const NEVER = 'never';

interface Change {
  name?: string;
  description?: string;
  role?: 'admin' | 'member';
  expires?: string;
}

async function update(ref: string, flags: Flags & Change): Promise<void> {
  const { name, description, role, expires } = flags;
  if ([name, description, role, expires].every((value) => value === undefined))
    throw new UsageError('name a change: --name, --description, --role or --expires');
  const client = await connect(flags);
  const org = await orgId(client, flags.org);
  const svc = await client.updateServiceUser(org, await serviceUserId(client, org, ref), {
    name,
    // An empty description removes it, as never removes the expiry.
    description: description === '' ? null : description,
    role,
    expiresAt: expires === NEVER ? null : expires,
  });
  await print(flags.format, svc, () => `Updated ${svc.name} (${svc.id}).`);
}

async function remove(ref: string, flags: UrlFlag & { org?: string; skipConfirm?: boolean }): Promise<void> {
  const client = await connect(flags);
  const org = await orgId(client, flags.org);
  const id = await serviceUserId(client, org, ref);
  const question = `Delete the service user ${ref} (${id})? Its keys are revoked at once.`;
  await removeAfterConfirm(question, flags, ref, () => client.deleteServiceUser(org, id));
}

export function serviceUserCommands(program: Command): void {
  const group = program
    .command('service-user')
    .description("Manage an organization's service users: principals that authenticate only with API keys");
  readCommand(group, 'create <name>', 'Create a service user')
    .addOption(orgOption())
    .addOption(roleOption('member'))
    .option('--description <text>', 'what the service user is for')
    .addOption(
      new Option('--ttl <duration>', 'expire after this long, such as 90d').argParser(parsePositiveDuration),
    )
    .action(create);
  readCommand(group, 'list', "List an organization's service users")
    .addOption(orgOption())
    .addOption(noHeadersOption())
    .action(list);
  readCommand(group, 'info <service-user>', 'Show a service user, by name or id')
    .addOption(orgOption())
    .action(info);
  readCommand(group, 'update <service-user>', "Change a service user's name, description, role or expiry")
    .addOption(orgOption())
    .option('--name <name>', 'the new name')
    .option('--description <text>', 'what the service user is for; "" removes it')
    .addOption(roleOption())
    .addOption(
      new Option(
        '--expires <time>',
        'when it expires: ISO 8601, a duration from now (90d), or never',
      ).argParser(
        // Not null for never: commander turns an option's null into ''.
        (text: string) => (text === NEVER ? NEVER : parseFutureTime(text, NEVER)),
      ),
    )
    .action(update);
  clientCommand(group, 'delete <service-user>', 'Delete a service user; its keys are revoked')
    .addOption(orgOption())
    .addOption(skipConfirmOption())
    .action(remove);
}
