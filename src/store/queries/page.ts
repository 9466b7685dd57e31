import type { Page, PageOf } from '../types.js';

/** Cuts a page from rows fetched with `limit + 1`: the extra row only says that another page follows. */
export function pageOf<T>(rows: T[], page: Page, keyOf: (row: T) => string): PageOf<T> {
  if (rows.length <= page.limit) return { items: rows, next: null };
  const items = rows.slice(0, page.limit);
  return { items, next: keyOf(items[items.length - 1] as T) };
}
