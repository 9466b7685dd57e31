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

/** Does the held pattern cover the wanted permission (which may itself be a pattern)? */
function covers(held: string, wanted: string): boolean {
  if (held === '*') return true;
  if (wanted === '*') return false;
  if (held.endsWith(':*')) return resourceOf(held) === resourceOf(wanted);
  return held === wanted;
}

export function holds(granted: readonly string[], wanted: string): boolean {
  for (const held of granted) if (covers(held, wanted)) return true;
  return false;
}

/**
 * What a credential may do: its scopes (or its role's set when it has none), further capped by the role
 * for Keyward's own resources, so that scopes can only ever narrow.
 */
export function keyAllows(role: Role, scopes: readonly string[] | null, wanted: string): boolean {
  const base = rolePermissions(role);
  if (scopes === null) return holds(base, wanted);
  if (!holds(scopes, wanted)) return false;
  return !KEYWARD_RESOURCES.has(resourceOf(wanted)) || holds(base, wanted);
}

/** The scopes in `wanted` that `granted` does not cover; empty when granting them would not escalate. */
export function uncovered(granted: readonly string[], wanted: readonly string[]): string[] {
  return wanted.filter((scope) => !holds(granted, scope));
}
