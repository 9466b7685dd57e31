// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Nango's templates are written ${…} in plain strings
import { describe, expect, it } from 'vitest';
import { compileProvider } from './compile-provider.js';

/** An entry in Nango's shape, with `proxy` and the rest replaced as each case needs. */
function entry(overrides: Record<string, unknown> = {}, proxy: Record<string, unknown> = {}): unknown {
  return {
    display_name: 'Example',
    auth_mode: 'API_KEY',
    categories: ['other'],
    docs: 'https://docs.example.com',
    connection_config: {
      hostname: { type: 'string', title: 'Hostname', description: '', format: 'hostname' },
    },
    credentials: { apiKey: { type: 'string', title: 'API Key', description: '' } },
    ...overrides,
    proxy: {
      base_url: 'https://${connectionConfig.hostname}',
      headers: { authorization: 'Bearer ${apiKey}' },
      ...proxy,
    },
  };
}

function reason(raw: unknown): string | undefined {
  const compiled = compileProvider('example', raw, 'nango');
  return 'reason' in compiled ? compiled.reason : undefined;
}

describe('compileProvider', () => {
  it('honours an entry of the usual shape', () => {
    expect(reason(entry())).toBeUndefined();
  });

  it.each([
    [{ base_url: 'http://api.example.com' }, 'base_url is not https'],
    [
      { base_url: '${connectionConfig.scheme}://api.example.com' },
      'base_url puts text right after the URL in connection_config.scheme',
    ],
    [{ base_url: 'https://${apiKey}.example.com' }, "base_url puts a credential in the URL's host"],
    [{ base_url: 'https://api.example.com?key=1' }, 'base_url has a query or a fragment'],
    [{ base_url: 'https://api..example.com' }, 'base_url has an invalid host'],
    [{ body: { key: '${apiKey}' } }, "proxy.body: Keyward's proxy does not rewrite request bodies"],
    [{ signing: {} }, 'proxy.signing is not understood'],
    [
      { headers: { authorization: 'Bearer ${connectionConfig.token}' } },
      '${connectionConfig.token} names no field the entry declares',
    ],
    [{ headers: { date: '${now:X}', authorization: '${apiKey}' } }, 'unsupported template function now'],
    [{ headers: { authorization: '${method} ${apiKey}' } }, '${method} names no field the entry declares'],
    [
      { headers: { host: 'evil.example', authorization: '${apiKey}' } },
      'proxy.headers sets the header "host"',
    ],
    [{ headers: { authorization: 2 } }, 'proxy.headers.authorization is not a string'],
    [{ headers: {} }, 'the credential is never sent: no header, query or URL uses it'],
    [
      { verification: { method: 'GET', endpoints: ['/a', '/b'] } },
      'verification has 2 endpoints, and Keyward verifies with exactly one',
    ],
    [{ verification: { method: 'TRACE', endpoints: ['/a'] } }, 'verification method TRACE is not supported'],
    [{ verification: { endpoints: ['/a'], data: { k: '${apiKey}' } } }, 'verification data has templates'],
    [{ verification: { endpoints: ['/a'], retries: 3 } }, 'proxy.verification.retries is not understood'],
  ])('refuses proxy %j', (proxy, why) => {
    expect(reason(entry({}, proxy))).toBe(why);
  });

  it.each([
    [{ auth_mode: 'OAUTH2' }, 'auth_mode OAUTH2'],
    [{ require_client_certificate: true }, 'it needs a client certificate'],
    [
      { connection_config: { hostname: { type: 'string', title: 'h', description: '', secret: true } } },
      'connection_config.hostname is marked secret, and Keyward keeps connection_config in clear',
    ],
    [
      {
        connection_config: {
          hostname: { type: 'string', title: 'h', description: '', example: 'https://x.example' },
        },
      },
      'connection_config.hostname is used as a host, but its example ("https://x.example") is a URL',
    ],
    [{ credentials: { apiKey: { type: 'number' } } }, 'credentials.apiKey has type number'],
    [
      { credentials: { apiKey: { type: 'string', format: 'ipv4' } } },
      'credentials.apiKey has an unknown format ipv4',
    ],
  ])('refuses an entry with %j', (overrides, why) => {
    expect(reason(entry(overrides))).toBe(why);
  });

  it('gives BASIC entries without credentials a username and password, sent as HTTP Basic', () => {
    const plain = compileProvider(
      'b',
      { display_name: 'B', auth_mode: 'BASIC', proxy: { base_url: 'https://api.example.com' } },
      'nango',
    );
    if (!('provider' in plain)) throw new Error(plain.reason);
    expect(plain.provider.basicAuth).toBe(true);
    expect(plain.provider.fields.map((f) => `${f.part}.${f.name}`)).toEqual([
      'credentials.username',
      'credentials.password',
    ]);
    const own = compileProvider(
      'b',
      {
        display_name: 'B',
        auth_mode: 'BASIC',
        proxy: { base_url: 'https://api.example.com', headers: { Authorization: 'Token ${username}' } },
      },
      'nango',
    );
    if (!('provider' in own)) throw new Error(own.reason);
    expect(own.provider.basicAuth).toBe(false);
  });

  it('leaves out a pattern that is not a regular expression, and keeps the entry', () => {
    const compiled = compileProvider(
      'p',
      entry({
        credentials: { apiKey: { type: 'string', title: 'k', description: '', pattern: '^[\\\\-+]$' } },
      }),
      'nango',
    );
    if (!('provider' in compiled)) throw new Error(compiled.reason);
    expect(compiled.provider.fields[1]?.name).toBe('apiKey');
    expect(compiled.provider.fields[1]?.pattern).toBeUndefined();
  });
});
