import type { Server } from 'node:http';
import { BlockList, isIPv4, type Socket } from 'node:net';
import { refuseConnection } from './errors.js';

/** An address as a BlockList reads it: an IPv4-mapped IPv6 address is the IPv4 address it maps. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
}

/** A BlockList of the trusted proxies' ranges (`10.0.0.0/8`, `::1/128`), which the limit leaves alone. */
function rangesOf(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', prefix = ''] = cidr.split('/');
    list.addSubnet(address, Number(prefix), isIPv4(address) ? 'ipv4' : 'ipv6');
  }
  return list;
}

/**
 * Caps the connections one client address may hold open at once, so that a client that opens many
 * and sends slowly (slow loris) cannot take every socket the process has. A connection past the cap is
 * answered `429` and closed before anything is read. Trusted proxies carry many clients' connections,
 * and are not capped.
 */
export function limitConnectionsPerAddress(server: Server, max: number, trusted: readonly string[]): void {
  const exempt = rangesOf(trusted);
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = plain(socket.remoteAddress ?? '');
    if (address === '' || exempt.check(address, isIPv4(address) ? 'ipv4' : 'ipv6')) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      refuseConnection(socket);
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
