import { randomBase62, toBase62 } from './base62.js';

export type IdPrefix = 'org' | 'usr' | 'svc' | 'key' | 'req' | 'aud' | 'rtk' | 'con' | 'cns' | 'whk' | 'whd';

/**
 * A public id such as `key_0mZ3k9QeTq4fW2x8Lr7aBc1d`: 8 characters of milliseconds, then 14 random ones.
 * Ids sort by creation time, which gives cursor pagination a stable order for free.
 */
export function newId(prefix: IdPrefix, now = Date.now()): string {
  return `${prefix}_${toBase62(now, 8)}${randomBase62(14)}`;
}

/**
 * Request ids in the shape of every other id (`req_` then 22 base62 characters), made without the CSPRNG:
 * 14 characters fixed for the process (its start time and 6 random characters), then a counter. They
 * are unique, which is all a request id needs; nothing relies on their being unguessable, and a counter
 * costs a fraction of 14 random characters on a path that takes one per request.
 */
export function requestIds(now = Date.now()): () => string {
  const fixed = `req_${toBase62(now, 8)}${randomBase62(6)}`;
  let count = 0;
  return () => fixed + toBase62(count++, 8);
}
