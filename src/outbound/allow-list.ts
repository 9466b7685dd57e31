import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** One range of the outbound allow list, such as `10.20.0.0/16` or `fd00:1234::/32`. */
export interface Cidr {
  readonly address: ipaddr.IPv4 | ipaddr.IPv6;
  readonly prefix: number;
  /** The canonical spelling, for logs: `10.20.0.0/16`. */
  readonly text: string;
}

/** A `KEYWARD_OUTBOUND_ALLOW` value that cannot be read; the message says which entry and why. */
export class AllowListError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AllowListError';
  }
}

/**
 * Reads a comma-separated list of CIDRs, the value of `KEYWARD_OUTBOUND_ALLOW`. A bare address stands for
 * itself alone (`/32`, `/128`); spaces and empty entries are ignored. An IPv4-mapped range
 * (`::ffff:10.0.0.0/104`) is read as the IPv4 range it maps, because that is what a connection reaches.
 * Throws {@link AllowListError} for a malformed entry, or one with bits set past its prefix (`10.0.0.1/8`),
 * which is more often a typing mistake than a wish.
 *
 * @example parseAllowList('127.0.0.1/32, 10.20.0.0/16') // two ranges
 */
export function parseAllowList(value: string): Cidr[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(parseCidr);
}

/** Reads one CIDR (or bare address); see {@link parseAllowList}. */
export function parseCidr(entry: string): Cidr {
  const slash = entry.indexOf('/');
  const addressText = slash === -1 ? entry : entry.slice(0, slash);
  const family = isIP(addressText);
  // isIP is strict where ipaddr.js is lenient: `10.1`, `0x7f.1` and zone ids (`fe80::1%eth0`) are refused.
  if (family === 0 || addressText.includes('%')) {
    throw new AllowListError(`"${entry}" is not an IP address or a CIDR range`);
  }
  const bits = family === 4 ? 32 : 128;
  const prefixText = slash === -1 ? String(bits) : entry.slice(slash + 1);
  const prefix = Number(prefixText);
  if (!/^\d{1,3}$/.test(prefixText) || prefix > bits) {
    throw new AllowListError(`"${entry}": the prefix length must be a number from 0 to ${bits}`);
  }
  let address = ipaddr.parse(addressText);
  let length = prefix;
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress()) {
    if (prefix < 96) {
      throw new AllowListError(`"${entry}" spans more than the IPv4-mapped range ::ffff:0:0/96`);
    }
    address = address.toIPv4Address();
    length = prefix - 96;
  }
  const network = networkOf(address, length);
  if (network.toString() !== address.toString()) {
    throw new AllowListError(`"${entry}" has bits set past its prefix; did you mean ${network}/${length}?`);
  }
  return Object.freeze({ address, prefix: length, text: `${address}/${length}` });
}

/** Whether the (already unmapped) address lies in the range. */
export function inCidr(address: ipaddr.IPv4 | ipaddr.IPv6, cidr: Cidr): boolean {
  return address.kind() === cidr.address.kind() && address.match(cidr.address, cidr.prefix);
}

function networkOf(address: ipaddr.IPv4 | ipaddr.IPv6, prefix: number): ipaddr.IPv4 | ipaddr.IPv6 {
  const bytes = address.toByteArray().map((byte, i) => {
    const keep = Math.min(8, Math.max(0, prefix - i * 8));
    return byte & ((0xff << (8 - keep)) & 0xff);
  });
  return ipaddr.fromByteArray(bytes);
}
