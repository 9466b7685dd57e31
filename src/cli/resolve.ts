import type { KeywardClient } from '@keyward/client';
import { ApiError } from '@keyward/client';
import { CliError, UsageError } from './errors.js';

/** Commands take names where a person would (`acme`, `alice`) and ids where a script would. */
const isId = (prefix: string, ref: string) => new RegExp(`^${prefix}_[0-9A-Za-z]{22}$`).test(ref);

/** An organization that a command uses when none is named, and where it came from (`KEYWARD_ORG`). */
export interface OrgChoice {
  ref: string;
  source: string;
}

/** A client that may carry such a default: `connect` gives it the selected profile's. */
type OrgClient = KeywardClient & { readonly defaultOrg?: OrgChoice | null };

/** A list that the caller may not be allowed to read: empty then, so that names fall back to ids. */
async function ifAllowed<T>(list: Promise<T[]>): Promise<T[]> {
  try {
    return await list;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return [];
    throw error;
  }
}

type Named = [id: string, name: string];

/** The candidates that `ref` names: those of exactly that name, else those of that name in any case. */
function byName(candidates: Named[], ref: string): Named[] {
  const exact = candidates.filter(([, name]) => name === ref);
  if (exact.length > 0) return exact;
  const lower = ref.toLowerCase();
  return candidates.filter(([, name]) => name.toLowerCase() === lower);
}

/** `Acme (org_…), ACME (org_…)`: candidates on one line, the first ten of them. */
function listed(candidates: Named[]): string {
  const shown = candidates.slice(0, 10).map(([id, name]) => `${name} (${id})`);
  const more = candidates.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
}

/** The one id among `found`; several are a usage error that lists them, none a failure `missing` describes. */
function one(found: Named[], what: string, ref: string, missing: string): string {
  if (found.length > 1)
    throw new UsageError(`${found.length} ${what} are named "${ref}": give an id (${listed(found)})`);
  if (!found[0]) throw new CliError(missing);
  return found[0][0];
}

/**
 * The organization `ref` names, by id, name (in any case) or key prefix. Without `ref`: the client's
 * default (`KEYWARD_ORG`, the profile's), else the only one the caller can see.
 */
export async function orgId(client: OrgClient, ref: string | undefined): Promise<string> {
  const chosen = ref ?? client.defaultOrg?.ref;
  const from = ref === undefined && client.defaultOrg ? ` (from ${client.defaultOrg.source})` : '';
  if (chosen !== undefined && isId('org', chosen)) return chosen;
  const orgs = await client.listOrganizations();
  const all = orgs.map((org): Named => [org.id, org.name]);
  if (chosen === undefined) {
    if (orgs.length === 1 && orgs[0]) return orgs[0].id;
    if (orgs.length === 0)
      throw new CliError('you can see no organization; create one with "keyward org create <name>"');
    throw new UsageError(
      `you can see ${orgs.length} organizations, ${listed(all)}: choose one with --org <name|id>, ` +
        'KEYWARD_ORG, or "keyward config set org <name|id>"',
    );
  }
  const named = byName(all, chosen);
  if (named.length === 0) {
    const prefixed = orgs.find((org) => org.keyPrefix === chosen.toLowerCase());
    if (prefixed) return prefixed.id;
  }
  return one(named, 'organizations', chosen, `no organization "${chosen}"${from} among those you can see`);
}

/** A user by id or username (in any case). Only cluster admins list users; anyone else can name themselves. */
export async function userId(client: KeywardClient, ref: string): Promise<string> {
  if (isId('usr', ref)) return ref;
  const users = (await ifAllowed(client.listUsers())).map((user): Named => [user.id, user.username]);
  let found = byName(users, ref);
  if (found.length === 0) {
    const me = await client.me();
    if (me.kind === 'user') found = byName([[me.id, me.name]], ref);
  }
  return one(found, 'users', ref, `no user "${ref}" among those you can see`);
}

/** A service user of an organization, by id or name (in any case). */
export async function serviceUserId(client: KeywardClient, org: string, ref: string): Promise<string> {
  if (isId('svc', ref)) return ref;
  const services = (await client.listServiceUsers(org)).map((svc): Named => [svc.id, svc.name]);
  return one(byName(services, ref), 'service users', ref, `no service user "${ref}" in the organization`);
}

/** A key owner of an organization: a member by username, or a service user by name (in any case), or either by id. */
export async function ownerId(client: KeywardClient, org: string, ref: string): Promise<string> {
  if (isId('usr', ref) || isId('svc', ref)) return ref;
  const found = byName([...(await ownerNames(client, org))], ref);
  return one(found, 'owners', ref, `"${ref}" is neither a member nor a service user of the organization`);
}

/**
 * Who did something, for the audit filters: a user, service user or connect link (`cns_…`) by id, or a
 * user or service user by name (in any case), among those of `org` or else of every organization visible.
 */
export async function actorId(client: KeywardClient, org: string | undefined, ref: string): Promise<string> {
  if (isId('usr', ref) || isId('svc', ref) || isId('cns', ref)) return ref;
  const orgs = org ? [org] : (await client.listOrganizations()).map((o) => o.id);
  const [users, me, ...owners] = await Promise.all([
    ifAllowed(client.listUsers()),
    client.me(),
    ...orgs.map((id) => ownerNames(client, id)),
  ]);
  const known = new Map<string, string>([
    [me.id, me.name],
    ...users.map((user): Named => [user.id, user.username]),
    ...owners.flatMap((names) => [...names]),
  ]);
  return one(
    byName([...known], ref),
    'actors',
    ref,
    `no user or service user "${ref}" among those you can see`,
  );
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
