import type { KeywardClient } from '../client/client.js';
import { ApiError } from '../client/errors.js';
import { CliError, UsageError } from './errors.js';

/** Commands take names where a person would (`acme`, `alice`) and ids where a script would. */
const isId = (prefix: string, ref: string) => new RegExp(`^${prefix}_[0-9A-Za-z]{22}$`).test(ref);

/** A list that the caller may not be allowed to read: empty then, so that names fall back to ids. */
async function ifAllowed<T>(list: Promise<T[]>): Promise<T[]> {
  try {
    return await list;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return [];
    throw error;
  }
}

/** The organization `ref` names, by id, name or key prefix; without `ref`, the only one the caller sees. */
export async function orgId(client: KeywardClient, ref: string | undefined): Promise<string> {
  if (ref && isId('org', ref)) return ref;
  const orgs = await client.listOrganizations();
  if (ref === undefined) {
    if (orgs.length === 1 && orgs[0]) return orgs[0].id;
    if (orgs.length === 0)
      throw new CliError('you can see no organization; create one with "keyward org create <name>"');
    throw new UsageError(`you can see ${orgs.length} organizations: pass --org <id|name>`);
  }
  const named = orgs.filter((org) => org.name === ref);
  if (named.length > 1)
    throw new UsageError(
      `${named.length} organizations are named "${ref}": give an id (${named.map((o) => o.id).join(', ')})`,
    );
  const found = named[0] ?? orgs.find((org) => org.keyPrefix === ref);
  if (!found) throw new CliError(`no organization "${ref}" among those you can see`);
  return found.id;
}

/** A user by id or username. Only cluster admins list users; anyone else can name themselves. */
export async function userId(client: KeywardClient, ref: string): Promise<string> {
  if (isId('usr', ref)) return ref;
  const found = (await ifAllowed(client.listUsers())).find((user) => user.username === ref);
  if (found) return found.id;
  const me = await client.me();
  if (me.kind === 'user' && me.name === ref) return me.id;
  throw new CliError(`no user "${ref}" among those you can see`);
}

/** A service user of an organization, by id or name. */
export async function serviceUserId(client: KeywardClient, org: string, ref: string): Promise<string> {
  if (isId('svc', ref)) return ref;
  const found = (await client.listServiceUsers(org)).filter((svc) => svc.name === ref);
  if (found.length > 1) throw new UsageError(`${found.length} service users are named "${ref}": give an id`);
  if (!found[0]) throw new CliError(`no service user "${ref}" in the organization`);
  return found[0].id;
}

/** A key owner of an organization: a member by username, or a service user by name, or either by id. */
export async function ownerId(client: KeywardClient, org: string, ref: string): Promise<string> {
  if (isId('usr', ref) || isId('svc', ref)) return ref;
  const names = await ownerNames(client, org);
  const ids = [...names].filter(([, name]) => name === ref).map(([id]) => id);
  if (ids.length > 1)
    throw new UsageError(`${ids.length} owners are named "${ref}": give an id (${ids.join(', ')})`);
  if (!ids[0]) throw new CliError(`"${ref}" is neither a member nor a service user of the organization`);
  return ids[0];
}

/** Owner id → username or service-user name, as far as the caller may read them. */
export async function ownerNames(client: KeywardClient, org: string): Promise<Map<string, string>> {
  const [members, services] = await Promise.all([
    ifAllowed(client.listMembers(org)),
    ifAllowed(client.listServiceUsers(org)),
  ]);
  return new Map([
    ...members.map((member): [string, string] => [member.userId, member.username]),
    ...services.map((svc): [string, string] => [svc.id, svc.name]),
  ]);
}

/** Checks an id's shape before it goes into a URL, so that a typo gets a usage error that names it. */
export function checkId(prefix: string, what: string, ref: string): string {
  if (isId(prefix, ref)) return ref;
  throw new UsageError(`${what} must be an id like ${prefix}_ followed by 22 letters and digits`);
}
