import { randomBase62, toBase62 } from './base62.js';

export type IdPrefix = 'org' | 'usr' | 'svc' | 'key' | 'req' | 'aud' | 'rtk';

/**
 * A public id such as `key_0mZ3k9QeTq4fW2x8Lr7aBc1d`: 8 characters of milliseconds, then 14 random ones.
 * Ids sort by creation time, which gives cursor pagination a stable order for free.
 */
export function newId(prefix: IdPrefix, now = Date.now()): string {
  return `${prefix}_${toBase62(now, 8)}${randomBase62(14)}`;
}
