import { type Kysely, sql } from 'kysely';
import { chainHash, GENESIS } from '../../audit-chain.js';

interface Row {
  seq: number | string;
  id: string;
  at: string;
  action: string;
  actor_id: string | null;
  org_id: string;
  target_id: string | null;
  request_id: string | null;
  ip: string | null;
  outcome: 'success' | 'failure';
  details: string | null;
}

const BATCH = 1000;

/**
 * Each organization's entries get a chain of their own beside the whole log's (src/audit-chain.ts), so
 * that an organization's export can be checked without the other organizations' entries. The entries
 * already written are chained here, in the order they were appended, exactly as the store chains new
 * ones, so that an old log checks as a new one does.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('org_prev_hash', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('org_hash', 'text').execute();
  const heads = new Map<string, string>();
  let after = 0;
  for (;;) {
    const { rows } = await sql<Row>`
      select seq, id, at, action, actor_id, org_id, target_id, request_id, ip, outcome, details
      from audit_log where org_id is not null and seq > ${after} order by seq limit ${BATCH}`.execute(db);
    for (const row of rows) {
      const orgPrevHash = heads.get(row.org_id) ?? GENESIS;
      const orgHash = chainHash(orgPrevHash, row.id, row.at, {
        action: row.action,
        actorId: row.actor_id,
        orgId: row.org_id,
        targetId: row.target_id,
        requestId: row.request_id,
        ip: row.ip,
        outcome: row.outcome,
        details: row.details === null ? null : JSON.parse(row.details),
      });
      heads.set(row.org_id, orgHash);
      await sql`update audit_log set org_prev_hash = ${orgPrevHash}, org_hash = ${orgHash}
        where seq = ${row.seq}`.execute(db);
    }
    if (rows.length < BATCH) return;
    after = Number(rows[rows.length - 1]?.seq);
  }
}
