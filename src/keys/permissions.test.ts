import { describe, expect, it } from 'vitest';
import { effectivePermissions, Grants, holds, isPermission, KeyGrants, narrowerRole } from './permissions.js';

describe('permission wildcards', () => {
  it('match whole segments only', () => {
    expect(holds(['apikeys:*'], 'apikeys:write')).toBe(true);
    expect(holds(['apikeys:*'], 'apikeysx:write')).toBe(false);
    expect(holds(['apikeys:*'], 'audit:read')).toBe(false);
    expect(holds(['*'], 'documents:read')).toBe(true);
    expect(holds(['documents:read'], 'documents:write')).toBe(false);
    expect(holds(['documents:read'], 'documents:*')).toBe(false);
    expect(holds(['documents:*'], '*')).toBe(false);
  });

  it('give the same answer wherever a pattern sits in a longer list', () => {
    const grants = new Grants(['documents:read', 'apikeys:*', 'audit:read', 'billing:write']);
    expect(grants.has('apikeys:*')).toBe(true);
    expect(grants.has('apikeys:delete')).toBe(true);
    expect(grants.has('billing:write')).toBe(true);
    expect(grants.has('billing:read')).toBe(false);
    expect(grants.has('billing:*')).toBe(false);
    expect(grants.has('*')).toBe(false);
    expect(new Grants([]).has('documents:read')).toBe(false);
  });

  it('accept only resource:action strings and the two wildcard forms', () => {
    for (const ok of ['*', 'apikeys:*', 'documents:read', 'a.b:c-d']) expect(isPermission(ok)).toBe(true);
    for (const bad of ['', 'apikeys', '*:read', 'api*:read', 'a:b:c', 'A:b', 'a: b', 'a:b*']) {
      expect(isPermission(bad)).toBe(false);
    }
  });
});

describe('key permissions', () => {
  it('scopes narrow and never widen the role for Keyward resources', () => {
    expect(new KeyGrants('member', null).allows('apikeys:write')).toBe(true);
    expect(new KeyGrants('member', ['apikeys:read']).allows('apikeys:write')).toBe(false);
    expect(new KeyGrants('member', ['audit:read']).allows('audit:read')).toBe(false);
    expect(new KeyGrants('member', ['documents:read']).allows('documents:read')).toBe(true);
    expect(new KeyGrants('admin', ['documents:read']).allows('members:write')).toBe(false);
    expect(new KeyGrants('admin', null).allows('members:write')).toBe(true);
  });

  it('wildcard scopes stay within the role', () => {
    // `*` on a member key is everything a member holds; a member holds a custom permission only by name.
    expect(new KeyGrants('member', ['*']).allows('documents:read')).toBe(false);
    expect(new KeyGrants('member', ['*']).allows('apikeys:write')).toBe(true);
    expect(new KeyGrants('member', ['documents:*']).allows('documents:read')).toBe(true);
    expect(new KeyGrants('member', ['*']).allows('audit:read')).toBe(false);
    expect(new KeyGrants('member', ['apikeys:*']).allows('apikeys:write')).toBe(true);
    expect(new KeyGrants('member', ['apikeys:*']).allows('members:write')).toBe(false);
    expect(new KeyGrants('member', null).allows('*')).toBe(false);
    expect(new KeyGrants('admin', ['*']).allows('members:write')).toBe(true);
  });

  it('a role never exceeds the owner role', () => {
    expect(narrowerRole('admin', 'member')).toBe('member');
    expect(narrowerRole('member', 'admin')).toBe('member');
    expect(narrowerRole('admin', 'admin')).toBe('admin');
  });

  it('effective permissions are the scopes met with the role, and the check agrees with them', () => {
    expect(effectivePermissions('member', null)).toEqual([
      'organization:read',
      'members:read',
      'apikeys:read',
      'apikeys:write',
      'keys:verify',
      'connections:read',
    ]);
    expect(effectivePermissions('admin', null)).toEqual(['*']);
    // A member sees the organization's connections, never their secrets, and neither changes nor uses them.
    expect(effectivePermissions('member', ['connections:*'])).toEqual(['connections:read']);
    expect(effectivePermissions('member', ['apikeys:*', 'documents:read', 'audit:read'])).toEqual([
      'apikeys:read',
      'apikeys:write',
      'documents:read',
    ]);
    expect(effectivePermissions('admin', ['members:write', 'billing:*'])).toEqual([
      'members:write',
      'billing:*',
    ]);
    expect(effectivePermissions('member', ['*'])).toEqual(effectivePermissions('member', null));
    const scopes = ['apikeys:*', 'documents:read', 'audit:read', '*', 'billing:*'];
    for (const role of ['admin', 'member'] as const) {
      for (const scope of scopes) {
        const listed = new Grants(effectivePermissions(role, [scope]));
        const key = new KeyGrants(role, [scope]);
        for (const wanted of [
          'apikeys:write',
          'audit:read',
          'documents:read',
          'billing:pay',
          'members:read',
          '*',
        ])
          expect(key.allows(wanted), `${role} ${scope} ${wanted}`).toBe(listed.has(wanted));
      }
    }
  });
});
