import { afterEach, beforeEach } from 'vitest';
import type { Store } from '../../../src/store/store.js';
import type { AuditEntry } from '../../../src/store/types.js';

/** What a store implementation supplies to run the suite: a fresh, empty, migrated store per test. */
export type StoreFactory = () => Promise<{ store: Store; cleanup(): Promise<void> }>;

/**
 * Opens a fresh store before each test of the enclosing `describe` and cleans it up after.
 * Call the returned function inside a test to get that test's store.
 */
export function useStore(factory: StoreFactory): () => Store {
  let current: Awaited<ReturnType<StoreFactory>> | null = null;
  beforeEach(async () => {
    current = await factory();
  });
  afterEach(async () => {
    await current?.cleanup();
    current = null;
  });
  return () => {
    if (!current) throw new Error('the store exists only inside a test');
    return current.store;
  };
}

/** The whole audit log, oldest first. */
export async function allAudit(store: Store): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for await (const entry of store.exportAudit(NO_FILTER)) entries.push(entry);
  return entries;
}

export const NO_FILTER = {
  orgIds: null,
  action: null,
  actorId: null,
  targetId: null,
  since: null,
  until: null,
} as const;

/** Reads every page of a paginated list with the given page size, and the pages' sizes. */
export async function readAllPages<T>(
  limit: number,
  list: (page: { limit: number; after: string | null }) => Promise<{ items: T[]; next: string | null }>,
): Promise<{ items: T[]; sizes: number[] }> {
  const items: T[] = [];
  const sizes: number[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const page: { items: T[]; next: string | null } = await list({ limit, after });
    items.push(...page.items);
    sizes.push(page.items.length);
    if (page.next === null) return { items, sizes };
    after = page.next;
  }
  throw new Error('pagination did not end');
}
