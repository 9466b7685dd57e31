import { describe, expect, it } from 'vitest';
import { auditLogSuite } from './suite/audit-log.js';
import { auditPerChangeSuite } from './suite/audit-per-change.js';
import { connectSessionsSuite } from './suite/connect-sessions.js';
import { connectionsSuite } from './suite/connections.js';
import { type StoreFactory, useStore } from './suite/context.js';
import { eventsSuite } from './suite/events.js';
import { keyChangesSuite } from './suite/key-changes.js';
import { keysSuite } from './suite/keys.js';
import { membersSuite } from './suite/members.js';
import { organizationsSuite } from './suite/organizations.js';
import { refreshTokensSuite } from './suite/refresh-tokens.js';
import { serviceUsersSuite } from './suite/service-users.js';
import { usersSuite } from './suite/users.js';
import { webhooksSuite } from './suite/webhooks.js';

export type { StoreFactory } from './suite/context.js';

/**
 * The conformance suite every `Store` passes. A store supplies only a factory that opens a fresh, empty,
 * migrated store, and a cleanup that closes it and removes what it made.
 *
 * @example
 * describeStore('sqlite', async () => {
 *   const dir = mkdtempSync(join(tmpdir(), 'keyward-'));
 *   const store = await openSqliteStore(join(dir, 'keyward.db'));
 *   return { store, cleanup: async () => { await store.close(); rmSync(dir, { recursive: true }); } };
 * });
 */
export function describeStore(name: string, factory: StoreFactory): void {
  describe(`store conformance: ${name}`, () => {
    describe('connection', () => {
      const store = useStore(factory);
      it('answers a ping', async () => {
        expect(await store().ping()).toBe(true);
      });
    });
    usersSuite(factory);
    organizationsSuite(factory);
    membersSuite(factory);
    serviceUsersSuite(factory);
    keysSuite(factory);
    keyChangesSuite(factory);
    refreshTokensSuite(factory);
    auditLogSuite(factory);
    auditPerChangeSuite(factory);
    eventsSuite(factory);
    connectionsSuite(factory);
    connectSessionsSuite(factory);
    webhooksSuite(factory);
  });
}
