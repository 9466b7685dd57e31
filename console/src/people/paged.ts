import { useState } from 'preact/hooks';
import { api, type Page } from '../api.js';
import { useSubmit } from './submit.js';

/**
 * A list the API gives page by page: the rows shown so far, which the page may change in place after an
 * action, and the next page on request. `path` is the list's path with its query (`…?limit=200`).
 */
export function usePaged<T>(first: Page<T>, path: string) {
  const [items, setItems] = useState(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const loading = useSubmit();
  const more = () =>
    loading.run(async () => {
      if (cursor === null) return;
      const page = await api<Page<T>>('GET', `${path}&cursor=${encodeURIComponent(cursor)}`);
      setItems((shown) => [...shown, ...page.items]);
      setCursor(page.nextCursor);
    });
  return { items, setItems, more, hasMore: cursor !== null, loading };
}
