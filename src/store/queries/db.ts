import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

/** What every query runs on: the database itself, or a transaction that a change holds open. */
export type Db = Kysely<Database> | Transaction<Database>;
