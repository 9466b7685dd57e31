import type { AuditEntry } from './types.js';

/**
 * The audit log's hash chain, checked in the browser exactly as src/audit-chain.ts does on the server
 * and in `keyward audit verify`: the console trusts no verdict of the server's, only the entries.
 * Both sides must hash the same array, in the same order, or every entry would look tampered with.
 */

/** The `prevHash` of the first entry. */
export const GENESIS = '0'.repeat(64);

/** SHA-256, hex, of the JSON array of an entry's link and content; `seq` is left out, as on the server. */
export async function chainHash(entry: AuditEntry): Promise<string> {
  const content = JSON.stringify([
    entry.prevHash,
    entry.id,
    entry.at,
    entry.action,
    entry.actorId,
    entry.orgId,
    entry.targetId,
    entry.requestId,
    entry.ip,
    entry.outcome,
    entry.details,
  ]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(content));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export type ChainCheck =
  | { ok: true; count: number }
  | { ok: false; count: number; brokenAt: number; reason: 'link' | 'hash' };

/**
 * Walks the entries oldest first and reports the first whose link (its `prevHash` is not the hash
 * before it) or hash (its content does not hash to it) does not hold.
 */
export async function verifyChain(entries: AsyncIterable<AuditEntry>): Promise<ChainCheck> {
  let prev = GENESIS;
  let count = 0;
  for await (const entry of entries) {
    count++;
    if (entry.prevHash !== prev) return { ok: false, count, brokenAt: entry.seq, reason: 'link' };
    if ((await chainHash(entry)) !== entry.hash)
      return { ok: false, count, brokenAt: entry.seq, reason: 'hash' };
    prev = entry.hash;
  }
  return { ok: true, count };
}
