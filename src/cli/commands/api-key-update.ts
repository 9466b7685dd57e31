import type { KeyChange } from '@keyward/client';
import { type Command, Option } from 'commander';
import { collectPermissions, type MetaFlag, metaParser, textUpTo } from '../args.js';
import { readCommand } from '../command.js';
import { connect, type UrlFlag } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import { findKey, type KeyRef, keyArgument, keyIdOf } from '../key-ref.js';
import { keyRecord } from '../key-view.js';
import { cell, type FormatFlag, print } from '../output.js';
import { warnAboutScopes } from '../scopes.js';

type Flags = UrlFlag & FormatFlag;

interface UpdateFlags extends Flags {
  name?: string;
  description?: string;
  meta?: MetaFlag;
  scope?: string[];
}

/** What PATCH /v1/apikeys/{keyId} changes, from the flags: an empty description removes it. */
function changeOf(flags: UpdateFlags): KeyChange {
  const change: KeyChange = {};
  if (flags.name !== undefined) change.name = flags.name;
  if (flags.description !== undefined)
    change.description = flags.description === '' ? null : flags.description;
  if (flags.meta !== undefined) change.meta = flags.meta.value;
  if (flags.scope !== undefined) change.scopes = flags.scope;
  return change;
}

async function update(ref: KeyRef, flags: UpdateFlags): Promise<void> {
  const change = changeOf(flags);
  if (Object.keys(change).length === 0)
    throw new UsageError('nothing to change: give --name, --description, --meta or --scope');
  warnAboutScopes(flags.scope);
  const client = await connect(flags);
  const key = await client.updateKey(await keyIdOf(client, ref), change);
  await print(flags.format, keyRecord(key), () => `Updated ${key.id} ("${key.name}").`);
}

/**
 * `disable` and `enable`. A key that is so already is an error, not a second PATCH: disabling again would
 * stamp the disablement with the caller's rank, which may be lower than the rank that made it.
 */
function setEnabled(enabled: boolean) {
  const state = enabled ? 'enabled' : 'disabled';
  return async (ref: KeyRef, flags: Flags): Promise<void> => {
    const client = await connect(flags);
    const key = await findKey(client, ref);
    if (key.revokedAt)
      throw new CliError(`${key.id} was revoked at ${cell(key.revokedAt)}; a revoked key stays revoked`);
    if (key.enabled === enabled) throw new CliError(`${key.id} is ${state} already`);
    const changed = await client.updateKey(key.id, { enabled });
    await print(flags.format, keyRecord(changed), () => {
      const done = `${enabled ? 'Enabled' : 'Disabled'} ${changed.id} ("${changed.name}")`;
      return enabled ? `${done}.` : `${done}: it stops working at once.`;
    });
  };
}

export function updateCommands(group: Command): void {
  readCommand(group, 'update', "Change a key's name, description, meta or scopes (scopes only narrow)")
    .addArgument(keyArgument())
    .addOption(new Option('--name <name>', 'the new name').argParser(textUpTo(200)))
    .addOption(
      new Option('--description <text>', "the new description; '' removes it").argParser(
        textUpTo(1000, true),
      ),
    )
    .addOption(
      new Option('--meta <json>', 'a JSON object that replaces the meta; null removes it').argParser(
        metaParser(true),
      ),
    )
    .option(
      '--scope <permission>',
      "the key's scopes from now on, within its current ones (repeat, or separate with commas)",
      collectPermissions,
    )
    .action(update);
  readCommand(group, 'disable', 'Disable a key: it stops working until enabled again')
    .addArgument(keyArgument())
    .action(setEnabled(false));
  readCommand(group, 'enable', 'Enable a disabled key again')
    .addArgument(keyArgument())
    .action(setEnabled(true));
}
