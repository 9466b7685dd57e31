import { checkExport, type ExportCheck } from '../../../src/audit-export-check.js';
import type { AuditEntry } from './types.js';

export type { ExportCheck, ExportProblem } from '../../../src/audit-export-check.js';

/**
 * The audit log's hash chains, and the export's check, in the browser exactly as src/audit-chain.ts and
 * src/audit-export.ts do them on the server and in `keyward audit verify`: the console trusts no verdict
 * of the server's, only the entries. Both sides must hash the same array, in the same order, or every
 * entry would look tampered with.
 */

/** SHA-256, hex, of the JSON array of a link and an entry's content; `seq` is left out, as on the server. */
export async function chainHash(prevHash: string, entry: AuditEntry): Promise<string> {
  const content = JSON.stringify([
    prevHash,
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

/** Whether an entry's hashes, its organization's chain's too where it has one, match its content. */
async function hashesHold(entry: AuditEntry): Promise<boolean> {
  if ((await chainHash(entry.prevHash, entry)) !== entry.hash) return false;
  if (entry.orgId === null) return entry.orgPrevHash === null && entry.orgHash === null;
  return entry.orgPrevHash !== null && (await chainHash(entry.orgPrevHash, entry)) === entry.orgHash;
}

/** The console's check of an export: the server's walk (src/audit-export-check.ts), hashed here. */
export function verifyExport(lines: AsyncIterable<unknown>): Promise<ExportCheck> {
  return checkExport(lines, hashesHold);
}
