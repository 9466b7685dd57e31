import { hash } from 'node:crypto';

/**
 * The audit log's hash chain, with no store behind it: the store extends the chain, and `keyward audit
 * verify` checks an export that came over HTTP (or from a file) against it.
 */

/** What an entry's hash covers besides its link, id and time: the store's `AuditInput`, or the API's entry. */
export interface ChainContent {
  action: string;
  actorId: string | null;
  orgId: string | null;
  targetId: string | null;
  requestId: string | null;
  ip: string | null;
  outcome: 'success' | 'failure';
  details: object | null;
}

/** An entry as the log holds it and the export writes it. */
export interface ChainedEntry extends ChainContent {
  seq: number;
  id: string;
  at: string;
  prevHash: string;
  hash: string;
}

/** The hash that starts the chain: the `prevHash` of the first entry. */
export const GENESIS = '0'.repeat(64);

/**
 * An entry's hash covers its content and its predecessor's hash, so editing, deleting or reordering any
 * entry breaks every hash after it. `seq` is left out: the store assigns it, and order is in `prevHash`.
 */
export function chainHash(prevHash: string, id: string, at: string, input: ChainContent): string {
  const content = JSON.stringify([
    prevHash,
    id,
    at,
    input.action,
    input.actorId,
    input.orgId,
    input.targetId,
    input.requestId,
    input.ip,
    input.outcome,
    input.details,
  ]);
  return hash('sha256', content, 'hex');
}

export type ChainCheck =
  | { ok: true; count: number }
  | { ok: false; count: number; brokenAt: number; reason: string };

/** Walks entries in order and reports the first one whose link or hash does not hold. */
export async function verifyChain(entries: AsyncIterable<ChainedEntry>): Promise<ChainCheck> {
  let prev = GENESIS;
  let count = 0;
  for await (const entry of entries) {
    count++;
    if (entry.prevHash !== prev) return { ok: false, count, brokenAt: entry.seq, reason: 'link' };
    if (chainHash(entry.prevHash, entry.id, entry.at, entry) !== entry.hash) {
      return { ok: false, count, brokenAt: entry.seq, reason: 'hash' };
    }
    prev = entry.hash;
  }
  return { ok: true, count };
}
