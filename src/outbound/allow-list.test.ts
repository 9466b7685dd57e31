import { describe, expect, it } from 'vitest';
import { AllowListError, parseAllowList } from './allow-list.js';

const texts = (value: string) => parseAllowList(value).map((cidr) => cidr.text);

describe('parseAllowList', () => {
  it('reads comma-separated CIDRs, ignoring spaces and empty entries', () => {
    expect(texts('')).toEqual([]);
    expect(texts(' , ')).toEqual([]);
    expect(texts('127.0.0.1/32, 10.20.0.0/16,,fd00:1234::/32,')).toEqual([
      '127.0.0.1/32',
      '10.20.0.0/16',
      'fd00:1234::/32',
    ]);
  });

  it('reads a bare address as itself alone', () => {
    expect(texts('127.0.0.1,::1')).toEqual(['127.0.0.1/32', '::1/128']);
  });

  it('reads an IPv4-mapped range as the IPv4 range it maps', () => {
    expect(texts('::ffff:10.0.0.0/104, ::ffff:127.0.0.1')).toEqual(['10.0.0.0/8', '127.0.0.1/32']);
  });

  it.each([
    ['localhost', '"localhost" is not an IP address or a CIDR range'],
    ['10.1/16', '"10.1/16" is not an IP address or a CIDR range'],
    ['0x7f.0.0.1/32', '"0x7f.0.0.1/32" is not an IP address or a CIDR range'],
    ['fe80::1%eth0/128', '"fe80::1%eth0/128" is not an IP address or a CIDR range'],
    ['10.0.0.0/33', '"10.0.0.0/33": the prefix length must be a number from 0 to 32'],
    ['10.0.0.0/', '"10.0.0.0/": the prefix length must be a number from 0 to 32'],
    ['10.0.0.0/8/8', '"10.0.0.0/8/8": the prefix length must be a number from 0 to 32'],
    ['10.0.0.0/-1', '"10.0.0.0/-1": the prefix length must be a number from 0 to 32'],
    ['10.0.0.0/ 8', '"10.0.0.0/ 8": the prefix length must be a number from 0 to 32'],
    ['fd00::/129', '"fd00::/129": the prefix length must be a number from 0 to 128'],
    ['10.0.0.1/8', '"10.0.0.1/8" has bits set past its prefix; did you mean 10.0.0.0/8?'],
    ['fd00::1/64', '"fd00::1/64" has bits set past its prefix; did you mean fd00::/64?'],
    ['::ffff:0:0/95', '"::ffff:0:0/95" spans more than the IPv4-mapped range ::ffff:0:0/96'],
  ])('refuses %s with a clear message', (value, message) => {
    expect(() => parseAllowList(`127.0.0.1, ${value}`)).toThrow(new AllowListError(message));
  });
});
