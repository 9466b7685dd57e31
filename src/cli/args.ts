/** Parsers for option values: each throws commander's InvalidArgumentError, a usage error (exit 2). */
import { InvalidArgumentError } from 'commander';

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

/** A count of at least one, such as `--limit`. */
export function positiveInt(text: string): number {
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1)
    throw new InvalidArgumentError('must be a whole number above 0');
  return Number(text);
}
