import { Type } from 'typebox';
import { verifyChain } from '../../audit-chain.js';
import { type ChainName, linkOf } from '../../audit-export-check.js';
import type { Deps } from '../../deps.js';
import type { AuditEntry } from '../../store/types.js';
import type { App } from '../app-type.js';
import { auditFilter } from '../guards.js';
import { AuditQuery } from '../params.js';
import { AnyId, Closed, Count, errorResponses, Int64, LIMITS, Text, Timestamp } from '../schemas.js';

const Chain = Type.Union([Type.Literal('log'), Type.Literal('organization')], {
  description: "`log`: the whole log's chain, for a cluster admin; `organization`: one organization's",
});
const OrgId = Type.Union([AnyId, Type.Null()], { description: 'The organization whose chain was walked' });
const Digest = Text(LIMITS.digest);

const Holds = Type.Object({
  ok: Type.Literal(true),
  chain: Chain,
  orgId: OrgId,
  count: Count('Entries checked: every entry of the chain'),
  lastHash: Type.Union([Digest, Type.Null()], {
    description:
      "The newest entry's hash, null for an empty chain. Keep it: entries removed from the end of the " +
      'log leave a chain that holds, and only an earlier `lastHash` missing from a later walk shows them.',
  }),
});

const Broken = Type.Object({
  ok: Type.Literal(false),
  chain: Chain,
  orgId: OrgId,
  count: Count('Entries checked, up to and including the first bad one'),
  firstBad: Type.Object({
    seq: Int64({ minimum: 1, maximum: LIMITS.count }),
    id: AnyId,
    at: Timestamp,
  }),
  reason: Type.Union([Type.Literal('hash'), Type.Literal('link')], {
    description:
      "`hash`: the entry's hash does not match its content (it was edited); `link`: it does not link to " +
      'the entry before it (an entry before it was deleted or moved, or its link edited)',
  }),
  message: Text(LIMITS.text),
});

const MESSAGES = {
  hash: 'Its hash does not match its content: the entry was edited after it was written.',
  link: 'It does not link to the entry before it: an entry before it was deleted or moved, or its link was edited.',
} as const;

export default function verifyAudit(app: App, deps: Deps): void {
  app.get(
    '/v1/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: "Check the audit log's hash chain in the store",
        description:
          "Walks a chain entry by entry in the store, as `keyward audit verify` walks an export: the whole log's " +
          "for a cluster admin, or one organization's (`orgId`; an organization admin's own, or the key's " +
          'organization). Each entry must link to the one before it and its hash must match its content. ' +
          'A broken chain is still a `200`: the request succeeded, and `ok: false` names the first bad ' +
          'entry and why. A long log takes a while; other requests are served meanwhile.',
        querystring: Type.Object({ orgId: AuditQuery.orgId }, Closed),
        response: { 200: Type.Union([Holds, Broken]), ...errorResponses },
      },
    },
    async (request) => {
      // The same rules as the export's: who may read which entries decides which chain they may walk.
      const filter = await auditFilter(deps, request, { orgId: request.query.orgId });
      const orgId = filter.orgIds?.[0] ?? null;
      const chain: ChainName = orgId === null ? 'log' : 'organization';
      const walked: { last: AuditEntry | null } = { last: null };
      const check = await verifyChain(noting(deps.store.exportAudit(filter), walked), chain);
      const last = walked.last;
      if (check.ok) {
        const lastHash = last === null ? null : linkOf(last, chain).hash;
        return { ok: true as const, chain, orgId, count: check.count, lastHash };
      }
      // The walk stops at the first bad entry: the last it read.
      const bad = last as AuditEntry;
      return {
        ok: false as const,
        chain,
        orgId,
        count: check.count,
        firstBad: { seq: bad.seq, id: bad.id, at: bad.at },
        reason: check.reason,
        message: MESSAGES[check.reason],
      };
    },
  );
}

/** The entries as they pass, noting the last one read. */
async function* noting(entries: AsyncIterable<AuditEntry>, walked: { last: AuditEntry | null }) {
  for await (const entry of entries) {
    walked.last = entry;
    yield entry;
  }
}
