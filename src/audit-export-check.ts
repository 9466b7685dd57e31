/**
 * The audit export's framing and its check, with no hashing of its own, so that the server, `keyward
 * audit verify` and the console (in the browser, with `crypto.subtle`) run the same walk and differ only
 * in how they hash an entry (src/audit-chain.ts, console/src/audit/chain.ts). It imports nothing.
 *
 * ```
 * {"kind":"keyward.audit.export","version":1,"chain":"organization","orgId":"org_…","linked":true,"anchor":"000…","filter":{…},"takenAt":"…"}
 * {"seq":7,"id":"aud_…",…,"prevHash":"…","hash":"…","orgPrevHash":"000…","orgHash":"…"}
 * {"kind":"keyward.audit.end","count":1,"lastHash":"…"}
 * ```
 */

/** Which chain: the whole log's, or the one of the organization an entry belongs to. */
export type ChainName = 'log' | 'organization';

/** What the walk reads of an entry: its place, and its links in both chains. */
export interface Links {
  seq: number;
  prevHash: string;
  hash: string;
  orgPrevHash: string | null;
  orgHash: string | null;
}

/** An entry's link and hash in one chain. */
export function linkOf(entry: Links, chain: ChainName): { prev: string | null; hash: string | null } {
  return chain === 'log'
    ? { prev: entry.prevHash, hash: entry.hash }
    : { prev: entry.orgPrevHash, hash: entry.orgHash };
}

export const START_KIND = 'keyward.audit.export';
export const END_KIND = 'keyward.audit.end';

/** What an export holds: which chain, and whether its entries are a run of it with none left out. */
export interface ExportScope {
  /** `organization` when the export is one organization's: its entries follow that organization's chain. */
  chain: ChainName;
  orgId: string | null;
  /**
   * True unless a filter on the content (action, actor, target) left entries out between the exported
   * ones: then only each entry's own hashes, and the count, can be checked.
   */
  linked: boolean;
  /** The filter the export was asked for, for the reader. */
  filter: { [name: string]: string | null };
}

export interface ExportStart extends ExportScope {
  kind: typeof START_KIND;
  version: 1;
  /** The hash the first entry links to in `chain`; null when the export is empty or not linked. */
  anchor: string | null;
  takenAt: string;
}

export interface ExportEnd {
  kind: typeof END_KIND;
  count: number;
  /** The last entry's hash in `chain`; null when the export is empty. */
  lastHash: string | null;
}

/** Why an export does not hold; `brokenAt` is the `seq` of the entry at fault, where there is one. */
export type ExportProblem = 'start' | 'link' | 'hash' | 'order' | 'cut' | 'end' | 'after-end';

export type ExportCheck =
  | { ok: true; count: number; start: ExportStart }
  | { ok: false; count: number; problem: ExportProblem; brokenAt: number | null; end: ExportEnd | null };

const isStart = (line: unknown): line is ExportStart =>
  (line as ExportStart | null)?.kind === START_KIND && (line as ExportStart).version === 1;
const isEnd = (line: unknown): line is ExportEnd => (line as ExportEnd | null)?.kind === END_KIND;

/**
 * Checks an export's lines, parsed, in order: the start line; each entry's hashes against its content
 * (`hashesHold`); each entry's link to the one before it (the first's to the anchor), or, when the export
 * is not linked, their order; and the end line against what came.
 */
export async function checkExport<E extends Links>(
  lines: AsyncIterable<unknown>,
  hashesHold: (entry: E) => boolean | Promise<boolean>,
): Promise<ExportCheck> {
  let begun: ExportStart | null = null;
  let end: ExportEnd | null = null;
  let count = 0;
  let prev: string | null = null;
  let lastSeq = Number.NEGATIVE_INFINITY;
  const fail = (problem: ExportProblem, brokenAt: number | null = null): ExportCheck => ({
    ok: false,
    count,
    problem,
    brokenAt,
    end,
  });
  for await (const line of lines) {
    if (begun === null) {
      if (!isStart(line)) return fail('start');
      begun = line;
      prev = line.anchor;
      continue;
    }
    if (end !== null) return fail('after-end');
    if (isEnd(line)) {
      end = line;
      continue;
    }
    const entry = line as E;
    count++;
    const link = linkOf(entry, begun.chain);
    if (begun.linked && link.prev !== prev) return fail('link', entry.seq);
    if (!begun.linked && !(entry.seq > lastSeq)) return fail('order', entry.seq);
    if (!(await hashesHold(entry))) return fail('hash', entry.seq);
    prev = link.hash;
    lastSeq = entry.seq;
  }
  if (begun === null) return fail('start');
  if (end === null) return fail('cut');
  if (end.count !== count || end.lastHash !== (count === 0 ? null : prev)) return fail('end');
  return { ok: true, count, start: begun };
}
