/**
 * Permissions are `resource:action` strings. `*` and `resource:*` are the only wildcards, and they match
 * whole segments: `apikeys:*` matches `apikeys:write` but not `apikeysx:write` nor `apikeys`.
 */
export type Role = 'admin' | 'member';
export const ROLES: readonly Role[] = ['admin', 'member'];

/** Resources whose permissions Keyward itself checks; every other resource belongs to an organization's own API. */
export const KEYWARD_RESOURCES = new Set([
  'organization',
  'members',
  'serviceusers',
  'apikeys',
  'audit',
  'keys',
  'connections',
  'webhooks',
]);

export const PERMISSION_PATTERN = '^(\\*|[a-z0-9][a-z0-9_.-]{0,63}:(\\*|[a-z0-9][a-z0-9_.-]{0,63}))$';
const PERMISSION_RE = new RegExp(PERMISSION_PATTERN);

const ROLE_PERMISSIONS: Record<Role, readonly string[]> = {
  admin: ['*'],
  member: [
    'organization:read',
    'members:read',
    'apikeys:read',
    'apikeys:write',
    'keys:verify',
    'connections:read',
  ],
};

export function isPermission(value: string): boolean {
  return PERMISSION_RE.test(value);
}

export function rolePermissions(role: Role): readonly string[] {
  return ROLE_PERMISSIONS[role];
}

/** The weaker of two roles: a key never acts with more than its owner holds. */
export function narrowerRole(a: Role, b: Role): Role {
  return a === 'admin' && b === 'admin' ? 'admin' : 'member';
}

function resourceOf(permission: string): string {
  const colon = permission.indexOf(':');
  return colon === -1 ? permission : permission.slice(0, colon);
}

/**
 * A list of held permissions, sorted once into what it can match: everything (`*`), whole resources
 * (`resource:*`) and single permissions. Asking it then costs a Set lookup or two, however long the
 * list, where walking the list compared every entry in turn.
 */
export class Grants {
  private readonly all: boolean;
  private readonly exact = new Set<string>();
  private readonly resources = new Set<string>();

  constructor(held: readonly string[]) {
    let all = false;
    for (const permission of held) {
      if (permission === '*') all = true;
      else if (permission.endsWith(':*')) this.resources.add(resourceOf(permission));
      else this.exact.add(permission);
    }
    this.all = all;
  }

  /** Does a held pattern cover the wanted permission (which may itself be a pattern)? */
  has(wanted: string): boolean {
    if (this.all) return true;
    if (wanted === '*') return false;
    return this.exact.has(wanted) || this.resources.has(resourceOf(wanted));
  }
}

const ROLE_GRANTS: Record<Role, Grants> = {
  admin: new Grants(ROLE_PERMISSIONS.admin),
  member: new Grants(ROLE_PERMISSIONS.member),
};

/** A role's permissions, sorted into sets once. */
export function roleGrants(role: Role): Grants {
  return ROLE_GRANTS[role];
}

export function holds(granted: readonly string[], wanted: string): boolean {
  return new Grants(granted).has(wanted);
}

/**
 * What a credential holds in its organization: its role's permissions, narrowed by its scopes. Each
 * scope is met with the role: a scope on Keyward's own resources (`*` included) keeps only what the role
 * grants, so that scopes can only narrow; a scope on an organization's own resource is held as listed,
 * since roles say nothing of those. So `*` on a member key is everything a member holds, and a member
 * key holds `documents:read` only when a scope names it.
 *
 * @example effectivePermissions('member', ['apikeys:*', 'documents:read'])
 * // ['apikeys:read', 'apikeys:write', 'documents:read']
 */
export function effectivePermissions(role: Role, scopes: readonly string[] | null): string[] {
  if (scopes === null) return [...ROLE_PERMISSIONS[role]];
  const held = new Set<string>();
  for (const scope of scopes) for (const permission of meet(role, scope)) held.add(permission);
  return [...held];
}

/** The permissions a scope keeps under a role: patterns either nest or are disjoint, so this is exact. */
function meet(role: Role, scope: string): readonly string[] {
  const resource = resourceOf(scope);
  if (role === 'admin' || (scope !== '*' && !KEYWARD_RESOURCES.has(resource))) return [scope];
  const granted = ROLE_PERMISSIONS[role];
  if (scope === '*') return granted;
  if (scope.endsWith(':*')) return granted.filter((permission) => resourceOf(permission) === resource);
  return granted.includes(scope) ? [scope] : [];
}

/**
 * What a key may do, asked on every request: its effective permissions (above), sorted into sets once
 * when the key is cached.
 */
export class KeyGrants {
  readonly permissions: readonly string[];
  private readonly grants: Grants;

  constructor(role: Role, scopes: readonly string[] | null) {
    this.permissions = effectivePermissions(role, scopes);
    this.grants = new Grants(this.permissions);
  }

  allows(wanted: string): boolean {
    return this.grants.has(wanted);
  }
}
