import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { type Cidr, inCidr } from './allow-list.js';

/**
 * What an address is, for the outbound policy. Only `public` may be reached without the allow list.
 * `reserved` gathers every other special-purpose range: documentation, benchmarking, 240.0.0.0/4,
 * IETF protocol assignments, deprecated site-local, NAT64 local-use, and any IPv6 outside 2000::/3.
 */
export type AddressClass =
  | 'public'
  | 'metadata'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'carrier-grade-nat'
  | 'multicast'
  | 'broadcast'
  | 'teredo'
  | 'reserved';

/**
 * Cloud instance-metadata and platform endpoints: the classic SSRF prize, which hands out credentials.
 * Most lie in ranges refused anyway; they are named so that a broad allow-list entry (`169.254.0.0/16`,
 * `0.0.0.0/0`) does not open them, and because 168.63.129.16 lies in public space.
 */
const METADATA = new Set(
  [
    '169.254.169.254', // AWS, GCP, Azure, OCI, DigitalOcean, OpenStack, Hetzner, …
    '169.254.170.2', // AWS ECS task credentials
    '169.254.170.23', // AWS EKS Pod Identity agent
    '169.254.0.23', // Tencent Cloud
    '100.100.100.200', // Alibaba Cloud
    '192.0.0.192', // Oracle Cloud (legacy)
    '168.63.129.16', // Azure WireServer and host platform
    'fd00:ec2::254', // AWS IMDS over IPv6
    'fd00:ec2::23', // AWS EKS Pod Identity agent over IPv6
    'fd20:ce::254', // GCP metadata over IPv6
  ].map((address) => ipaddr.parse(address).toNormalizedString()),
);

// ipaddr.js names the special ranges; a name not listed here (reserved, benchmarking, amt, as112,
// orchid2, discard, rfc6145, …) is 'reserved'. New ranges in a later ipaddr.js are refused too.
const RANGE_CLASS: Readonly<Record<string, AddressClass>> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade-nat',
  private: 'private',
  uniqueLocal: 'unique-local',
  teredo: 'teredo',
};

const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');
const NAT64 = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/**
 * Classifies one IP address (v4, v6, or v4-mapped v6, which is judged as the v4 it maps).
 * An IPv6 address that carries an IPv4 one the network will deliver to (NAT64's 64:ff9b::/96, 6to4's
 * 2002::/16) is judged as that IPv4 address. Teredo (2001::/32) is refused outright: no service is reached
 * that way, and its client address is obfuscated. Throws a TypeError for a string that is not an address.
 *
 * @example classifyAddress('::ffff:127.0.0.1') // 'loopback'
 */
export function classifyAddress(address: string): AddressClass {
  return classify(parseAddress(address));
}

/** The verdict on one address: what it is, and whether a connection to it may be opened. */
export interface AddressVerdict {
  readonly class: AddressClass;
  /**
   * Whether the cluster's allow list admits it. A metadata address is admitted only by an entry that is
   * that one address (`169.254.169.254/32`), never by a wider range.
   */
  readonly allowListed: boolean;
  /** `public`, or allow-listed. */
  readonly allowed: boolean;
}

/**
 * Whether a connection to `address` may be opened under the allow list.
 *
 * @example checkAddress('10.0.0.5', parseAllowList('10.0.0.0/8')) // { class: 'private', allowListed: true, allowed: true }
 */
export function checkAddress(address: string, allow: readonly Cidr[]): AddressVerdict {
  const ip = parseAddress(address);
  const kind = classify(ip);
  const full = ip.kind() === 'ipv4' ? 32 : 128;
  const allowListed = allow.some((cidr) => inCidr(ip, cidr) && (kind !== 'metadata' || cidr.prefix === full));
  return { class: kind, allowListed, allowed: kind === 'public' || allowListed };
}

/** Parses an address strictly, and turns a v4-mapped v6 one into the v4 address it reaches. */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  // isIP is strict where ipaddr.js is lenient (`127.1`, `0x7f.0.0.1`).
  if (isIP(address) === 0) throw new TypeError(`not an IP address: "${address}"`);
  const ip = ipaddr.parse(address);
  return ip instanceof ipaddr.IPv6 && ip.isIPv4MappedAddress() ? ip.toIPv4Address() : ip;
}

function classify(ip: ipaddr.IPv4 | ipaddr.IPv6): AddressClass {
  if (METADATA.has(ip.toNormalizedString())) return 'metadata';
  if (ip instanceof ipaddr.IPv4) {
    const range = ip.range();
    return range === 'unicast' ? 'public' : (RANGE_CLASS[range] ?? 'reserved');
  }
  const [, p1 = 0, p2 = 0, , , , p6 = 0, p7 = 0] = ip.parts;
  if (ip.match(NAT64)) return classify(ipv4(p6, p7));
  const range = ip.range();
  if (range === '6to4') return classify(ipv4(p1, p2));
  if (range !== 'unicast') return RANGE_CLASS[range] ?? 'reserved';
  return ip.match(GLOBAL_UNICAST) ? 'public' : 'reserved';
}

/** The IPv4 address held in two 16-bit parts of an IPv6 one. */
function ipv4(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}
