import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog.js';
import { buildRequest, type ProxyRequest } from './request.js';
import { RequestRefused } from './request-refused.js';
import type { ConnectionValues, Provider } from './types.js';
import { validateFields } from './validate.js';

const catalog = loadCatalog();
const SECRET = 'Sup3r-S3cret-Value';

function provider(name: string): Provider {
  const found = catalog.get(name);
  if (found === undefined) throw new Error(`no provider ${name}`);
  return found;
}

/** The refusal a build throws; its message must never hold the secret. */
function refusal(p: Provider, input: ConnectionValues, which: 'verify' | ProxyRequest): RequestRefused {
  try {
    buildRequest(p, input, which as ProxyRequest);
  } catch (error) {
    if (!(error instanceof RequestRefused)) throw error;
    expect(error.message).not.toContain(SECRET);
    expect(String(error.stack)).not.toContain(SECRET);
    return error;
  }
  throw new Error('the request was built');
}

const s1 = provider('sentinelone');
const s1Input = { config: { hostname: 'acme.sentinelone.net' }, credentials: { apiKey: SECRET } };
const get = (path: string, more: Partial<ProxyRequest> = {}): ProxyRequest => ({
  method: 'GET',
  path,
  ...more,
});

describe('header injection', () => {
  it.each(['\r\nx-evil: 1', '\nx', 'a\rb', 'a\u0000b'])('refuses a credential with %j', (bad) => {
    const input = { config: s1Input.config, credentials: { apiKey: `${SECRET}${bad}` } };
    expect(validateFields(s1, input.config, input.credentials)).toEqual([
      { field: 'credentials.apiKey', rule: 'control-character' },
    ]);
    const error = refusal(s1, input, 'verify');
    expect(error.code).toBe('invalid-fields');
    expect(error.message).toBe(
      'connection request refused (invalid-fields): credentials.apiKey (control-character)',
    );
  });

  it('refuses a config value that goes into a header with CR/LF (Anthropic’s version)', () => {
    const input = { config: { version: '2023-06-01\r\nx-evil: 1' }, credentials: { apiKey: SECRET } };
    expect(refusal(provider('anthropic'), input, 'verify').code).toBe('invalid-fields');
  });

  it('refuses a caller’s header value or name that would split the request', () => {
    expect(refusal(s1, s1Input, get('/x', { headers: { 'x-a': 'b\r\nhost: evil' } })).code).toBe('header');
    expect(refusal(s1, s1Input, get('/x', { headers: { 'x a': 'b' } })).code).toBe('header');
  });

  it('drops the caller’s own credentials and the framing headers, and lets the credential win', () => {
    const request = buildRequest(
      s1,
      s1Input,
      get('/x', {
        headers: {
          authorization: 'Key kw_callers_own_key',
          'x-api-key': 'kw_callers_own_key',
          cookie: 'session=1',
          host: 'evil.example',
          'content-length': '5',
          'transfer-encoding': 'chunked',
          'X-Keep': 'yes',
          Authorization2: 'x',
        },
      }),
    );
    expect(request.headers).toEqual({
      'x-keep': 'yes',
      authorization2: 'x',
      authorization: `ApiToken ${SECRET}`,
      accept: 'application/json',
      'content-type': 'application/json',
    });
  });
});

describe('the credential header', () => {
  it('replaces a caller’s header of the same name (Brevo’s api-key)', () => {
    const request = buildRequest(
      provider('brevo-api-key'),
      { config: {}, credentials: { apiKey: SECRET } },
      get('/v3/account', {
        headers: { 'api-key': 'attacker-chosen', 'content-type': 'text/plain' },
      }),
    );
    expect(request.headers['api-key']).toBe(SECRET);
    expect(request.headers['content-type']).toBe('text/plain');
  });
});

describe('where a request may go', () => {
  it.each([
    ['x', 'not absolute'],
    ['//evil.example/x', 'another host'],
    ['/a/../../x', 'a dot segment'],
    ['/a/%2e%2e/x', 'an encoded dot segment'],
    ['/a/%2E./x', 'a half-encoded dot segment'],
    ['/x?y=1', 'a query in the path'],
    ['/x#y', 'a fragment'],
    ['/a b', 'whitespace'],
    ['/a\\b', 'a backslash'],
    ['/@evil.example', 'nothing worse than a clean segment'],
  ])('refuses the path %j (%s), or keeps it under the base URL', (path) => {
    try {
      const request = buildRequest(s1, s1Input, get(path));
      expect(request.url.origin).toBe('https://acme.sentinelone.net');
    } catch (error) {
      expect(error).toBeInstanceOf(RequestRefused);
      expect((error as RequestRefused).code).toBe('path');
    }
  });

  it('keeps a request under the base URL’s path', () => {
    const bearer = provider('generic-bearer');
    const input = {
      config: { baseUrl: 'https://api.example.com/tenant-a' },
      credentials: { apiKey: SECRET },
    };
    expect(buildRequest(bearer, input, get('/items')).url.href).toBe(
      'https://api.example.com/tenant-a/items',
    );
    expect(refusal(bearer, input, get('/../tenant-b/items')).code).toBe('path');
  });

  it('refuses an unknown method', () => {
    expect(refusal(s1, s1Input, { method: 'CONNECT', path: '/x' }).code).toBe('method');
    expect(refusal(s1, s1Input, { method: 'GET /x HTTP/1.1\r\n', path: '/x' }).code).toBe('method');
  });

  it.each([
    'evil.example/x',
    'evil.example#',
    'evil.example?',
    'user@evil.example',
    'evil.example:0',
    'evil.example:70000',
    'a..b',
    'https://evil.example',
    'acme.sentinelone.net.',
  ])('refuses the host %j before anything is built', (hostname) => {
    const error = refusal(s1, { config: { hostname }, credentials: { apiKey: SECRET } }, 'verify');
    expect(error.code).toBe('invalid-fields');
    expect(error.where).toBe('config.hostname (hostname)');
  });

  it('refuses a piece of a host that would reach another host (Freshdesk’s subdomain)', () => {
    const freshdesk = provider('freshdesk');
    for (const subdomain of ['evil.example/', 'evil.example#', 'evil.example?', 'x@evil.example', 'x:1']) {
      expect(validateFields(freshdesk, { subdomain }, { username: SECRET })).toEqual([
        { field: 'config.subdomain', rule: 'host-label' },
      ]);
    }
  });

  it('refuses a field value of .. in a path (Shopify Partner’s id)', () => {
    const partner = provider('shopify-partner');
    const request = (partnerId: string) => ({ config: { partnerId }, credentials: { apiKey: SECRET } });
    expect(buildRequest(partner, request('123/x'), 'verify')?.url.pathname).toBe(
      '/123%2Fx/api/2026-04/graphql.json',
    );
    expect(refusal(partner, request('..'), 'verify').code).toBe('url');
    expect(refusal(partner, request('.'), get('/x')).code).toBe('url');
  });

  it('names what is missing, not the values present', () => {
    const error = refusal(s1, { config: {}, credentials: { apiKey: SECRET } }, 'verify');
    expect(error.where).toBe('config.hostname (required)');
  });
});
