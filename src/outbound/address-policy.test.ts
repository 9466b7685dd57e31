import { describe, expect, it } from 'vitest';
import { type AddressClass, checkAddress, classifyAddress } from './address-policy.js';
import { parseAllowList } from './allow-list.js';

const CLASSES: [string, AddressClass][] = [
  // public
  ['93.184.215.14', 'public'],
  ['8.8.8.8', 'public'],
  ['2606:4700:4700::1111', 'public'],
  ['2a00:1450:4001:82b::200e', 'public'],
  // IPv4 special ranges
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.0.0.1', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.1.1', 'link-local'],
  ['100.64.0.1', 'carrier-grade-nat'],
  ['100.127.255.255', 'carrier-grade-nat'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.1', 'reserved'],
  ['198.51.100.1', 'reserved'],
  ['203.0.113.5', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['192.88.99.1', 'reserved'],
  // just outside the ranges
  ['172.15.255.255', 'public'],
  ['172.32.0.0', 'public'],
  ['100.63.255.255', 'public'],
  ['100.128.0.0', 'public'],
  ['11.0.0.0', 'public'],
  // IPv6 special ranges
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['fc00::1', 'unique-local'],
  ['fd12:3456::1', 'unique-local'],
  ['ff02::1', 'multicast'],
  ['fec0::1', 'reserved'],
  ['100::1', 'reserved'],
  ['2001:db8::1', 'reserved'],
  ['2001:2::1', 'reserved'],
  ['64:ff9b:1::a00:1', 'reserved'],
  ['::7f00:1', 'reserved'], // IPv4-compatible, deprecated
  ['::ffff:0:7f00:1', 'reserved'], // SIIT
  ['4000::1', 'reserved'], // outside 2000::/3
  ['2001::1', 'teredo'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
  // v4-mapped: judged as the v4 it maps
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:10.1.2.3', 'private'],
  ['::ffff:169.254.169.254', 'metadata'],
  ['::ffff:8.8.8.8', 'public'],
  // NAT64 and 6to4: judged as the v4 they carry
  ['64:ff9b::127.0.0.1', 'loopback'],
  ['64:ff9b::a00:1', 'private'],
  ['64:ff9b::8.8.8.8', 'public'],
  ['64:ff9b::a9fe:a9fe', 'metadata'],
  ['2002:7f00:1::1', 'loopback'],
  ['2002:c0a8:101::1', 'private'],
  ['2002:808:808::1', 'public'],
  // metadata
  ['169.254.169.254', 'metadata'],
  ['169.254.170.2', 'metadata'],
  ['169.254.170.23', 'metadata'],
  ['169.254.0.23', 'metadata'],
  ['100.100.100.200', 'metadata'],
  ['192.0.0.192', 'metadata'],
  ['168.63.129.16', 'metadata'],
  ['fd00:ec2::254', 'metadata'],
  ['fd00:ec2:0::254', 'metadata'],
  ['fd00:ec2::23', 'metadata'],
  ['fd20:ce::254', 'metadata'],
];

describe('classifyAddress', () => {
  it.each(CLASSES)('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('refuses strings that are not addresses, and the lenient spellings a URL parser would rewrite', () => {
    for (const text of ['', 'localhost', '127.1', '0x7f.0.0.1', '2130706433', '[::1]', '1.2.3.4/32']) {
      expect(() => classifyAddress(text), text).toThrow(TypeError);
    }
  });
});

describe('checkAddress', () => {
  it('allows public addresses and nothing else without an allow list', () => {
    for (const [address, kind] of CLASSES) {
      const verdict = checkAddress(address, []);
      expect(verdict, address).toEqual({ class: kind, allowListed: false, allowed: kind === 'public' });
    }
  });

  it('allows what the allow list names, and only that', () => {
    const allow = parseAllowList('127.0.0.1/32, 10.20.0.0/16, fd00:1234::/32');
    expect(checkAddress('127.0.0.1', allow)).toEqual({ class: 'loopback', allowListed: true, allowed: true });
    expect(checkAddress('127.0.0.2', allow).allowed).toBe(false);
    expect(checkAddress('10.20.255.255', allow).allowed).toBe(true);
    expect(checkAddress('10.21.0.0', allow).allowed).toBe(false);
    expect(checkAddress('fd00:1234:5::1', allow).allowed).toBe(true);
    expect(checkAddress('fd00:1235::1', allow).allowed).toBe(false);
    expect(checkAddress('::1', allow).allowed).toBe(false);
    // A public address in the list is allow-listed as well (plain http needs that).
    expect(checkAddress('8.8.8.8', parseAllowList('8.8.8.0/24'))).toEqual({
      class: 'public',
      allowListed: true,
      allowed: true,
    });
  });

  it('matches a v4-mapped address against the v4 entries, since it reaches the same host', () => {
    const allow = parseAllowList('127.0.0.1');
    expect(checkAddress('::ffff:127.0.0.1', allow).allowed).toBe(true);
    expect(checkAddress('::ffff:127.0.0.2', allow).allowed).toBe(false);
    expect(checkAddress('127.0.0.1', parseAllowList('::ffff:127.0.0.0/120')).allowed).toBe(true);
  });

  it('opens a metadata address only to an entry that names it alone, never to a wider range', () => {
    for (const wide of ['169.254.0.0/16', '0.0.0.0/0', '169.254.169.0/24']) {
      const verdict = checkAddress('169.254.169.254', parseAllowList(wide));
      expect(verdict, wide).toEqual({ class: 'metadata', allowListed: false, allowed: false });
    }
    expect(checkAddress('169.254.169.1', parseAllowList('169.254.0.0/16')).allowed).toBe(true);
    expect(checkAddress('169.254.169.254', parseAllowList('169.254.169.254')).allowed).toBe(true);
    expect(checkAddress('168.63.129.16', parseAllowList('0.0.0.0/0')).allowed).toBe(false);
    expect(checkAddress('fd00:ec2::254', parseAllowList('fd00::/8')).allowed).toBe(false);
    expect(checkAddress('fd00:ec2::254', parseAllowList('fd00:ec2::254/128')).allowed).toBe(true);
  });
});
