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
 * The lines of an export, oldest entry first. The start line waits for the first entry, whose link is
 * the anchor.
 *
 * @example reply.send(Readable.from(exportLines(store.exportAudit(filter), scope, new Date().toISOString())))
 */
export async function* exportLines(
  entries: AsyncIterable<ChainedEntry>,
  scope: ExportScope,
  takenAt: string,
): AsyncGenerator<string> {
  const line = (value: object) => `${JSON.stringify(value)}\n`;
  let count = 0;
  let lastHash: string | null = null;
  for await (const entry of entries) {
    const link = linkOf(entry, scope.chain);
    if (count === 0) yield line(start(scope, scope.linked ? link.prev : null, takenAt));
    yield line(entry);
    count++;
    lastHash = link.hash;
  }
  if (count === 0) yield line(start(scope, null, takenAt));
  const end: ExportEnd = { kind: END_KIND, count, lastHash };
  yield line(end);
}

function start(scope: ExportScope, anchor: string | null, takenAt: string): ExportStart {
  return { kind: START_KIND, version: 1, ...scope, anchor, takenAt };
}

/** Checks an export's lines, parsed, in order, hashing as the store does (see `checkExport`). */
export function verifyExport(lines: AsyncIterable<unknown>): Promise<ExportCheck> {
  return checkExport(lines, hashesHold);
}
