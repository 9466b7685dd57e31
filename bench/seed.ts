import { performance } from 'node:perf_hooks';
import { generateKey, keyHint } from '../src/keys/format.js';
import { digestKey } from '../src/keys/hash.js';
import { newId } from '../src/keys/ids.js';
import { openSqliteStore } from '../src/store/sqlite.js';
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

/** Keys per transaction: large enough that a million take seconds, small enough to hold in memory. */
const BATCH = 10_000;

/**
 * Stores `count` keys through the store's bulk path (`Store.createKeys`): each key and its
 * `apikey.created` audit entry as `POST /v1/organizations/{orgId}/apikeys` would store them, the audit
 * chain continued, a batch per transaction. Returns the first `keep` keys and how long it took.
 */
export async function seedKeys(plan: SeedPlan): Promise<{ keys: string[]; ms: number }> {
  const started = performance.now();
  const store = await openSqliteStore(plan.file);
  const keys: string[] = [];
  try {
    for (let done = 0; done < plan.count; ) {
      const entries: { key: StoredKey; audit: AuditInput }[] = [];
      for (; entries.length < BATCH && done < plan.count; done++) {
        const secret = generateKey(plan.prefix);
        if (done < plan.keep) keys.push(secret);
        const key = storedKey(plan, secret, new Date().toISOString());
        entries.push({ key, audit: createdAudit(plan, key) });
      }
      if (!(await store.createKeys(entries))) throw new Error('a seeded key collided with a stored one');
    }
    return { keys, ms: performance.now() - started };
  } finally {
    await store.close();
  }
}

/** The audit entry the create route writes for a key the caller did not supply. */
export function createdAudit(owner: Pick<SeedPlan, 'orgId' | 'ownerId'>, key: StoredKey): AuditInput {
  return {
    action: 'apikey.created',
    actorId: owner.ownerId,
    orgId: owner.orgId,
    targetId: key.id,
    requestId: newId('req'),
    ip: '127.0.0.1',
    outcome: 'success',
    details: { ownerId: owner.ownerId, role: key.role, hint: key.hint, supplied: false },
  };
}

/** The record `buildKey` (src/http/key-issuance.ts) makes for `{name, role: 'member'}` and no ttl. */
export function storedKey(plan: Pick<SeedPlan, 'orgId' | 'ownerId'>, secret: string, at: string): StoredKey {
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
