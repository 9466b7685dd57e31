import { describe, expect, it } from 'vitest';
import { hasFormat, isBaseUrl, isHostAndPath, isHostLabel, isHostname, isRequestPath } from './formats.js';

describe('format: hostname', () => {
  it.each([
    'example.com',
    'your-tenant.sentinelone.net',
    'sensu.example.com:8080',
    'localhost',
    'sensu',
    'a.b-c.example',
    'xn--bcher-kva.example',
    'EXAMPLE.COM',
    '10.0.0.1',
    '10.0.0.1:8443',
    '[::1]',
    '[::1]:443',
    '[2001:db8::1]:65535',
    'host:1',
  ])('takes %s', (value) => {
    expect(isHostname(value)).toBe(true);
  });

  it.each([
    ['https://x', 'a scheme'],
    ['x/y', 'a path'],
    ['x?y', 'a query'],
    ['x#y', 'a fragment'],
    ['user@x', 'user info'],
    ['user:pass@x', 'user info with a password'],
    ['x:0', 'port 0'],
    ['x:70000', 'a port above 65535'],
    ['x:65536', 'port 65536'],
    ['x:', 'an empty port'],
    ['x:080', 'a port with a leading zero'],
    ['x:8a', 'a port that is not a number'],
    ['a..b', 'an empty label'],
    ['example.com.', 'a trailing dot'],
    ['.example.com', 'a leading dot'],
    ['bücher.example', 'an IDN not in its xn-- form'],
    ['exa mple.com', 'whitespace'],
    [' example.com', 'leading whitespace'],
    ['example.com\n', 'a newline'],
    ['-a.example', 'a label starting with a hyphen'],
    ['a-.example', 'a label ending with a hyphen'],
    ['a_b.example', 'an underscore'],
    [`${'a'.repeat(64)}.example`, 'a label of 64 characters'],
    [`${'a.'.repeat(127)}com`, 'a name over 253 characters'],
    ['', 'nothing'],
    ['::1', 'IPv6 without brackets'],
    ['[::1', 'an unclosed bracket'],
    ['[::1]x', 'text after the bracket'],
    ['[fe80::1%25eth0]', 'an IPv6 zone'],
    ['[1.2.3.4]', 'IPv4 in brackets'],
    ['1.2.3', 'a short IPv4 form'],
    ['0x7f.1', 'a hexadecimal IPv4 form'],
    ['127.1', 'a two-part IPv4 form'],
    ['010.0.0.1', 'an octal-looking IPv4 part'],
    ['256.0.0.1', 'an IPv4 part above 255'],
    ['example.123', 'a numeric last label'],
    ['a\\b', 'a backslash'],
    ['a%2eb', 'a percent-encoding'],
  ])('refuses %j (%s)', (value) => {
    expect(isHostname(value)).toBe(false);
  });
});

describe('format: uri', () => {
  it.each([
    'https://api.example.com',
    'https://api.example.com/',
    'https://api.example.com/v1',
    'https://api.example.com:8443/v1/',
    'https://[::1]:8443/api',
    'http://127.0.0.1:8080',
    'http://[::1]/api',
  ])('takes %s', (value) => {
    expect(isBaseUrl(value)).toBe(true);
  });

  it.each([
    ['http://api.example.com', 'http to a name'],
    ['http://10.0.0.1', 'http to a private address that is not loopback'],
    ['http://localhost:8080', 'http to localhost by name'],
    ['ftp://example.com', 'another scheme'],
    ['HTTPS://example.com', 'an upper-case scheme'],
    ['//example.com', 'no scheme'],
    ['example.com', 'a bare host'],
    ['https://user:pass@example.com', 'user info'],
    ['https://example.com?x=1', 'a query'],
    ['https://example.com/#x', 'a fragment'],
    ['https://example.com/a/../b', 'a dot segment'],
    ['https://example.com/a/%2e%2e/b', 'an encoded dot segment'],
    ['https://example.com/a b', 'whitespace'],
    ['https://example.com\\a', 'a backslash'],
    ['https://', 'no host'],
  ])('refuses %j (%s)', (value) => {
    expect(isBaseUrl(value)).toBe(false);
  });
});

describe('the other formats', () => {
  it('checks email and uuid', () => {
    expect(hasFormat('ops@example.com', 'email')).toBe(true);
    expect(hasFormat('ops@example', 'email')).toBe(true);
    expect(hasFormat('ops', 'email')).toBe(false);
    expect(hasFormat('@example.com', 'email')).toBe(false);
    expect(hasFormat('ops@exa mple.com', 'email')).toBe(false);
    expect(hasFormat('123e4567-e89b-12d3-a456-426614174000', 'uuid')).toBe(true);
    expect(hasFormat('123e4567-e89b-12d3-a456-42661417400', 'uuid')).toBe(false);
  });

  it('checks a request path (Keyward’s format: path)', () => {
    expect(isRequestPath('/me')).toBe(true);
    expect(isRequestPath('/v1/sites?limit=1&x=%20')).toBe(true);
    expect(isRequestPath('me')).toBe(false);
    expect(isRequestPath('//evil.example/x')).toBe(false);
    expect(isRequestPath('/a/../b')).toBe(false);
    expect(isRequestPath('/a#b')).toBe(false);
    expect(isRequestPath('/a b')).toBe(false);
  });

  it('checks the pieces of a host and a host with a path', () => {
    expect(isHostLabel('acme')).toBe(true);
    expect(isHostLabel('eu.acme')).toBe(true);
    expect(isHostLabel('acme.com/x')).toBe(false);
    expect(isHostLabel('acme@evil')).toBe(false);
    expect(isHostLabel('a..b')).toBe(false);
    expect(isHostAndPath('dev.azure.com/myorg')).toBe(true);
    expect(isHostAndPath('myorg.visualstudio.com')).toBe(true);
    expect(isHostAndPath('https://dev.azure.com/myorg')).toBe(false);
    expect(isHostAndPath('dev.azure.com/../x')).toBe(false);
  });
});
