import { performance } from 'node:perf_hooks';
import { generateKey, keyHint } from '../src/keys/format.js';
import { digestKey } from '../src/keys/hash.js';
import { newId } from '../src/keys/ids.js';
import { chainHash, GENESIS } from '../src/store/audit-chain.js';
import { fromKey, json } from '../src/store/rows.js';
import { loadSqlite } from '../src/store/sqlite-driver.js';
import type { AuditInput, StoredKey } from '../src/store/types.js';

/** Where the keys go: an organization and a member who owns them, in a database the server created. */
export interface SeedPlan {
  /** The SQLite file of a data directory; no server may have it open. */
  file: string;
  orgId: string;
  prefix: string;
  /** A member of the organization, who owns and created every key. */
  ownerId: string;
  count: number;
  /** How many of the keys themselves to return (the first ones), for the load generator. */
  keep: number;
}

/**
 * Writes `count` keys straight into the store's file, each row and its `apikey.created` audit entry
 * exactly as `POST /v1/organizations/{orgId}/apikeys` would write them (through the store's own row
 * mapping, with the audit chain continued from its head), in one transaction with prepared statements.
 * Returns the first `keep` keys and how long it took.
 */
export function seedKeys(plan: SeedPlan): { keys: string[]; ms: number } {
  const started = performance.now();
  const Database = loadSqlite();
  const db = new Database(plan.file);
  try {
    // The bench's own connection only: the server reopens the file with its own settings.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1048576');
    const keyColumns = Object.keys(fromKey(storedKey(plan, generateKey(plan.prefix), '')));
    const insertKey = db.prepare(
      `insert into api_keys (${keyColumns.join(', ')}) values (${keyColumns.map((c) => `@${c}`).join(', ')})`,
    );
    const insertAudit = db.prepare(
      `insert into audit_log (id, at, action, actor_id, org_id, target_id, request_id, ip, outcome, details, prev_hash, hash)
       values (@id, @at, @action, @actor_id, @org_id, @target_id, @request_id, @ip, @outcome, @details, @prev_hash, @hash)`,
    );
    const head = db.prepare('select hash from audit_log order by seq desc limit 1').get() as
      | { hash: string }
      | undefined;
    const keys: string[] = [];
    db.transaction(() => {
      let prevHash = head?.hash ?? GENESIS;
      for (let i = 0; i < plan.count; i++) {
        const secret = generateKey(plan.prefix);
        if (i < plan.keep) keys.push(secret);
        const at = new Date().toISOString();
        const key = storedKey(plan, secret, at);
        insertKey.run(fromKey(key));
        const input: AuditInput = {
          action: 'apikey.created',
          actorId: plan.ownerId,
          orgId: plan.orgId,
          targetId: key.id,
          requestId: newId('req'),
          ip: '127.0.0.1',
          outcome: 'success',
          details: { ownerId: plan.ownerId, role: key.role, hint: key.hint, supplied: false },
        };
        const id = newId('aud');
        const hash = chainHash(prevHash, id, at, input);
        insertAudit.run({
          id,
          at,
          action: input.action,
          actor_id: input.actorId,
          org_id: input.orgId,
          target_id: input.targetId,
          request_id: input.requestId,
          ip: input.ip,
          outcome: input.outcome,
          details: json(input.details),
          prev_hash: prevHash,
          hash,
        });
        prevHash = hash;
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { keys, ms: performance.now() - started };
  } finally {
    db.close();
  }
}

/** The record `buildKey` (src/http/key-issuance.ts) makes for `{name, role: 'member'}` and no ttl. */
function storedKey(plan: SeedPlan, secret: string, at: string): StoredKey {
  const id = newId('key');
  return {
    id,
    orgId: plan.orgId,
    ownerId: plan.ownerId,
    name: 'seeded',
    description: null,
    meta: null,
    role: 'member',
    scopes: null,
    hash: digestKey(secret),
    hint: keyHint(secret),
    createdAt: at,
    createdBy: plan.ownerId,
    expiresAt: null,
    lastUsedAt: null,
    enabled: true,
    revokedAt: null,
    ratelimit: null,
    quota: null,
    successorId: null,
    cluster: false,
    budgetId: id,
    disabledBy: null,
    madeByKeyId: null,
  };
}
