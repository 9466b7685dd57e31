import { type ChainedEntry, hashesHold } from './audit-chain.js';
import {
  checkExport,
  END_KIND,
  type ExportCheck,
  type ExportEnd,
  type ExportScope,
  type ExportStart,
  linkOf,
  START_KIND,
} from './audit-export-check.js';

export type { ExportCheck, ExportScope } from './audit-export-check.js';

/**
 * The audit export's JSON Lines, and their check. An export is checkable on its own, whatever its
 * filter: its first line says which chain its entries follow and what the first one links to, and its
 * last line counts them and names the last hash, so that a line removed breaks a link and a tail cut off
 * leaves the count or the end line wrong (the format: src/audit-export-check.ts).
 */

/**
 * About how much text the export hands on at a time: whole lines, joined, so that a long export costs
 * one write to the socket per 64 KiB rather than one per entry.
 */
const CHUNK_CHARS = 64 * 1024;

/**
 * The lines of an export, oldest entry first, joined into chunks of whole lines (each ends with `\n`).
 * The start line waits for the first entry, whose link is the anchor.
 *
 * @example reply.send(Readable.from(exportLines(store.exportAudit(filter), scope, new Date().toISOString())))
 */
export async function* exportLines(
  entries: AsyncIterable<ChainedEntry>,
  scope: ExportScope,
  takenAt: string,
): AsyncGenerator<string> {
  let chunk = '';
  let count = 0;
  let lastHash: string | null = null;
  for await (const entry of entries) {
    const link = linkOf(entry, scope.chain);
    if (count === 0) chunk += jsonLine(start(scope, scope.linked ? link.prev : null, takenAt));
    chunk += jsonLine(entry);
    count++;
    lastHash = link.hash;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (count === 0) chunk += jsonLine(start(scope, null, takenAt));
  const end: ExportEnd = { kind: END_KIND, count, lastHash };
  yield chunk + jsonLine(end);
}

/**
 * One JSON Lines line. JSON may hold U+2028 and U+2029 raw, but some readers (Python's `splitlines`,
 * editors, older JavaScript) take them for line breaks and would split an entry in two: written as
 * `\u2028` and `\u2029`, they parse back to the same text. They can only occur inside strings, and the
 * chain hashes the parsed content, so an escaped export verifies as the raw one would.
 */
export function jsonLine(value: object): string {
  const json = JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `${json}\n`;
}

function start(scope: ExportScope, anchor: string | null, takenAt: string): ExportStart {
  return { kind: START_KIND, version: 1, ...scope, anchor, takenAt };
}

/** Checks an export's lines, parsed, in order, hashing as the store does (see `checkExport`). */
export function verifyExport(lines: AsyncIterable<unknown>): Promise<ExportCheck> {
  return checkExport(lines, hashesHold);
}
