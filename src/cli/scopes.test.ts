import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYWARD_RESOURCES } from '../keys/permissions.js';
import { KEYWARD_PERMISSIONS, scopesText, scopeWarnings } from './scopes.js';

/** Every `'resource:action'` literal on one of Keyward's resources in the server's source. */
function checkedByTheServer(): Set<string> {
  const found = new Set<string>();
  for (const dir of ['http', 'auth', 'verify']) {
    const root = join(import.meta.dirname, '..', dir);
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      for (const [, resource, action] of readFileSync(join(root, file), 'utf8').matchAll(
        /'([a-z]+):([a-z]+)'/g,
      ))
        if (resource && KEYWARD_RESOURCES.has(resource)) found.add(`${resource}:${action}`);
    }
  }
  return found;
}

describe('the permissions the CLI knows', () => {
  it('are every permission a route checks', () => {
    const checked = checkedByTheServer();
    expect(checked.size).toBeGreaterThan(10);
    for (const permission of checked) expect(KEYWARD_PERMISSIONS).toContain(permission);
  });

  it('warn about an action no role defines and a near miss of a resource, not about an own API', () => {
    expect(
      scopeWarnings(['apikeys:read', '*', 'apikeys:*', 'documents:read', 'apikeys:delete', 'apikey:read']),
    ).toEqual([
      '--scope apikeys:delete: no role defines it; apikeys has apikeys:read, apikeys:write, apikeys:import',
      '--scope apikey:read: no role defines it; did you mean apikeys:read? (apikeys has apikeys:read, apikeys:write, apikeys:import)',
    ]);
    expect(scopeWarnings(['service-user:write'])).toEqual([
      expect.stringContaining('did you mean serviceusers:write?'),
    ]);
  });

  it('read "all" for no scopes and "none" for an empty list', () => {
    expect([scopesText(null), scopesText([]), scopesText(['a:b', 'c:d'])]).toEqual([
      'all',
      'none',
      'a:b,c:d',
    ]);
    expect(scopesText(null, true)).toBe("all (the role's permissions)");
  });
});
