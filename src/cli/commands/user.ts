import type { KeywardClient, User, UserChange } from '@keyward/client';
import type { Command } from 'commander';
import {
  clientCommand,
  createdLine,
  readCommand,
  removeAfterConfirm,
  skipConfirmOption,
} from '../command.js';
import { connect, type UrlFlag } from '../context.js';
import {
  type Column,
  columnFields,
  type FormatFlag,
  fields,
  type ListFlags,
  noHeadersOption,
  print,
  printList,
} from '../output.js';
import { readSecret, readSecrets } from '../prompt.js';
import { userId } from '../resolve.js';

type Flags = UrlFlag & FormatFlag;

const COLUMNS: Column<User>[] = [
  ['id', (user) => user.id],
  ['username', (user) => user.username],
  ['cluster admin', (user) => (user.clusterAdmin ? 'yes' : 'no')],
  ['disabled', (user) => (user.disabled ? 'yes' : 'no')],
  ['created', (user) => user.createdAt],
];

async function create(username: string, flags: Flags & { clusterAdmin?: boolean }): Promise<void> {
  const client = await connect(flags);
  const password = await readSecret('password', { repeat: true });
  const user = await client.createUser({ username, password, clusterAdmin: flags.clusterAdmin });
  await print(flags.format, user, () => createdLine(`/v1/users/${user.id}`));
}

async function info(ref: string, flags: Flags): Promise<void> {
  const client = await connect(flags);
  const user = await client.getUser(await userId(client, ref));
  await print(flags.format, user, () => fields(columnFields(COLUMNS, user)));
}

async function list(flags: UrlFlag & ListFlags): Promise<void> {
  const client = await connect(flags);
  await printList(flags.format, await client.listUsers(), COLUMNS, 'users', { headers: flags.headers });
}

/** `disable`, `enable` and `passwd`: one PATCH each, and a line that says what changed. */
function patch(change: (client: KeywardClient, id: string) => Promise<UserChange>, done: string) {
  return async (ref: string, flags: Flags) => {
    const client = await connect(flags);
    const id = await userId(client, ref);
    const user = await client.updateUser(id, await change(client, id));
    await print(flags.format, user, () => `${done} ${user.username} (${user.id}).`);
  };
}

/**
 * A new password. One's own changes only with the current one, asked for first, so that whoever holds
 * a session token alone cannot take the account; a cluster admin resets another's without it.
 */
async function passwordChange(client: KeywardClient, id: string): Promise<UserChange> {
  if ((await client.me()).id !== id) return { password: await readSecret('new password', { repeat: true }) };
  const [currentPassword, password] = await readSecrets([
    { label: 'current password' },
    { label: 'new password', repeat: true },
  ]);
  return { currentPassword, password };
}

async function remove(ref: string, flags: UrlFlag & { skipConfirm?: boolean }): Promise<void> {
  const client = await connect(flags);
  const id = await userId(client, ref);
  const question = `Delete the user ${ref} (${id})? Their keys are revoked at once.`;
  await removeAfterConfirm(question, flags, ref, () => client.deleteUser(id));
}

export function userCommands(program: Command): void {
  const group = program
    .command('user')
    .description('Manage users (cluster admins; anyone may change their own password)');
  readCommand(group, 'create <username>', 'Create a user; the password is read from a hidden prompt or stdin')
    .option('--cluster-admin', 'make the user a cluster admin')
    .action(create);
  readCommand(group, 'list', 'List users').addOption(noHeadersOption()).action(list);
  readCommand(group, 'info <user>', 'Show a user, by username or id').action(info);
  readCommand(group, 'disable <user>', 'Disable a user; their keys and tokens stop working at once').action(
    patch(async () => ({ disabled: true }), 'Disabled'),
  );
  readCommand(group, 'enable <user>', 'Enable a disabled user again').action(
    patch(async () => ({ disabled: false }), 'Enabled'),
  );
  readCommand(group, 'passwd <user>', "Change a user's password, read from hidden prompts or stdin")
    .addHelpText(
      'after',
      '\nYour own password needs the current one: on a terminal it is asked for first; from stdin,' +
        '\ngive the current password on the first line and the new one on the second.' +
        "\nA cluster admin resetting another user's password gives only the new one.",
    )
    .action(patch(passwordChange, 'Changed the password of'));
  clientCommand(group, 'delete <user>', 'Delete a user; their keys are revoked')
    .addOption(skipConfirmOption())
    .action(remove);
}
