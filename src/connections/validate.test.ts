import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog.js';
import type { Provider } from './types.js';
import { FIELD_LIMITS, validateFields } from './validate.js';

const catalog = loadCatalog();

function provider(name: string): Provider {
  const found = catalog.get(name);
  if (found === undefined) throw new Error(`no provider ${name}`);
  return found;
}

const s1 = provider('sentinelone');

describe('validateFields', () => {
  it('finds nothing wrong with good fields', () => {
    expect(validateFields(s1, { hostname: 'acme.sentinelone.net' }, { apiKey: 't' })).toEqual([]);
  });

  it('reports unknown fields, in either part', () => {
    expect(
      validateFields(s1, { hostname: 'acme.sentinelone.net', region: 'eu' }, { apiKey: 't', apiSecret: 'x' }),
    ).toEqual([
      { field: 'config.region', rule: 'unknown' },
      { field: 'credentials.apiSecret', rule: 'unknown' },
    ]);
    expect(validateFields(s1, { hostname: 'acme.sentinelone.net', __proto__: 'x' }, { apiKey: 't' })).toEqual(
      [],
    );
    expect(
      validateFields(s1, JSON.parse('{"hostname":"a.example","__proto__":"x"}'), { apiKey: 't' }),
    ).toEqual([{ field: 'config.__proto__', rule: 'unknown' }]);
  });

  it('reports a field in the wrong part as unknown there, and missing where it belongs', () => {
    expect(validateFields(s1, { hostname: 'acme.sentinelone.net', apiKey: 't' }, {})).toEqual([
      { field: 'config.apiKey', rule: 'unknown' },
      { field: 'credentials.apiKey', rule: 'required' },
    ]);
  });

  it('reports missing required fields, an empty string being missing', () => {
    expect(validateFields(s1, {}, { apiKey: '' })).toEqual([
      { field: 'config.hostname', rule: 'required' },
      { field: 'credentials.apiKey', rule: 'required' },
    ]);
    expect(validateFields(s1, undefined, undefined)).toEqual([
      { field: 'config.hostname', rule: 'required' },
      { field: 'credentials.apiKey', rule: 'required' },
    ]);
  });

  it('reports values that are not strings, and parts that are not objects', () => {
    expect(validateFields(s1, { hostname: 443 }, { apiKey: ['t'] })).toEqual([
      { field: 'config.hostname', rule: 'type' },
      { field: 'credentials.apiKey', rule: 'type' },
    ]);
    expect(validateFields(s1, 'acme', [])).toEqual([
      { field: 'config', rule: 'type' },
      { field: 'credentials', rule: 'type' },
    ]);
  });

  it('limits a value to 1,024 characters and a connection to 64 fields', () => {
    expect(FIELD_LIMITS).toEqual({ valueLength: 1024, fields: 64 });
    expect(validateFields(s1, { hostname: 'acme.sentinelone.net' }, { apiKey: 'k'.repeat(1024) })).toEqual(
      [],
    );
    expect(validateFields(s1, { hostname: 'acme.sentinelone.net' }, { apiKey: 'k'.repeat(1025) })).toEqual([
      { field: 'credentials.apiKey', rule: 'too-long' },
    ]);
    const many = Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`f${i}`, 'x']));
    expect(validateFields(s1, many, { apiKey: 't' })).toEqual([{ field: 'credentials', rule: 'too-many' }]);
    expect(validateFields(s1, { ...many, f64: 'x' }, {})).toEqual([{ field: 'config', rule: 'too-many' }]);
  });

  it('refuses control characters anywhere, tab included', () => {
    for (const bad of ['a\r\nb', 'a\nb', 'a\tb', 'a\u0000b', 'a\u007fb']) {
      expect(validateFields(s1, { hostname: 'acme.sentinelone.net' }, { apiKey: bad })).toEqual([
        { field: 'credentials.apiKey', rule: 'control-character' },
      ]);
    }
  });

  it('holds a hostname field to a host or host:port', () => {
    const check = (hostname: string) => validateFields(s1, { hostname }, { apiKey: 't' });
    for (const good of ['acme.sentinelone.net', 'acme.sentinelone.net:8443', '[::1]:443', '10.0.0.1']) {
      expect(check(good)).toEqual([]);
    }
    for (const bad of [
      'https://x',
      'x/y',
      'user@x',
      'x:0',
      'x:70000',
      'a..b',
      'x.example.',
      'bücher.example',
      'a b',
    ]) {
      expect(check(bad)).toEqual([{ field: 'config.hostname', rule: 'hostname' }]);
    }
  });

  it('applies Nango’s enums, patterns and formats', () => {
    const dixa = provider('dixa');
    expect(validateFields(dixa, { apiType: 'dev' }, { apiKey: 'k' })).toEqual([]);
    expect(validateFields(dixa, { apiType: 'prod' }, { apiKey: 'k' })).toEqual([
      { field: 'config.apiType', rule: 'enum' },
    ]);
    const zendesk = provider('zendesk-api-key');
    expect(validateFields(zendesk, { subdomain: 'acme' }, { username: 'ann', password: 'T0ken' })).toEqual([
      { field: 'credentials.username', rule: 'email' },
    ]);
    expect(
      validateFields(zendesk, { subdomain: 'acme' }, { username: 'ann@example.com', password: 'T0-ken' }),
    ).toEqual([{ field: 'credentials.password', rule: 'pattern' }]);
  });

  it('does not require hidden fields, nor fields with a default', () => {
    const freshdesk = provider('freshdesk');
    expect(validateFields(freshdesk, { subdomain: 'acme' }, { username: 'key' })).toEqual([]);
    expect(validateFields(freshdesk, { subdomain: 'acme' }, { username: 'key', password: 'Y' })).toEqual([]);
  });

  it('requires a field the only base URL needs, even if Nango marks it optional (Workable)', () => {
    expect(validateFields(provider('workable'), {}, { apiKey: 'k' })).toEqual([
      { field: 'config.subdomain', rule: 'required' },
    ]);
  });
});
