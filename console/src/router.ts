import { useEffect, useState } from 'preact/hooks';

/** Where the console's pages live; every path under it loads the same page (src/http/console-pages.ts). */
export const BASE = '/console';

const listeners = new Set<() => void>();

/** The path within the console: `/`, `/sign-in`, `/organizations/org_…`. */
export function currentPath(): string {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '/';
  return path === '' ? '/' : path;
}

/** Goes to a console path (with any query or fragment) without reloading the page. */
export function navigate(path: string, replace = false): void {
  const url = BASE + path;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const listener of listeners) listener();
}

/** The current console path, kept up to date across links, the back button and `navigate`. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

/**
 * A link within the console: an ordinary `<a href>` (it opens in a new tab, and works from the
 * keyboard), whose plain click is handled here instead of by a page load.
 */
export function onLinkClick(event: MouseEvent): void {
  const link = (event.target as Element).closest('a');
  if (!link || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (link.origin !== location.origin || !link.pathname.startsWith(BASE) || link.target) return;
  event.preventDefault();
  // The query and fragment go along: a page may read them (`keys/new?owner=svc_…`).
  navigate((link.pathname.slice(BASE.length) || '/') + link.search + link.hash);
}
