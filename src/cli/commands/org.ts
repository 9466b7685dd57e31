import type { Member, Organization, Role } from '@keyward/client';
import { Argument, type Command } from 'commander';
import {
  clientCommand,
  createdLine,
  readCommand,
  removeAfterConfirm,
  roleOption,
  skipConfirmOption,
} from '../command.js';
import { connect, type UrlFlag } from '../context.js';
import {
  type Column,
  columnFields,
  fields,
  type ListFlags,
  noHeadersOption,
  print,
  printList,
} from '../output.js';
import { orgId, userId } from '../resolve.js';

type Flags = UrlFlag & ListFlags;

const ORG_COLUMNS: Column<Organization>[] = [
  ['id', (org) => org.id],
  ['name', (org) => org.name],
  ['key prefix', (org) => org.keyPrefix],
  ['created', (org) => org.createdAt],
];

const MEMBER_COLUMNS: Column<Member>[] = [
  ['user id', (member) => member.userId],
  ['username', (member) => member.username],
  ['role', (member) => member.role],
  ['added', (member) => member.createdAt],
];

async function create(name: string, flags: Flags & { prefix?: string }): Promise<void> {
  const client = await connect(flags);
  const org = await client.createOrganization({ name, keyPrefix: flags.prefix });
  await print(flags.format, org, () => createdLine(`/v1/organizations/${org.id}`));
}

async function list(flags: Flags): Promise<void> {
  const client = await connect(flags);
  await printList(flags.format, await client.listOrganizations(), ORG_COLUMNS, 'organizations', {
    headers: flags.headers,
  });
}

async function info(ref: string, flags: Flags): Promise<void> {
  const client = await connect(flags);
  const org = await client.getOrganization(await orgId(client, ref));
  await print(flags.format, org, () => fields(columnFields(ORG_COLUMNS, org)));
}

async function rename(ref: string, name: string, flags: Flags): Promise<void> {
  const client = await connect(flags);
  const org = await client.renameOrganization(await orgId(client, ref), name);
  await print(flags.format, org, () => `Renamed ${ref} to ${org.name} (${org.id}).`);
}

async function remove(ref: string, flags: UrlFlag & { skipConfirm?: boolean }): Promise<void> {
  const client = await connect(flags);
  const id = await orgId(client, ref);
  const question = `Delete the organization ${ref} (${id}) with its members, service users and keys? Its keys stop working at once.`;
  await removeAfterConfirm(question, flags, ref, () => client.deleteOrganization(id));
}

async function addMember(
  ref: string,
  user: string,
  flags: Flags & { role: 'admin' | 'member' },
): Promise<void> {
  const client = await connect(flags);
  const org = await orgId(client, ref);
  const member = await client.addMember(org, { userId: await userId(client, user), role: flags.role });
  await print(flags.format, member, () => `Added ${member.username} to ${ref} as ${member.role}.`);
}

async function setRole(ref: string, user: string, role: Role, flags: Flags): Promise<void> {
  const client = await connect(flags);
  const org = await orgId(client, ref);
  const member = await client.setMemberRole(org, await userId(client, user), role);
  await print(
    flags.format,
    member,
    () => `${member.username} is now ${member.role === 'admin' ? 'an admin' : 'a member'} of ${ref}.`,
  );
}

async function removeMember(
  ref: string,
  user: string,
  flags: UrlFlag & { skipConfirm?: boolean },
): Promise<void> {
  const client = await connect(flags);
  const org = await orgId(client, ref);
  const id = await userId(client, user);
  const question = `Remove ${user} from ${ref}? Their keys in it stop working at once.`;
  await removeAfterConfirm(question, flags, `the membership of ${user}`, () => client.removeMember(org, id));
}

async function listMembers(ref: string, flags: Flags): Promise<void> {
  const client = await connect(flags);
  await printList(
    flags.format,
    await client.listMembers(await orgId(client, ref)),
    MEMBER_COLUMNS,
    'members',
    { headers: flags.headers },
  );
}

export function orgCommands(program: Command): void {
  const group = program.command('org').description('Manage organizations and their members');
  readCommand(group, 'create <name>', 'Create an organization; you become its admin')
    .option('--prefix <prefix>', 'key prefix, 2–16 of a-z and 0-9 (default: kw)')
    .action(create);
  readCommand(group, 'list', 'List the organizations you can see').addOption(noHeadersOption()).action(list);
  readCommand(group, 'info <org>', 'Show an organization, by id, name or key prefix').action(info);
  readCommand(group, 'rename <org> <new-name>', 'Rename an organization; its key prefix stays').action(
    rename,
  );
  clientCommand(group, 'delete <org>', 'Delete an organization with its members, service users and keys')
    .addOption(skipConfirmOption())
    .action(remove);
  const member = group.command('member').description("Manage an organization's members");
  readCommand(member, 'add <org> <user>', 'Add a user to an organization')
    .addOption(roleOption('member'))
    .action(addMember);
  readCommand(member, 'set-role <org> <user>', "Change a member's role; their keys act with it at once")
    .addArgument(new Argument('<role>', 'the new role').choices(['admin', 'member']))
    .action(setRole);
  clientCommand(member, 'remove <org> <user>', 'Remove a member; their keys in the organization stop working')
    .addOption(skipConfirmOption())
    .action(removeMember);
  readCommand(member, 'list <org>', "List an organization's members")
    .addOption(noHeadersOption())
    .action(listMembers);
}
