import { hash } from 'node:crypto';
import { type ChainName, linkOf } from './audit-export-check.js';

/**
 * The audit log's hash chains, with no store behind them: the store extends them, and `keyward audit
 * verify` checks an export that came over HTTP (or from a file) against them. There are two: the whole
 * log's (`prevHash`, `hash`), and each organization's own, over its entries only (`orgPrevHash`,
 * `orgHash`), so that an organization's export can be checked link by link without the others'.
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
  /** The entry's link and hash in its organization's chain; null for an entry of no organization. */
  orgPrevHash: string | null;
  orgHash: string | null;
}

/** The hash that starts a chain: the `prevHash` (or `orgPrevHash`) of its first entry. */
export const GENESIS = '0'.repeat(64);

/**
 * An entry's hash covers its content and its predecessor's hash, so editing, deleting or reordering any
 * entry breaks every hash after it. `seq` is left out: the store assigns it, and order is in `prevHash`.
 * Both chains hash the same way; only the predecessor differs.
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

/** Whether an entry's hashes (its organization's too, where it has one) match its content. */
export function hashesHold(entry: ChainedEntry): boolean {
  if (chainHash(entry.prevHash, entry.id, entry.at, entry) !== entry.hash) return false;
  if (entry.orgId === null) return entry.orgPrevHash === null && entry.orgHash === null;
  return (
    entry.orgPrevHash !== null && chainHash(entry.orgPrevHash, entry.id, entry.at, entry) === entry.orgHash
  );
}

export type ChainCheck =
  | { ok: true; count: number }
  | { ok: false; count: number; brokenAt: number; reason: 'link' | 'hash' };

/**
 * Walks entries in order along one chain from `anchor` (the chain's start unless told otherwise), and
 * reports the first one whose link or hash does not hold.
 *
 * @example await verifyChain(store.exportAudit({ ...filter, orgIds: [orgId] }), 'organization')
 */
export async function verifyChain(
  entries: AsyncIterable<ChainedEntry>,
  chain: ChainName = 'log',
  anchor: string = GENESIS,
): Promise<ChainCheck> {
  let prev = anchor;
  let count = 0;
  for await (const entry of entries) {
    count++;
    const link = linkOf(entry, chain);
    if (link.prev !== prev) return { ok: false, count, brokenAt: entry.seq, reason: 'link' };
    if (!hashesHold(entry)) return { ok: false, count, brokenAt: entry.seq, reason: 'hash' };
    prev = link.hash ?? '';
  }
  return { ok: true, count };
}
