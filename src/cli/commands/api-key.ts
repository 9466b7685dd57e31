import type { ApiKey, CreatedKey, KeywardClient } from '@keyward/client';
import { type Command, Option } from 'commander';
import { type ApiKeyFlags, apiKeyFrom, apiKeyOptions } from '../api-key-flags.js';
import {
  collectPermissions,
  durationUpTo,
  type MetaFlag,
  metaParser,
  positiveInt,
  textUpTo,
} from '../args.js';
import {
  clientCommand,
  createdLine,
  orgOption,
  readCommand,
  roleOption,
  skipConfirmOption,
} from '../command.js';
import { connect, type UrlFlag } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import { findKey, type KeyRef, keyArgument, keyIdOf } from '../key-ref.js';
import { keyColumns, keyFields, keyRecord, type Names, wideKeyColumns } from '../key-view.js';
import {
  cell,
  type FormatFlag,
  fields,
  isTable,
  type ListFlags,
  noHeadersOption,
  print,
  printList,
  write,
} from '../output.js';
import { confirm } from '../prompt.js';
import { orgId, ownerId, ownerNames } from '../resolve.js';
import { warnAboutScopes } from '../scopes.js';
import { importCommand } from './api-key-import.js';
import { updateCommands } from './api-key-update.js';

type Flags = UrlFlag & FormatFlag;

/** Names of organizations and owners for a table; json and yaml print ids, and need none. */
async function namesFor(
  client: KeywardClient,
  format: FormatFlag['format'],
  orgIds: string[],
): Promise<Names> {
  const names: Names = { orgs: new Map(), owners: new Map() };
  if (!isTable(format)) return names;
  for (const org of await client.listOrganizations()) names.orgs.set(org.id, org.name);
  for (const org of new Set(orgIds))
    for (const [id, name] of await ownerNames(client, org)) names.owners.set(id, name);
  return names;
}

/** The key, shown once, after the Sensu line; `json` and `yaml` print the whole answer, key included. */
async function showCreated(format: Flags['format'], answer: CreatedKey): Promise<void> {
  await print(
    format,
    keyRecord(answer),
    () => `${createdLine(`/v1/apikeys/${answer.id}`)}\n${answer.apiKey}`,
  );
  process.stderr.write('This is the only time the key is shown: store it now.\n');
}

interface GrantFlags extends Flags, ApiKeyFlags {
  org?: string;
  name?: string;
  description?: string;
  meta?: MetaFlag;
  role: 'admin' | 'member';
  scope?: string[];
  ttl?: number;
}

async function grant(user: string, flags: GrantFlags): Promise<void> {
  const apiKey = await apiKeyFrom(flags);
  warnAboutScopes(flags.scope);
  const client = await connect(flags);
  const org = await orgId(client, flags.org);
  const answer = await client.createKey(org, {
    name: flags.name ?? user,
    role: flags.role,
    ownerId: await ownerId(client, org, user),
    ttl: flags.ttl,
    scopes: flags.scope,
    description: flags.description,
    meta: flags.meta?.value ?? undefined,
    apiKey,
  });
  await showCreated(flags.format, answer);
}

async function info(ref: KeyRef, flags: Flags): Promise<void> {
  const client = await connect(flags);
  const key = await findKey(client, ref);
  const names = await namesFor(client, flags.format, [key.orgId]);
  await print(flags.format, keyRecord(key), () => fields(keyFields(key, names)));
}

type ListCommandFlags = UrlFlag &
  ListFlags & { org?: string; allOrgs?: boolean; owner?: string; limit?: number };

async function list(flags: ListCommandFlags): Promise<void> {
  const client = await connect(flags);
  const visible = await client.listOrganizations();
  // The organizations to list keys of: the one named or chosen as the default (as sensuctl's namespace
  // narrows its lists), else every one the caller can see.
  if (flags.org && flags.allOrgs) throw new UsageError('give --org or --all-orgs, not both');
  const one = flags.org !== undefined || (client.defaultOrg !== null && !flags.allOrgs);
  const orgs = one ? [await orgId(client, flags.org)] : visible.map((org) => org.id);
  const keys: ApiKey[] = [];
  const names: Names = { orgs: new Map(visible.map((org) => [org.id, org.name])), owners: new Map() };
  for (const org of orgs) {
    const known = await ownerNames(client, org);
    for (const [id, name] of known) names.owners.set(id, name);
    let filter: string | undefined;
    if (flags.owner) {
      try {
        filter = await ownerId(client, org, flags.owner);
      } catch (error) {
        // An owner of another organization: this one has no keys of theirs.
        if (error instanceof CliError) continue;
        throw error;
      }
    }
    const left = flags.limit === undefined ? undefined : flags.limit - keys.length;
    if (left === 0) break;
    keys.push(...(await client.listKeys(org, { ownerId: filter }, left)));
  }
  await printList(flags.format, keys, keyColumns(names), 'API keys', {
    headers: flags.headers,
    wide: wideKeyColumns(names),
    record: keyRecord,
  });
}

/** Asks first, unless `--skip-confirm`; a "no" changes nothing and exits 1. The key is kept, revoked. */
async function revoke(ref: KeyRef, flags: UrlFlag & { skipConfirm?: boolean }): Promise<void> {
  const client = await connect(flags);
  const key = await findKey(client, ref);
  if (key.revokedAt) throw new CliError(`${key.id} was revoked already, at ${cell(key.revokedAt)}`);
  const question = `Revoke ${key.id} ("${key.name}", ${key.hint})? It stops working at once.`;
  if (!(await confirm(question, flags.skipConfirm === true)))
    throw new CliError(`cancelled; ${key.id} is unchanged`);
  await client.revokeKey(key.id);
  write('Revoked');
}

async function rotate(ref: KeyRef, flags: Flags & { grace: number }): Promise<void> {
  const client = await connect(flags);
  const answer = await client.rotateKey(await keyIdOf(client, ref), flags.grace);
  await showCreated(flags.format, answer);
  process.stderr.write(`The old key ${answer.previous.id} works until ${cell(answer.previous.expiresAt)}.\n`);
}

/** The server's limits (src/http/schemas.ts `Ttl`, and rotation's `gracePeriod`), checked here first. */
const MAX_TTL_SECONDS = 315_360_000;
const MAX_GRACE_SECONDS = 2_592_000;

export function apiKeyCommands(program: Command): void {
  const group = program
    .command('api-key')
    .description('Grant, show, list, update, disable, enable, revoke, rotate and import API keys');
  const grantCommand = readCommand(
    group,
    'grant <user>',
    'Create a key for a member or service user, and print it once',
  )
    .addOption(orgOption())
    .addOption(new Option('--name <name>', 'name of the key (default: the user)').argParser(textUpTo(200)))
    .addOption(new Option('--description <text>', 'what the key is for').argParser(textUpTo(1000)))
    .addOption(new Option('--meta <json>', 'a JSON object kept with the key').argParser(metaParser(false)))
    .addOption(roleOption('member'))
    .option(
      '--scope <permission>',
      'narrow the key to this permission (repeat, or separate with commas)',
      collectPermissions,
    )
    .addOption(
      new Option('--ttl <duration>', 'lifetime, such as 90d, 24h or 30m (at most 3650d)').argParser(
        durationUpTo(MAX_TTL_SECONDS, '3650d', true),
      ),
    );
  apiKeyOptions(
    grantCommand,
    'use this key instead of a generated one, to migrate from another system',
  ).action(grant);
  readCommand(group, 'info', "Show a key's record (never the key itself)")
    .addArgument(keyArgument())
    .action(info);
  readCommand(group, 'list', 'List keys: of one organization, or of every one you can see')
    .addOption(
      new Option(
        '--org <org>',
        'organization id, name or key prefix (default: the default organization if one is set, else all you can see)',
      ),
    )
    .option('--all-orgs', 'every organization you can see, whatever the default organization')
    .option('--owner <user>', 'only the keys of this member or service user')
    .addOption(new Option('--limit <n>', 'at most this many keys').argParser(positiveInt))
    .addOption(noHeadersOption())
    .action(list);
  updateCommands(group);
  clientCommand(group, 'revoke', 'Revoke a key; it stops working at once, and its record is kept')
    .addArgument(keyArgument())
    .addOption(skipConfirmOption())
    .action(revoke);
  readCommand(group, 'rotate', 'Issue a new secret for a key; the old one works until the grace period ends')
    .addArgument(keyArgument())
    .addOption(
      new Option('--grace <duration>', 'how long the old key keeps working, such as 24h (at most 30d)')
        .argParser(durationUpTo(MAX_GRACE_SECONDS, '30d'))
        .default(0, 'none'),
    )
    .action(rotate);
  importCommand(group);
}
