import ipaddr from 'ipaddr.js';
import type { FieldFormat } from './types.js';

/**
 * The formats a field's value may be held to. Each is strict on purpose: a value that reaches a URL's
 * host decides where a credential is sent, so anything a URL parser could read two ways is refused
 * rather than normalized (`1.2.3` or `0x7f.1` as IPv4, `a..b`, a trailing dot, an IPv6 zone, `x:080`).
 */

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const PORT = /^[1-9][0-9]{0,4}$/;
// RFC 3986 pchar, less nothing: unreserved, sub-delims, ':', '@' and percent-encodings.
const SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*$/;
const QUERY = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/;
const EMAIL_LOCAL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A DNS name in ASCII (an IDN is written in its `xn--` form): labels of letters, digits and inner
 * hyphens, 253 characters at most, no empty label and no trailing dot. The last label must start with
 * a letter, so that no name is also read as an IPv4 address.
 */
export function isDnsName(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  const labels = value.split('.');
  const last = labels[labels.length - 1] ?? '';
  return labels.every((label) => LABEL.test(label)) && /^[A-Za-z]/.test(last);
}

/** An IPv4 address in its one unambiguous spelling: four decimal parts, no leading zeros. */
export function isIPv4(value: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(value);
}

function isPort(value: string): boolean {
  return PORT.test(value) && Number(value) <= 65_535;
}

/**
 * `format: hostname`: a host or host:port, and nothing else: no scheme, path, query, user info or
 * whitespace. The host is a DNS name, an IPv4 address or a bracketed IPv6 address; the port 1–65535.
 *
 * @example isHostname('sensu.example.com:8080') // true
 * @example isHostname('https://x') // false
 */
export function isHostname(value: string): boolean {
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    const rest = value.slice(close + 1);
    const address = value.slice(1, close);
    return (
      close > 0 &&
      !address.includes('%') &&
      ipaddr.IPv6.isValid(address) &&
      (rest === '' || (rest.startsWith(':') && isPort(rest.slice(1))))
    );
  }
  const colon = value.indexOf(':');
  const host = colon === -1 ? value : value.slice(0, colon);
  if (colon !== -1 && !isPort(value.slice(colon + 1))) return false;
  return isDnsName(host) || isIPv4(host);
}

/** A host or host:port, then a path if need be: `dev.azure.com/myorg`. */
export function isHostAndPath(value: string): boolean {
  const slash = value.indexOf('/');
  return slash === -1
    ? isHostname(value)
    : isHostname(value.slice(0, slash)) && isCleanPath(value.slice(slash));
}

/** A piece of a host (`acme` in `https://acme.freshdesk.com`): what a DNS name may hold, dots included. */
export function isHostLabel(value: string): boolean {
  return (
    /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(value) && !value.includes('..') && value.length <= 253
  );
}

/** A path of RFC 3986 segments, without `.` or `..` segments, which a URL parser would resolve away. */
export function isCleanPath(path: string): boolean {
  if (path === '') return true;
  if (!path.startsWith('/')) return false;
  return path
    .slice(1)
    .split('/')
    .every((segment) => SEGMENT.test(segment) && !/^(?:\.|%2e){1,2}$/i.test(segment));
}

function isLoopbackLiteral(host: string): boolean {
  if (host.startsWith('[')) return host === '[::1]';
  return isIPv4(host) && host.startsWith('127.');
}

/**
 * `format: uri`: an absolute https URL with a clean path and no user info, query or fragment, because
 * Keyward appends paths to it. `http` is accepted for a loopback address literal only (`http://127.0.0.1:8080`),
 * where the credential never crosses a network.
 */
export function isBaseUrl(value: string): boolean {
  const match = /^(https?):\/\/([^/?#]*)([^?#]*)$/.exec(value);
  if (match === null) return false;
  const [, scheme = '', authority = '', path = ''] = match;
  if (!isHostname(authority)) return false;
  if (scheme === 'http' && !isLoopbackLiteral(authority.replace(/:[0-9]+$/, ''))) return false;
  return isCleanPath(path);
}

/** Keyward's `format: path`: `/api/me`, with a query if need be (`/v1/sites?limit=1`). */
export function isRequestPath(value: string): boolean {
  const question = value.indexOf('?');
  const path = question === -1 ? value : value.slice(0, question);
  const query = question === -1 ? '' : value.slice(question + 1);
  return path.startsWith('/') && !path.startsWith('//') && isCleanPath(path) && QUERY.test(query);
}

export function isEmail(value: string): boolean {
  const at = value.lastIndexOf('@');
  return (
    at > 0 && value.length <= 254 && EMAIL_LOCAL.test(value.slice(0, at)) && isDnsName(value.slice(at + 1))
  );
}

/** Whether `value` has `format`. */
export function hasFormat(value: string, format: FieldFormat): boolean {
  switch (format) {
    case 'hostname':
      return isHostname(value);
    case 'uri':
      return isBaseUrl(value);
    case 'email':
      return isEmail(value);
    case 'uuid':
      return UUID.test(value);
    case 'path':
      return isRequestPath(value);
  }
}
