import { hash } from 'node:crypto';
import type { AuditEntry, AuditInput } from './types.js';

/** The hash that starts the chain: the `prevHash` of the first entry. */
export const GENESIS = '0'.repeat(64);

/**
 * An entry's hash covers its content and its predecessor's hash, so editing, deleting or reordering any
 * entry breaks every hash after it. `seq` is left out: the store assigns it, and order is in `prevHash`.
 */
export function chainHash(prevHash: string, id: string, at: string, input: AuditInput): string {
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
export async function verifyChain(entries: AsyncIterable<AuditEntry>): Promise<ChainCheck> {
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
