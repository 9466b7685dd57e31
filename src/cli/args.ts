/** Parsers for option values: each throws a usage error (exit 2), commander's or Keyward's. */
import { InvalidArgumentError } from 'commander';
import { isPermission } from '../keys/permissions.js';
import { UsageError } from './errors.js';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/**
 * A duration such as `90d`, `24h`, `30m`, `45s` or `2w`, in seconds: one whole number and one unit,
 * nothing else, so that a typo is a usage error rather than a surprise.
 * @example parseDuration('90d') // 7776000
 */
export function parseDuration(text: string): number {
  const match = /^(\d{1,9})([smhdw])$/.exec(text.trim());
  if (!match)
    throw new InvalidArgumentError(
      'give a whole number and a unit: s, m, h, d or w (for example 90d, 24h, 30m)',
    );
  return Number(match[1]) * (UNITS[match[2] as string] as number);
}

/** A duration of at least one second: a ttl. */
export function parsePositiveDuration(text: string): number {
  const seconds = parseDuration(text);
  if (seconds === 0) throw new InvalidArgumentError('must be longer than 0 seconds');
  return seconds;
}

/**
 * A parser of durations of at most `max` seconds, which its message gives in the user's own units
 * (`30d`), so that a value the server would refuse is a usage error here, not a schema message there.
 * @example new Option('--grace <duration>').argParser(durationUpTo(2_592_000, '30d'))
 */
export function durationUpTo(max: number, maxText: string, positive = false): (text: string) => number {
  return (text) => {
    const seconds = positive ? parsePositiveDuration(text) : parseDuration(text);
    if (seconds > max) throw new InvalidArgumentError(`must be at most ${maxText}`);
    return seconds;
  };
}

/**
 * Collects `--scope` values (repeated, or comma-separated), each a permission such as `apikeys:read`. An
 * empty one is refused: it would make a key that can do nothing and looks like one that can do anything.
 */
export function collectPermissions(value: string, previous: string[] = []): string[] {
  const scopes = value.split(',').map((scope) => scope.trim());
  for (const scope of scopes) {
    if (scope === '')
      throw new InvalidArgumentError('a scope is a permission, such as apikeys:read; it is empty');
    if (!isPermission(scope))
      throw new InvalidArgumentError(
        `${scope} is not a permission: give resource:action (apikeys:read) or *`,
      );
  }
  return [...previous, ...scopes];
}

/** A count of at least one, such as `--limit`. */
export function positiveInt(text: string): number {
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1)
    throw new InvalidArgumentError('must be a whole number above 0');
  return Number(text);
}

/**
 * A time to come: ISO 8601 (`2026-01-31T12:00:00Z`), or a duration from now (`90d`), as an ISO string.
 * `other` names a further form the caller takes, for the message (`or never`).
 * @example parseFutureTime('30d') // 30 days from now
 */
export function parseFutureTime(text: string, other?: string): string {
  if (/^\d+[smhdw]$/.test(text.trim()))
    return new Date(Date.now() + parsePositiveDuration(text) * 1000).toISOString();
  const ms = Date.parse(text);
  if (!/^\d{4}-\d\d-\d\d/.test(text) || Number.isNaN(ms))
    throw new InvalidArgumentError(
      `give an ISO 8601 time (2026-01-31T12:00:00Z)${other ? ', ' : ' or '}a duration from now (90d)${other ? `, or ${other}` : ''}`,
    );
  if (ms <= Date.now()) throw new InvalidArgumentError('must be in the future');
  return new Date(ms).toISOString();
}

/** The server's limits on `meta` (src/http/schemas.ts `Meta`, and 4 KiB of JSON in all). */
const META_MAX_BYTES = 4096;
const META_MAX_FIELDS = 64;
const META_MAX_NAME = 100;

/**
 * The value of `--meta`, boxed: commander turns a parser's `null` into `''`, and null is how a key's meta
 * is removed.
 */
export interface MetaFlag {
  value: Record<string, unknown> | null;
}

/**
 * A parser of `--meta`: a JSON object, within the server's limits. With `orNull`, `null` too, which
 * removes the key's meta.
 * @example new Option('--meta <json>').argParser(metaParser(false)) // --meta '{"team":"ci"}'
 */
export function metaParser(orNull: boolean): (text: string) => MetaFlag {
  const wanted = `give a JSON object, such as {"team":"ci"}${orNull ? ', or null to remove it' : ''}`;
  return (text) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new InvalidArgumentError(`is not JSON: ${wanted}`);
    }
    if (value === null && orNull) return { value: null };
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new InvalidArgumentError(`is not a JSON object: ${wanted}`);
    const names = Object.keys(value);
    if (names.length > META_MAX_FIELDS)
      throw new InvalidArgumentError(`has ${names.length} fields: at most ${META_MAX_FIELDS}`);
    if (names.some((name) => name.length > META_MAX_NAME))
      throw new InvalidArgumentError(`has a field name longer than ${META_MAX_NAME} characters`);
    if (Buffer.byteLength(JSON.stringify(value)) > META_MAX_BYTES)
      throw new InvalidArgumentError(`must be at most ${META_MAX_BYTES} bytes of JSON`);
    return { value: value as Record<string, unknown> };
  };
}

/** A parser of text of at most `max` characters, such as a key's name (200) or description (1000). */
export function textUpTo(max: number, allowEmpty = false): (text: string) => string {
  return (text) => {
    if (!allowEmpty && text.trim() === '') throw new InvalidArgumentError('is empty');
    if (text.length > max) throw new InvalidArgumentError(`must be at most ${max} characters`);
    return text;
  };
}

/** Headers a command sends itself: credentials are keyward's to send, and framing Node's. */
const OWN_HEADERS = new Set(['authorization', 'x-api-key', 'cookie', 'host', 'content-length']);

/**
 * `-H 'name: value'` flags, as curl and gh take them, by lower-case name; a name given twice joins its
 * values with a comma. `whose` says who sends the credentials instead, in the refusal. The messages
 * never repeat a value, which may be a secret.
 */
export function headerFlags(given: string[], whose: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const text of given) {
    const at = text.indexOf(':');
    const name = text.slice(0, Math.max(at, 0)).trim().toLowerCase();
    if (at < 1 || !/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name))
      throw new UsageError("a --header takes 'name: value', with a name of letters, digits and - only");
    if (OWN_HEADERS.has(name)) throw new UsageError(`the ${name} header cannot be given: ${whose}`);
    const value = text.slice(at + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return headers;
}
