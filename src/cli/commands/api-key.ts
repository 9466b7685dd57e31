import { type Command, Option } from 'commander';
import type { KeywardClient } from '../../client/client.js';
import type { ApiKey, CreatedKey } from '../../client/types.js';
import { type ApiKeyFlags, apiKeyFrom, apiKeyOptions } from '../api-key-flags.js';
import { collectPermissions, durationUpTo, positiveInt } from '../args.js';
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
import { CliError } from '../errors.js';
import { type Column, cell, type FormatFlag, fields, print, printList } from '../output.js';
import { checkId, orgId, ownerId, ownerNames } from '../resolve.js';
import { importCommand } from './api-key-import.js';

type Flags = UrlFlag & FormatFlag;

function keyStatus(key: ApiKey, now = Date.now()): string {
  if (key.revokedAt) return 'revoked';
  if (!key.enabled) return 'disabled';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}

/** The owner's name where the caller can read it, else the owner's id. */
const owner = (names: Map<string, string>, key: ApiKey) => names.get(key.ownerId) ?? key.ownerId;

function keyColumns(names: Map<string, string>): Column<ApiKey>[] {
  return [
    ['id', (key) => key.id],
    ['name', (key) => key.name],
    ['owner', (key) => owner(names, key)],
    ['role', (key) => key.role],
    ['status', (key) => keyStatus(key)],
    ['created', (key) => key.createdAt],
    ['expires', (key) => key.expiresAt],
    ['last used', (key) => key.lastUsedAt],
  ];
}

/** The key, shown once, after the Sensu line; `json` and `yaml` print the whole answer, key included. */
async function showCreated(format: Flags['format'], answer: CreatedKey): Promise<void> {
  await print(format, answer, () => `${createdLine(`/v1/apikeys/${answer.id}`)}\n${answer.apiKey}`);
  process.stderr.write('This is the only time the key is shown: store it now.\n');
}

interface GrantFlags extends Flags, ApiKeyFlags {
  org?: string;
  name?: string;
  role: 'admin' | 'member';
  scope?: string[];
  ttl?: number;
}

async function grant(user: string, flags: GrantFlags): Promise<void> {
  const apiKey = await apiKeyFrom(flags);
  const client = await connect(flags);
  const org = await orgId(client, flags.org);
  const answer = await client.createKey(org, {
    name: flags.name ?? user,
    role: flags.role,
    ownerId: await ownerId(client, org, user),
    ttl: flags.ttl,
    scopes: flags.scope,
    apiKey,
  });
  await showCreated(flags.format, answer);
}

async function info(id: string, flags: Flags): Promise<void> {
  const client = await connect(flags);
  const key = await client.getKey(checkId('key', 'the key id', id));
  const names = flags.format === 'table' ? await ownerNames(client, key.orgId) : new Map<string, string>();
  await print(flags.format, key, () =>
    fields([
      ['ID', key.id],
      ['Name', key.name],
      ['Description', key.description],
      ['Hint', key.hint],
      ['Organization', key.orgId],
      ['Owner', owner(names, key)],
      ['Role', key.role],
      ['Scopes', key.scopes],
      ['Status', keyStatus(key)],
      ['Created', key.createdAt],
      ['Created by', key.createdBy],
      ['Expires', key.expiresAt],
      ['Last used', key.lastUsedAt],
      ['Revoked', key.revokedAt],
      ['Rate limit', key.ratelimit && `${key.ratelimit.limit} per ${key.ratelimit.duration} ms`],
      ['Quota', key.quota && `${key.quota.remaining} remaining`],
      ['Meta', key.meta],
    ]),
  );
}

/** The organizations to list keys of: the one named, else every one the caller can see. */
async function orgsToList(client: KeywardClient, ref: string | undefined): Promise<string[]> {
  if (ref) return [await orgId(client, ref)];
  return (await client.listOrganizations()).map((org) => org.id);
}

async function list(flags: Flags & { org?: string; owner?: string; limit?: number }): Promise<void> {
  const client = await connect(flags);
  const keys: ApiKey[] = [];
  const names = new Map<string, string>();
  for (const org of await orgsToList(client, flags.org)) {
    const known = await ownerNames(client, org);
    for (const [id, name] of known) names.set(id, name);
    let filter: string | undefined;
    if (flags.owner) {
      filter = [...known].find(([, name]) => name === flags.owner)?.[0] ?? flags.owner;
      if (!/^(usr|svc)_/.test(filter)) continue;
    }
    const left = flags.limit === undefined ? undefined : flags.limit - keys.length;
    if (left === 0) break;
    keys.push(...(await client.listKeys(org, { ownerId: filter }, left)));
  }
  await printList(flags.format, keys, keyColumns(names), 'API keys');
}

async function revoke(id: string, flags: UrlFlag & { skipConfirm?: boolean }): Promise<void> {
  const client = await connect(flags);
  const key = await client.getKey(checkId('key', 'the key id', id));
  if (key.revokedAt) throw new CliError(`${id} was revoked already, at ${cell(key.revokedAt)}`);
  const question = `Revoke ${id} ("${key.name}", ${key.hint})? It stops working at once.`;
  await removeAfterConfirm(question, flags, id, () => client.revokeKey(id));
}

async function rotate(id: string, flags: Flags & { grace: number }): Promise<void> {
  const client = await connect(flags);
  const answer = await client.rotateKey(checkId('key', 'the key id', id), flags.grace);
  await showCreated(flags.format, answer);
  process.stderr.write(`The old key ${answer.previous.id} works until ${cell(answer.previous.expiresAt)}.\n`);
}

/** The server's limits (src/http/schemas.ts `Ttl`, and rotation's `gracePeriod`), checked here first. */
const MAX_TTL_SECONDS = 315_360_000;
const MAX_GRACE_SECONDS = 2_592_000;

export function apiKeyCommands(program: Command): void {
  const group = program
    .command('api-key')
    .description('Grant, show, list, revoke, rotate and import API keys');
  const grantCommand = readCommand(
    group,
    'grant <user>',
    'Create a key for a member or service user, and print it once',
  )
    .addOption(orgOption())
    .option('--name <name>', 'name of the key (default: the user)')
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
  readCommand(group, 'info <id>', "Show a key's record (never the key itself)").action(info);
  readCommand(group, 'list', 'List keys: of one organization, or of every one you can see')
    .addOption(new Option('--org <org>', 'organization id, name or key prefix (default: all you can see)'))
    .option('--owner <user>', 'only the keys of this member or service user')
    .addOption(new Option('--limit <n>', 'at most this many keys').argParser(positiveInt))
    .action(list);
  clientCommand(group, 'revoke <id>', 'Revoke a key; it stops working at once')
    .addOption(skipConfirmOption())
    .action(revoke);
  readCommand(
    group,
    'rotate <id>',
    'Issue a new secret for a key; the old one works until the grace period ends',
  )
    .addOption(
      new Option('--grace <duration>', 'how long the old key keeps working, such as 24h (at most 30d)')
        .argParser(durationUpTo(MAX_GRACE_SECONDS, '30d'))
        .default(0, 'none'),
    )
    .action(rotate);
  importCommand(group);
}
