import { createSocket } from 'node:dgram';
import type { LookupAddress } from 'node:dns';
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { Resolver as OutboundResolver } from '../../src/outbound/connector.js';

const A = 1;
const AAAA = 28;

/** One question the server was asked. */
export interface DnsQuery {
  name: string;
  type: 'A' | 'AAAA' | number;
  /** How many questions of this name and type came before this one. */
  seen: number;
}

/** The addresses to answer with (IPv4 for A, IPv6 for AAAA), or a function of the question. */
export type DnsAnswer = readonly string[] | ((query: DnsQuery) => readonly string[]);

export interface DnsServer {
  /** `127.0.0.1:<port>`, for `Resolver.setServers`. */
  address: string;
  /** Sets (or replaces) the answer for a name; names not set answer NXDOMAIN. */
  set(name: string, answer: DnsAnswer): void;
  /** Every question asked so far, in order. */
  queries: DnsQuery[];
  /** A resolver that asks this server only, for the outbound client's `resolver`. */
  resolver(): OutboundResolver;
  close(): Promise<void>;
}

/**
 * A real DNS server on UDP, on a free port of 127.0.0.1, whose answers the test sets as it goes: enough of
 * the wire format (RFC 1035) for A and AAAA questions, with a TTL of 0 so that no one caches them.
 *
 * @example
 * dns.set('tenant.sentinelone.test', ['203.0.113.5']); … dns.set('tenant.sentinelone.test', ['127.0.0.1']);
 */
export async function startDnsServer(): Promise<DnsServer> {
  const answers = new Map<string, DnsAnswer>();
  const queries: DnsQuery[] = [];
  const socket = createSocket('udp4');
  socket.on('message', (message, from) => {
    const reply = answer(message, (name, type) => {
      const query = { name, type: type === A ? 'A' : type === AAAA ? 'AAAA' : type, seen: 0 } as DnsQuery;
      query.seen = queries.filter((q) => q.name === name && q.type === query.type).length;
      queries.push(query);
      const set = answers.get(name);
      if (set === undefined) return undefined;
      const addresses = typeof set === 'function' ? set(query) : set;
      return addresses.filter((address) => isIP(address) === (type === A ? 4 : type === AAAA ? 6 : -1));
    });
    if (reply) socket.send(reply, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const address = `127.0.0.1:${socket.address().port}`;
  return {
    address,
    set: (name, answer) => answers.set(name.toLowerCase(), answer),
    queries,
    resolver: () => dnsResolver(address),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/**
 * Looks a name up as `dns.lookup(name, { all: true })` would, A then AAAA, but asks only `server`.
 * Fails with ENOTFOUND when neither question has an answer.
 */
export function dnsResolver(server: string): OutboundResolver {
  const resolver = new Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([server]);
  return {
    async lookup(hostname): Promise<LookupAddress[]> {
      const [v4, v6] = await Promise.allSettled([resolver.resolve4(hostname), resolver.resolve6(hostname)]);
      const found = [
        ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4 })) : []),
        ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6 })) : []),
      ];
      if (found.length === 0) {
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
      }
      return found;
    },
  };
}

/**
 * The reply to one query, or undefined for a packet that is not one. `lookup` gives the addresses for a
 * name and type, or undefined for a name the server does not know (NXDOMAIN).
 */
function answer(
  query: Buffer,
  lookup: (name: string, type: number) => string[] | undefined,
): Buffer | undefined {
  if (query.length < 12 || (query.readUInt16BE(2) & 0x8000) !== 0 || query.readUInt16BE(4) !== 1) {
    return undefined;
  }
  // The question: length-prefixed labels up to a zero byte, then its type and class.
  const labels: string[] = [];
  let at = 12;
  for (let length = query[at]; length !== 0; length = query[at]) {
    if (length === undefined || length > 63 || at + 1 + length > query.length) return undefined;
    labels.push(query.toString('latin1', at + 1, at + 1 + length));
    at += 1 + length;
  }
  const end = at + 5;
  if (end > query.length) return undefined;
  const type = query.readUInt16BE(at + 1);
  const addresses = lookup(labels.join('.').toLowerCase(), type);

  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0); // the query's id
  // QR, the query's opcode and RD, AA, RA; NXDOMAIN (3) for an unknown name.
  header.writeUInt16BE(0x8000 | (query.readUInt16BE(2) & 0x7900) | 0x0400 | 0x0080 | (addresses ? 0 : 3), 2);
  header.writeUInt16BE(1, 4); // one question, echoed as asked (with its case)
  header.writeUInt16BE(addresses?.length ?? 0, 6);
  const records = (addresses ?? []).map((address) => {
    const data = Buffer.from(ipaddr.parse(address).toByteArray());
    const record = Buffer.alloc(12);
    record.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    record.writeUInt16BE(type, 2);
    record.writeUInt16BE(1, 4); // class IN
    record.writeUInt32BE(0, 6); // TTL
    record.writeUInt16BE(data.length, 10);
    return Buffer.concat([record, data]);
  });
  return Buffer.concat([header, query.subarray(12, end), ...records]);
}
