import { describe, expect, it } from 'vitest';
import { holds, isPermission, keyAllows, narrowerRole, uncovered } from './permissions.js';

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

  it('accept only resource:action strings and the two wildcard forms', () => {
    for (const ok of ['*', 'apikeys:*', 'documents:read', 'a.b:c-d']) expect(isPermission(ok)).toBe(true);
    for (const bad of ['', 'apikeys', '*:read', 'api*:read', 'a:b:c', 'A:b', 'a: b', 'a:b*']) {
      expect(isPermission(bad)).toBe(false);
    }
  });
});

describe('key permissions', () => {
  it('scopes narrow and never widen the role for Keyward resources', () => {
    expect(keyAllows('member', null, 'apikeys:write')).toBe(true);
    expect(keyAllows('member', ['apikeys:read'], 'apikeys:write')).toBe(false);
    expect(keyAllows('member', ['audit:read'], 'audit:read')).toBe(false);
    expect(keyAllows('member', ['documents:read'], 'documents:read')).toBe(true);
    expect(keyAllows('admin', ['documents:read'], 'members:write')).toBe(false);
    expect(keyAllows('admin', null, 'members:write')).toBe(true);
  });

  it('a role never exceeds the owner role', () => {
    expect(narrowerRole('admin', 'member')).toBe('member');
    expect(narrowerRole('member', 'admin')).toBe('member');
    expect(narrowerRole('admin', 'admin')).toBe('admin');
  });

  it('reports the scopes that would escalate', () => {
    expect(uncovered(['apikeys:read'], ['apikeys:read', 'apikeys:*'])).toEqual(['apikeys:*']);
    expect(uncovered(['*'], ['anything:goes'])).toEqual([]);
  });
});
