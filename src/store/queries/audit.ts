import { json, toAudit } from '../rows.js';
import type { AuditEntry, AuditFilter, Page, PageOf } from '../types.js';
import type { Db } from './db.js';
import { pageOf } from './page.js';

/** The hash of the newest entry, or null when the log is empty. */
export async function selectChainHead(db: Db): Promise<string | null> {
  const last = await db
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last?.hash ?? null;
}

/** `seq` is left to the database: it numbers entries in the order they were appended. */
export async function insertAuditEntry(db: Db, entry: Omit<AuditEntry, 'seq'>): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: entry.id,
      at: entry.at,
      action: entry.action,
      actor_id: entry.actorId,
      org_id: entry.orgId,
      target_id: entry.targetId,
      request_id: entry.requestId,
      ip: entry.ip,
      outcome: entry.outcome,
      details: json(entry.details),
      prev_hash: entry.prevHash,
      hash: entry.hash,
    })
    .execute();
}

function auditQuery(db: Db, filter: AuditFilter) {
  let q = db.selectFrom('audit_log').selectAll();
  // No organization at all must match nothing, and `in ()` is not valid SQL.
  if (filter.orgIds) q = q.where('org_id', 'in', filter.orgIds.length ? filter.orgIds : ['']);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
  if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
  if (filter.since) q = q.where('at', '>=', filter.since);
  if (filter.until) q = q.where('at', '<', filter.until);
  return q;
}

/** Newest first: `page.after` is the `seq` of the last entry on the previous page. */
export async function selectAudit(db: Db, filter: AuditFilter, page: Page): Promise<PageOf<AuditEntry>> {
  let q = auditQuery(db, filter).orderBy('seq', 'desc');
  if (page.after) q = q.where('seq', '<', Number(page.after));
  const rows = await q.limit(page.limit + 1).execute();
  return pageOf(rows.map(toAudit), page, (e) => String(e.seq));
}

/** Oldest first, in batches, so that an export of any length holds one batch in memory at a time. */
export async function* streamAudit(db: Db, filter: AuditFilter): AsyncIterable<AuditEntry> {
  let after = 0;
  for (;;) {
    const rows = await auditQuery(db, filter).where('seq', '>', after).orderBy('seq').limit(500).execute();
    for (const row of rows) yield toAudit(row);
    if (rows.length < 500) return;
    after = Number(rows[rows.length - 1]?.seq);
  }
}
