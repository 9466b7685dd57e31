import { KEYWARD_RESOURCES } from '../keys/permissions.js';

/**
 * The permissions Keyward itself checks. The API does not list them, so the CLI keeps them here, and
 * `scopes.test.ts` fails when a route checks one that is missing. Every other resource belongs to an
 * organization's own API, whose permissions are not declared anywhere: those pass without a word.
 */
export const KEYWARD_PERMISSIONS: readonly string[] = [
  'organization:read',
  'organization:write',
  'organization:delete',
  'members:read',
  'members:write',
  'serviceusers:read',
  'serviceusers:write',
  'apikeys:read',
  'apikeys:write',
  'apikeys:import',
  'audit:read',
  'keys:verify',
  'connections:read',
  'connections:write',
  'connections:use',
  'webhooks:read',
  'webhooks:write',
];

const resourceOf = (permission: string) => permission.slice(0, permission.indexOf(':'));
/** `api-keys`, `apikey` and `ApiKeys` all come to `apikey`: near misses of a resource's name. */
const loose = (resource: string) => resource.replace(/[-_.]/g, '').replace(/s$/, '');

/** How a key's scopes read: `null` is the role's every permission, `[]` is nothing at all. */
export function scopesText(scopes: string[] | null, long = false): string {
  if (scopes === null) return long ? "all (the role's permissions)" : 'all';
  if (scopes.length === 0) return long ? 'none (the key can do nothing)' : 'none';
  return scopes.join(',');
}

/**
 * One warning for each scope that no role defines: an action Keyward does not check on one of its own
 * resources (`apikeys:delete`), or a resource that is a near miss of one of Keyward's (`apikey:read`).
 * The server takes such scopes, and they grant nothing in Keyward.
 * @example scopeWarnings(['apikeys:delete']) // ['--scope apikeys:delete: no role defines it; …']
 */
export function scopeWarnings(scopes: readonly string[]): string[] {
  const warnings: string[] = [];
  for (const scope of scopes) {
    if (scope === '*' || KEYWARD_PERMISSIONS.includes(scope)) continue;
    const resource = resourceOf(scope);
    const own = KEYWARD_PERMISSIONS.filter((permission) => resourceOf(permission) === resource);
    if (KEYWARD_RESOURCES.has(resource)) {
      if (scope === `${resource}:*`) continue;
      warnings.push(`--scope ${scope}: no role defines it; ${resource} has ${own.join(', ')}`);
      continue;
    }
    const near = [...KEYWARD_RESOURCES].find((name) => loose(name) === loose(resource));
    if (near)
      warnings.push(
        `--scope ${scope}: no role defines it; did you mean ${near}:${scope.slice(resource.length + 1)}? (${near} has ${KEYWARD_PERMISSIONS.filter((p) => resourceOf(p) === near).join(', ')})`,
      );
  }
  return warnings;
}

/** Writes the warnings of {@link scopeWarnings} to stderr, before the request. */
export function warnAboutScopes(scopes: readonly string[] | undefined): void {
  for (const warning of scopeWarnings(scopes ?? [])) process.stderr.write(`keyward: warning: ${warning}\n`);
}
