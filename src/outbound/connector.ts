import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import type { SecureContext } from 'node:tls';
import { buildConnector } from 'undici';
import { checkAddress } from './address-policy.js';
import type { Cidr } from './allow-list.js';
import { OutboundError } from './errors.js';

/**
 * Resolves a host name to every address it has. `dns.promises` (from `node:dns`) is one; tests pass one
 * that asks their own DNS server.
 */
export interface Resolver {
  lookup(hostname: string, options: { all: true }): Promise<LookupAddress[]>;
}

export interface GuardOptions {
  allow: readonly Cidr[];
  resolver: Resolver;
  /** For the lookup, the TCP connection and the TLS handshake together. */
  connectTimeoutMs: number;
  /** Set only when the caller gave extra certificate authorities; otherwise Node's own store applies. */
  secureContext: SecureContext | undefined;
}

/**
 * An undici `connect` function that opens a connection only to an address the policy admits.
 * It resolves the host once, refuses the connection if any address is forbidden (a name that mixes a
 * public address with a private one is an attack or a mistake, and either way not worth a guess), and
 * then hands net exactly those addresses to connect to: the address checked is the address connected to,
 * so a second, different answer from DNS (rebinding) can never be used. Plain `http:` is opened only to
 * addresses the allow list names. Every failure is an {@link OutboundError}.
 */
export function guardedConnector(guard: GuardOptions): buildConnector.connector {
  return (target, callback) => {
    const origin = `${target.protocol}//${target.host ?? target.hostname}`;
    const deadline = Date.now() + guard.connectTimeoutMs;
    admit(target, origin, guard).then(
      (addresses) => open(target, addresses, origin, deadline, guard, callback),
      (error: OutboundError) => callback(error, null),
    );
  };
}

async function admit(target: buildConnector.Options, origin: string, guard: GuardOptions) {
  const family = isIP(target.hostname);
  const literal = family !== 0;
  const addresses = literal ? [{ address: target.hostname, family }] : await resolve(target.hostname, guard);
  for (const { address } of addresses) {
    const verdict = checkAddress(address, guard.allow);
    if (!verdict.allowed) {
      const verb = literal ? 'is' : 'resolves to';
      throw new OutboundError(
        'FORBIDDEN_ADDRESS',
        `${origin} ${verb} an address outbound requests may not reach (${verdict.class})`,
        { address },
      );
    }
    if (target.protocol !== 'https:' && !verdict.allowListed) {
      throw new OutboundError(
        'FORBIDDEN_ADDRESS',
        `${origin}: plain http is allowed only to addresses in the cluster's outbound allow list; use https`,
        { address },
      );
    }
  }
  return addresses;
}

async function resolve(hostname: string, guard: GuardOptions): Promise<LookupAddress[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const message = `the DNS lookup of ${hostname} took longer than ${guard.connectTimeoutMs} ms`;
      reject(new OutboundError('TIMEOUT', message));
    }, guard.connectTimeoutMs);
  });
  try {
    const addresses = await Promise.race([guard.resolver.lookup(hostname, { all: true }), late]);
    if (addresses.length === 0 || addresses.some(({ address }) => isIP(address) === 0)) {
      throw new OutboundError('DNS', `${hostname} did not resolve to any IP address`);
    }
    return addresses;
  } catch (error) {
    if (error instanceof OutboundError) throw error;
    throw new OutboundError('DNS', `${hostname} did not resolve (${reason(error)})`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

function open(
  target: buildConnector.Options,
  addresses: LookupAddress[],
  origin: string,
  deadline: number,
  guard: GuardOptions,
  callback: buildConnector.Callback,
): void {
  const connect = buildConnector({
    timeout: Math.max(1, deadline - Date.now()),
    ...(guard.secureContext === undefined ? {} : { secureContext: guard.secureContext }),
    // net asks this instead of DNS, so it can only connect to the addresses admitted above; Happy
    // Eyeballs still tries them in turn.
    lookup: pinned(addresses),
    autoSelectFamily: true,
  });
  let tcpUp = false;
  // undici's connector returns the socket, though its types say nothing: it tells a TLS failure
  // (after the TCP connection) from a connection that never opened.
  const socket = (connect as (...args: Parameters<typeof connect>) => Socket | undefined)(
    target,
    (error, connected) => {
      if (error === null) return callback(null, connected);
      const tls = target.protocol === 'https:' && tcpUp;
      callback(connectFailure(error, origin, tls, guard.connectTimeoutMs), null);
    },
  );
  socket?.once('connect', () => {
    tcpUp = true;
  });
}

function connectFailure(error: Error, origin: string, tls: boolean, timeoutMs: number): OutboundError {
  const address = (error as { address?: unknown }).address;
  const options = { cause: error, ...(typeof address === 'string' ? { address } : {}) };
  if ((error as { code?: unknown }).code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new OutboundError('TIMEOUT', `connecting to ${origin} took longer than ${timeoutMs} ms`, options);
  }
  if (tls)
    return new OutboundError('TLS', `the TLS handshake with ${origin} failed (${reason(error)})`, options);
  return new OutboundError('CONNECT', `could not connect to ${origin} (${reason(error)})`, options);
}

/** A lookup that answers with the admitted addresses, whatever it is asked. */
function pinned(addresses: LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const [first] = addresses;
    if (options.all === true || first === undefined) callback(null, addresses);
    else callback(null, first.address, first.family);
  };
}

/** An error's code (`ENOTFOUND`, `UNABLE_TO_VERIFY_LEAF_SIGNATURE`), or its message when it has none. */
export function reason(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}
