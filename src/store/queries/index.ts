/** Every query the store runs, as plain functions over a `Db`: the class in `kysely-store.ts` only composes them. */
export * from './audit.js';
export * from './connect-sessions.js';
export * from './connections.js';
export type { Db } from './db.js';
export * from './key-events.js';
export * from './key-usage.js';
export * from './keys.js';
export * from './organizations.js';
export * from './refresh-tokens.js';
export * from './service-users.js';
export * from './users.js';
export * from './webhooks.js';
