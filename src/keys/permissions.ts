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
]);

export const PERMISSION_PATTERN = '^(\\*|[a-z0-9][a-z0-9_.-]{0,63}:(\\*|[a-z0-9][a-z0-9_.-]{0,63}))$';
const PERMISSION_RE = new RegExp(PERMISSION_PATTERN);

const ROLE_PERMISSIONS: Record<Role, readonly string[]> = {
  admin: ['*'],
  member: ['organization:read', 'members:read', 'apikeys:read', 'apikeys:write', 'keys:verify'],
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
 * What a credential may do: its scopes (or its role's set when it has none), further capped by the role
 * for Keyward's own resources, so that scopes can only ever narrow. Built once per cached key.
 */
export class KeyGrants {
  private readonly role: Grants;
  private readonly scopes: Grants | null;

  constructor(role: Role, scopes: readonly string[] | null) {
    this.role = roleGrants(role);
    this.scopes = scopes === null ? null : new Grants(scopes);
  }

  allows(wanted: string): boolean {
    if (this.scopes === null) return this.role.has(wanted);
    if (!this.scopes.has(wanted)) return false;
    return !KEYWARD_RESOURCES.has(resourceOf(wanted)) || this.role.has(wanted);
  }
}

/** The scopes in `wanted` that `granted` does not cover; empty when granting them would not escalate. */
export function uncovered(granted: readonly string[], wanted: readonly string[]): string[] {
  const grants = new Grants(granted);
  return wanted.filter((scope) => !grants.has(scope));
}
