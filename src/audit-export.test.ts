import { describe, expect, it } from 'vitest';
import { type ChainContent, type ChainedEntry, chainHash, GENESIS } from './audit-chain.js';
import { type ExportScope, exportLines, jsonLine, verifyExport } from './audit-export.js';

/** A log of `orgs.length` entries, chained as the store chains them. */
function chained(orgs: (string | null)[]): ChainedEntry[] {
  const heads = new Map<string, string>();
  let prevHash = GENESIS;
  return orgs.map((orgId, n) => {
    const content: ChainContent = {
      action: `step.${n}`,
      actorId: null,
      orgId,
      targetId: null,
      requestId: null,
      ip: null,
      outcome: 'success',
      details: { n },
    };
    const [id, at] = [`aud_${n}`, new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString()];
    const hash = chainHash(prevHash, id, at, content);
    const orgPrevHash = orgId === null ? null : (heads.get(orgId) ?? GENESIS);
    const orgHash = orgPrevHash === null ? null : chainHash(orgPrevHash, id, at, content);
    if (orgId !== null && orgHash !== null) heads.set(orgId, orgHash);
    const entry = { ...content, seq: n + 1, id, at, prevHash, hash, orgPrevHash, orgHash };
    prevHash = hash;
    return entry;
  });
}

async function* each<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

/** The export's lines, parsed, as a reader of the JSON Lines gets them. */
async function exported(entries: ChainedEntry[], scope: ExportScope): Promise<unknown[]> {
  const lines: unknown[] = [];
  for await (const chunk of exportLines(each(entries), scope, '2025-02-01T00:00:00.000Z')) {
    expect(chunk.endsWith('\n'), 'a chunk holds whole lines').toBe(true);
    for (const line of chunk.split('\n').slice(0, -1)) lines.push(JSON.parse(line));
  }
  return lines;
}

const log: ExportScope = { chain: 'log', orgId: null, linked: true, filter: {} };
const acme: ExportScope = { chain: 'organization', orgId: 'org_a', linked: true, filter: { orgId: 'org_a' } };

describe('an audit export', () => {
  it('checks on its own when it is empty: a start line without an anchor, and an end line counting none', async () => {
    const lines = await exported([], log);
    expect(lines).toEqual([
      expect.objectContaining({ kind: 'keyward.audit.export', anchor: null }),
      { kind: 'keyward.audit.end', count: 0, lastHash: null },
    ]);
    expect(await verifyExport(each(lines))).toMatchObject({ ok: true, count: 0 });
    expect(await verifyExport(each(lines.slice(0, 1)))).toMatchObject({ ok: false, problem: 'cut' });
    expect(await verifyExport(each([]))).toMatchObject({ ok: false, problem: 'start' });
  });

  it("follows an organization's chain from the middle of it, and refuses an entry of another", async () => {
    const all = chained(['org_a', 'org_b', null, 'org_a', 'org_b', 'org_a']);
    const run = all.filter((e) => e.orgId === 'org_a').slice(1);
    const lines = await exported(run, acme);
    expect(lines[0]).toMatchObject({ anchor: all[0]?.orgHash });
    expect(await verifyExport(each(lines))).toMatchObject({ ok: true, count: 2 });
    const foreign = lines.toSpliced(2, 0, all[1]);
    expect(await verifyExport(each(foreign))).toMatchObject({ ok: false, problem: 'link', brokenAt: 2 });
  });

  it('refuses an entry whose organization chain was left out, even where its own hash holds', async () => {
    const [entry] = chained(['org_a']) as [ChainedEntry];
    const lines = await exported([{ ...entry, orgPrevHash: null, orgHash: null }], log);
    expect(await verifyExport(each(lines))).toMatchObject({ ok: false, problem: 'hash', brokenAt: 1 });
  });

  it('writes U+2028 and U+2029 escaped, as text that parses back the same, and the entry still verifies', async () => {
    const [entry] = chained(['org_a']) as [ChainedEntry];
    const content = { ...entry, details: { name: 'a\u2028b\u2029c' } };
    const hash = chainHash(GENESIS, entry.id, entry.at, content);
    const named = { ...content, hash, orgHash: hash };
    const line = jsonLine(named);
    expect(line).toMatch(/"a\\u2028b\\u2029c"/);
    expect(line.slice(0, -1)).not.toMatch(/[\n\u2028\u2029]/);
    expect(JSON.parse(line)).toEqual(named);
    expect(await verifyExport(each(await exported([named], log)))).toMatchObject({ ok: true, count: 1 });
  });
});
