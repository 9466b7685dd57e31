import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog.js';
import { describeProvider } from './describe.js';
import { buildRequest } from './request.js';
import type { Provider } from './types.js';
import { validateFields } from './validate.js';

const catalog = loadCatalog();

function provider(name: string): Provider {
  const found = catalog.get(name);
  if (found === undefined) throw new Error(`no provider ${name}`);
  return found;
}

describe('Keyward’s own providers', () => {
  it('Sensu: a host and port, Authorization: Key, GET /api/core/v2/namespaces', () => {
    const input = {
      config: { hostname: 'sensu.example.com:8080' },
      credentials: { apiKey: '83abef1e-e7d7-4beb-91fc-79ad90084d5b' },
    };
    const request = buildRequest(provider('sensu'), input, 'verify');
    expect(request?.method).toBe('GET');
    expect(request?.url.href).toBe('https://sensu.example.com:8080/api/core/v2/namespaces');
    expect(request?.headers).toEqual({ authorization: 'Key 83abef1e-e7d7-4beb-91fc-79ad90084d5b' });
    expect(validateFields(provider('sensu'), { hostname: 'http://sensu:8080' }, { apiKey: 'k' })).toEqual([
      { field: 'config.hostname', rule: 'hostname' },
    ]);
  });

  it('Edge Impulse: x-api-key, GET https://studio.edgeimpulse.com/v1/api/projects', () => {
    const request = buildRequest(
      provider('edge-impulse'),
      { config: {}, credentials: { apiKey: 'ei_123' } },
      'verify',
    );
    expect(request?.url.href).toBe('https://studio.edgeimpulse.com/v1/api/projects');
    expect(request?.headers).toEqual({ 'x-api-key': 'ei_123' });
  });

  it('Keyward: a Keyward server, Authorization: Key, GET /v1/me', () => {
    const request = buildRequest(
      provider('keyward'),
      { config: { hostname: 'keys.example.com' }, credentials: { apiKey: 'kw_x' } },
      'verify',
    );
    expect(request?.url.href).toBe('https://keys.example.com/v1/me');
    expect(request?.headers).toEqual({ authorization: 'Key kw_x' });
  });

  it('generic-header: the header named by a config field, a base URL with a path', () => {
    const generic = provider('generic-header');
    const config = { baseUrl: 'https://api.example.com/v2/', headerName: 'X-Api-Token' };
    const request = buildRequest(
      generic,
      { config, credentials: { apiKey: 's3cret' } },
      { method: 'GET', path: '/items' },
    );
    expect(request.url.href).toBe('https://api.example.com/v2/items');
    expect(request.headers).toEqual({ 'x-api-token': 's3cret' });
  });

  it('generic-header: verifies only with a verifyPath, sent as given', () => {
    const generic = provider('generic-header');
    const input = (verifyPath?: string) => ({
      config: {
        baseUrl: 'https://api.example.com/v2',
        headerName: 'x-key',
        ...(verifyPath === undefined ? {} : { verifyPath }),
      },
      credentials: { apiKey: 'k' },
    });
    expect(buildRequest(generic, input(), 'verify')).toBeNull();
    expect(buildRequest(generic, input(''), 'verify')).toBeNull();
    const request = buildRequest(generic, input('/me?fields=id'), 'verify');
    expect(request?.method).toBe('GET');
    expect(request?.url.href).toBe('https://api.example.com/v2/me?fields=id');
    expect(describeProvider(generic).verifies).toBe(true);
  });

  it('generic-header: refuses a header name that is not a token, or that frames the request', () => {
    const generic = provider('generic-header');
    const check = (headerName: string) =>
      validateFields(generic, { baseUrl: 'https://api.example.com', headerName }, { apiKey: 'k' });
    expect(check('x-api-key')).toEqual([]);
    expect(check('x api key')).toEqual([{ field: 'config.headerName', rule: 'header-name' }]);
    expect(check('x-key:')).toEqual([{ field: 'config.headerName', rule: 'header-name' }]);
    expect(check('Host')).toEqual([{ field: 'config.headerName', rule: 'header-name' }]);
    expect(check('content-length')).toEqual([{ field: 'config.headerName', rule: 'header-name' }]);
  });

  it('generic-bearer: Authorization: Bearer, an https base URL, http to a loopback literal only', () => {
    const bearer = provider('generic-bearer');
    const request = buildRequest(
      bearer,
      { config: { baseUrl: 'https://api.example.com', verifyPath: '/whoami' }, credentials: { apiKey: 't' } },
      'verify',
    );
    expect(request?.url.href).toBe('https://api.example.com/whoami');
    expect(request?.headers).toEqual({ authorization: 'Bearer t' });
    const local = buildRequest(
      bearer,
      { config: { baseUrl: 'http://127.0.0.1:9000/api' }, credentials: { apiKey: 't' } },
      {
        method: 'GET',
        path: '/x',
      },
    );
    expect(local.url.href).toBe('http://127.0.0.1:9000/api/x');
    for (const baseUrl of [
      'http://api.example.com',
      'api.example.com',
      'https://u:p@api.example.com',
      'https://api.example.com?a=1',
    ]) {
      expect(validateFields(bearer, { baseUrl }, { apiKey: 't' })).toEqual([
        { field: 'config.baseUrl', rule: 'uri' },
      ]);
    }
    expect(
      validateFields(bearer, { baseUrl: 'https://api.example.com', verifyPath: 'me' }, { apiKey: 't' }),
    ).toEqual([{ field: 'config.verifyPath', rule: 'path' }]);
  });

  it('describes its fields for a form', () => {
    expect(
      describeProvider(provider('generic-header')).fields.map((f) => [f.part, f.name, f.optional, f.secret]),
    ).toEqual([
      ['config', 'baseUrl', false, false],
      ['config', 'headerName', false, false],
      ['config', 'verifyPath', true, false],
      ['credentials', 'apiKey', false, true],
    ]);
  });
});
