import type { Provider, ProviderField } from '@keyward/client';
import { describe, expect, it } from 'vitest';
import { configFrom, fieldOf, requireConfig, sameConfig } from './connection-input.js';
import { UsageError } from './errors.js';

const field = (
  name: string,
  part: ProviderField['part'],
  more: Partial<ProviderField> = {},
): ProviderField => ({
  name,
  part,
  title: name[0]?.toUpperCase() + name.slice(1),
  description: '',
  optional: false,
  secret: part === 'credentials',
  order: 0,
  ...more,
});

const sentinelOne: Provider = {
  name: 'sentinelone',
  displayName: 'SentinelOne',
  authMode: 'API_KEY',
  categories: [],
  verifies: true,
  fields: [
    field('hostname', 'config', { format: 'hostname', title: 'Hostname' }),
    field('site', 'config', { optional: true }),
    field('apiKey', 'credentials', { title: 'API Token' }),
  ],
};

describe('configFrom', () => {
  it('takes --hostname for the one hostname field and --config for any plain one, over the current values', () => {
    expect(configFrom(sentinelOne, { hostname: 'acme.example:8443', config: ['site=eu'] })).toEqual({
      hostname: 'acme.example:8443',
      site: 'eu',
    });
    const current = { hostname: 'old.example', site: 'us' };
    expect(configFrom(sentinelOne, { config: ['site='] }, current)).toEqual({ hostname: 'old.example' });
    expect(configFrom(sentinelOne, { config: ['site=a=b'] }, current)).toEqual({
      hostname: 'old.example',
      site: 'a=b',
    });
  });

  it('refuses a scheme or a path, a field given twice, and a secret field, without repeating the value', () => {
    const refusal = (flags: Parameters<typeof configFrom>[1]) => {
      try {
        configFrom(sentinelOne, flags);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error('no refusal');
    };
    expect(refusal({ hostname: 'https://acme.example' })).toBe(
      '--hostname takes a host or host:port, without https:// or a path',
    );
    expect(refusal({ hostname: 'acme.example/web' })).toContain('without https:// or a path');
    expect(refusal({ hostname: 'a.example', config: ['hostname=b.example'] })).toBe(
      'the field hostname is given twice',
    );
    expect(refusal({ config: ['apiKey=s3cret-value'] })).not.toContain('s3cret-value');
    expect(refusal({ config: ['s3cret-value'] })).toBe(
      '--config takes name=value: one of them has no name or no "="',
    );
    expect(refusal({ config: ['nope=1'] })).toBe(
      'SentinelOne has no field "nope"; its plain fields are: hostname, site',
    );
  });
});

describe('fieldOf', () => {
  it('never repeats a name given for a secret field that the provider lacks: it may be the secret', () => {
    expect(() => fieldOf(sentinelOne, 'credentials', 's3cret-value')).toThrow(
      'SentinelOne has no secret field by the name given; its secret fields are: apiKey',
    );
    expect(() => fieldOf(sentinelOne, 'credentials', 'hostname')).toThrow(
      'hostname is a plain field of SentinelOne: give it with --config',
    );
  });
});

describe('requireConfig and sameConfig', () => {
  it('asks for each required plain field by the flag that gives it', () => {
    expect(() => requireConfig(sentinelOne, { site: 'eu' })).toThrow(
      'SentinelOne needs its Hostname: give --hostname <host>',
    );
    expect(() => requireConfig(sentinelOne, { hostname: 'acme.example' })).not.toThrow();
  });

  it('compares field values in any order', () => {
    expect(sameConfig({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true);
    expect(sameConfig({ a: '1' }, { a: '1', b: '2' })).toBe(false);
    expect(sameConfig({ a: '1' }, { a: '2' })).toBe(false);
  });
});
