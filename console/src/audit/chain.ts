import type { AuditEntry, ExportEnd, ExportStart } from './types.js';

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

/** Why an export does not hold; `brokenAt` is the `seq` of the entry at fault, where there is one. */
export type ExportProblem = 'start' | 'link' | 'hash' | 'order' | 'cut' | 'end' | 'after-end';

export type ChainCheck =
  | { ok: true; count: number; start: ExportStart }
  | { ok: false; count: number; problem: ExportProblem; brokenAt: number | null };

const isStart = (line: unknown): line is ExportStart =>
  (line as ExportStart | null)?.kind === 'keyward.audit.export' && (line as ExportStart).version === 1;
const isEnd = (line: unknown): line is ExportEnd => (line as ExportEnd | null)?.kind === 'keyward.audit.end';

/**
 * Walks an export's lines in order: the start line; each entry's hashes; each entry's link to the one
 * before it along the export's chain (the first's to the start line's anchor), or their order when the
 * export is not linked; and the end line against what came.
 */
export async function verifyExport(lines: AsyncIterable<unknown>): Promise<ChainCheck> {
  let start: ExportStart | null = null;
  let end: ExportEnd | null = null;
  let count = 0;
  let prev: string | null = null;
  let lastSeq = Number.NEGATIVE_INFINITY;
  const fail = (problem: ExportProblem, brokenAt: number | null = null): ChainCheck => ({
    ok: false,
    count,
    problem,
    brokenAt,
  });
  for await (const line of lines) {
    if (start === null) {
      if (!isStart(line)) return fail('start');
      start = line;
      prev = line.anchor;
      continue;
    }
    if (end !== null) return fail('after-end');
    if (isEnd(line)) {
      end = line;
      continue;
    }
    const entry = line as AuditEntry;
    count++;
    const link =
      start.chain === 'log'
        ? { prev: entry.prevHash, hash: entry.hash }
        : { prev: entry.orgPrevHash, hash: entry.orgHash };
    if (start.linked && link.prev !== prev) return fail('link', entry.seq);
    if (!start.linked && !(entry.seq > lastSeq)) return fail('order', entry.seq);
    if (!(await hashesHold(entry))) return fail('hash', entry.seq);
    prev = link.hash;
    lastSeq = entry.seq;
  }
  if (start === null) return fail('start');
  if (end === null) return fail('cut');
  if (end.count !== count || end.lastHash !== (count === 0 ? null : prev)) return fail('end');
  return { ok: true, count, start };
}
