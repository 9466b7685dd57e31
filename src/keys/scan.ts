import { inspectKey } from './format.js';

/**
 * A candidate key: a run of up to 16 prefix characters, `_`, and exactly 38 base62 characters that no
 * further base62 character follows. Prefixes are each organization's choice, so any plausible one counts.
 */
const CANDIDATE = /([a-z0-9]{2,16})_([0-9A-Za-z]{38})(?![0-9A-Za-z])/g;

export interface FoundKey {
  /** Where the key starts in the text. */
  index: number;
  key: string;
}

/**
 * Every generated Keyward key in a text, for secret scanners. A string of the same shape whose checksum
 * fails is not a key, so random look-alikes are ruled out offline. Caller-supplied keys, which carry no
 * checksum, cannot be told from other strings and are not found.
 * @example findKeys('TOKEN=acme_3vQp…') // [{ index: 6, key: 'acme_3vQp…' }]
 */
export function findKeys(text: string): FoundKey[] {
  const found: FoundKey[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const run = match[1] as string;
    // Letters may stand before the real prefix (`tokenacme_…`): the checksum picks the one that fits.
    for (let start = 0; start <= run.length - 2; start++) {
      const key = `${run.slice(start)}_${match[2]}`;
      const shape = inspectKey(key);
      if (shape.ok && shape.generated) {
        found.push({ index: match.index + start, key });
        break;
      }
    }
  }
  return found;
}
