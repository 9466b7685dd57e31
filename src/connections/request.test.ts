import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog.js';
import { buildRequest } from './request.js';
import type { Provider } from './types.js';

const catalog = loadCatalog();

function provider(name: string): Provider {
  const found = catalog.get(name);
  if (found === undefined) throw new Error(`no provider ${name}`);
  return found;
}

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

describe('SentinelOne', () => {
  const s1 = provider('sentinelone');
  const input = { config: { hostname: 'acme.sentinelone.net' }, credentials: { apiKey: 'tok-1' } };

  it('is Nango’s entry, as Keyward reads it', () => {
    expect(s1).toMatchObject({
      name: 'sentinelone',
      displayName: 'SentinelOne',
      authMode: 'API_KEY',
      categories: ['dev-tools'],
      docs: 'https://nango.dev/docs/api-integrations/sentinelone',
      docsConnect: 'https://nango.dev/docs/api-integrations/sentinelone/connect',
      source: 'nango',
      basicAuth: false,
      secretInUrl: false,
      query: [],
    });
    expect(s1.fields).toEqual([
      {
        name: 'hostname',
        part: 'config',
        title: 'Hostname',
        description: 'The hostname of your SentinelOne management console',
        format: 'hostname',
        role: 'host',
        prefix: 'https://',
        example: 'your-tenant.sentinelone.net',
        docSection: '#step-2-find-your-hostname',
        order: 1,
        optional: false,
        hidden: false,
      },
      {
        name: 'apiKey',
        part: 'credentials',
        title: 'API Token',
        description: 'The API token for your SentinelOne service user',
        docSection: '#step-1-generate-your-api-token',
        optional: false,
        hidden: false,
      },
    ]);
    expect(s1.verification?.method).toBe('GET');
  });

  it('verifies with GET /web/api/v2.1/sites?limit=1 and Authorization: ApiToken', () => {
    const request = buildRequest(s1, input, 'verify');
    expect(request?.method).toBe('GET');
    expect(request?.url.href).toBe('https://acme.sentinelone.net/web/api/v2.1/sites?limit=1');
    expect(request?.headers).toEqual({
      authorization: 'ApiToken tok-1',
      accept: 'application/json',
      'content-type': 'application/json',
    });
    expect(request?.body).toBeUndefined();
  });

  it('forwards a request under the host, with the caller’s query, body and headers, never Keyward’s own', () => {
    const request = buildRequest(s1, input, {
      method: 'post',
      path: '/web/api/v2.1/threats/mitigate/kill',
      query: { limit: '10', siteIds: ['1', '2'] },
      headers: {
        'x-trace': 'abc',
        accept: 'text/plain',
        cookie: 'keyward_session=kwr_secret',
        'x-keyward-csrf': 'the-session-csrf-token',
        'x-connect-token': 'kwc_a-link-token',
      },
      body: '{"filter":{}}',
    });
    expect(request.method).toBe('POST');
    expect(request.url.href).toBe(
      'https://acme.sentinelone.net/web/api/v2.1/threats/mitigate/kill?limit=10&siteIds=1&siteIds=2',
    );
    expect(request.headers).toEqual({
      'x-trace': 'abc',
      accept: 'text/plain',
      authorization: 'ApiToken tok-1',
      'content-type': 'application/json',
    });
    expect(request.body).toBe('{"filter":{}}');
  });

  it('takes a port, and an IPv6 literal', () => {
    const url = (hostname: string) =>
      buildRequest(s1, { config: { hostname }, credentials: { apiKey: 't' } }, 'verify')?.url.href;
    expect(url('s1.internal:8443')).toBe('https://s1.internal:8443/web/api/v2.1/sites?limit=1');
    expect(url('[::1]:443')).toBe('https://[::1]/web/api/v2.1/sites?limit=1');
  });
});

describe('Nango providers of other shapes', () => {
  it('BASIC without an authorization header of its own sends HTTP Basic (Aircall)', () => {
    const input = { config: {}, credentials: { username: 'api-id', password: 'api-token' } };
    const request = buildRequest(provider('aircall-basic'), input, 'verify');
    expect(request?.url.href).toBe('https://api.aircall.io/v1/ping');
    expect(request?.headers).toEqual({
      authorization: basic('api-id', 'api-token'),
      'content-type': 'application/json',
    });
  });

  it('BASIC with a hidden password uses its default (Freshdesk: the API key and X)', () => {
    const input = { config: { subdomain: 'acme' }, credentials: { username: 'key-1' } };
    const request = buildRequest(provider('freshdesk'), input, 'verify');
    expect(request?.method).toBe('GET');
    expect(request?.url.href).toBe('https://acme.freshdesk.com/api/v2/settings/helpdesk');
    expect(request?.headers.authorization).toBe(basic('key-1', 'X'));
  });

  it('an explicit Basic template wins (Zendesk: email/token:token)', () => {
    const input = {
      config: { subdomain: 'acme' },
      credentials: { username: 'ann@example.com', password: 'T0ken' },
    };
    const request = buildRequest(provider('zendesk-api-key'), input, 'verify');
    expect(request?.url.href).toBe('https://acme.zendesk.com/api/v2/users.json?per_page=1&page=1');
    expect(request?.headers.authorization).toBe(basic('ann@example.com/token', 'T0ken'));
  });

  it('a bearer token (OpenAI)', () => {
    const request = buildRequest(
      provider('openai'),
      { config: {}, credentials: { apiKey: 'sk-1' } },
      'verify',
    );
    expect(request?.url.href).toBe('https://api.openai.com/v1/models');
    expect(request?.headers).toEqual({ authorization: 'Bearer sk-1', 'content-type': 'application/json' });
  });

  it('a credential in the query, marked as such (Google Gemini)', () => {
    const gemini = provider('google-gemini');
    expect(gemini.secretInUrl).toBe(true);
    const input = { config: {}, credentials: { apiKey: 'AIza-1' } };
    expect(buildRequest(gemini, input, 'verify')?.url.href).toBe(
      'https://generativelanguage.googleapis.com/v1/models?key=AIza-1',
    );
    const proxied = buildRequest(gemini, input, {
      method: 'GET',
      path: '/v1/models',
      query: { key: 'mine', a: 'b' },
    });
    expect(proxied.url.searchParams.getAll('key')).toEqual(['AIza-1']);
    expect(proxied.url.searchParams.get('a')).toBe('b');
  });

  it('an alternative with a default (GitHub’s API version) and an optional header left out (Stripe)', () => {
    const github = buildRequest(
      provider('github-pat'),
      { config: {}, credentials: { apiKey: `ghp_${'a'.repeat(36)}` } },
      'verify',
    );
    expect(github?.headers['x-github-api-version']).toBe('2022-11-28');
    const stripe = buildRequest(
      provider('stripe-api-key'),
      { config: {}, credentials: { username: `rk_live_${'a'.repeat(20)}` } },
      {
        method: 'GET',
        path: '/v1/charges',
      },
    );
    expect(stripe.headers).toEqual({ authorization: basic(`rk_live_${'a'.repeat(20)}`, '') });
  });

  it('a base URL with alternatives (Amplitude)', () => {
    const amplitude = provider('amplitude');
    const credentials = { username: 'a'.repeat(32), password: 's' };
    expect(buildRequest(amplitude, { config: {}, credentials }, 'verify')?.url.href).toBe(
      'https://amplitude.com/api/2/events/list',
    );
    expect(
      buildRequest(amplitude, { config: { hostname: 'analytics.eu.amplitude.com' }, credentials }, 'verify')
        ?.url.href,
    ).toBe('https://analytics.eu.amplitude.com/api/2/events/list');
  });

  it('a verification elsewhere (Dixa’s base_url_override) and with a body (Zorus)', () => {
    const dixa = buildRequest(
      provider('dixa'),
      { config: { apiType: 'exports' }, credentials: { apiKey: 'k' } },
      'verify',
    );
    expect(dixa?.url.href).toBe('https://dev.dixa.io/v1/agents');
    const token = '1_a1b2c3d4-e5f6-7890-abcd-1234567890ab';
    const zorus = buildRequest(provider('zorus'), { config: {}, credentials: { apiKey: token } }, 'verify');
    expect(zorus?.method).toBe('POST');
    expect(zorus?.body).toBe('{"page":1,"pageSize":1}');
    expect(zorus?.headers['content-type']).toBe('application/json');
  });

  it('a host field with a path (Azure DevOps), and a credential in the base path (Telegram)', () => {
    const azure = buildRequest(
      provider('azure-devops'),
      { config: { organizationUrl: 'dev.azure.com/myorg' }, credentials: { password: 'pat' } },
      {
        method: 'GET',
        path: '/_apis/projects',
      },
    );
    expect(azure.url.href).toBe('https://dev.azure.com/myorg/_apis/projects');
    expect(azure.headers.authorization).toBe(basic('', 'pat'));
    const telegram = provider('telegram');
    expect(telegram.secretInUrl).toBe(true);
    const request = buildRequest(telegram, { config: {}, credentials: { apiKey: '123:abc' } }, 'verify');
    expect(request?.url.href).toBe('https://api.telegram.org/bot123:abc/getMe');
  });

  it('has nothing to verify with when the entry has no verification', () => {
    expect(
      buildRequest(
        provider('stripe-api-key'),
        { config: {}, credentials: { username: `rk_live_${'a'.repeat(20)}` } },
        'verify',
      ),
    ).toBeNull();
  });
});
