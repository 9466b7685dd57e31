import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * What an action just did, said in a status line. After a row disappears (a removal, a deletion) the
 * focus would fall back to the page's start; `focus` moves it here instead, where the keyboard goes on.
 * Give each message its own `key`, so that a new one is announced and focused again.
 */
export function Notice({ children, focus = false }: { children: ComponentChildren; focus?: boolean }) {
  const line = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focus) line.current?.focus();
  }, []);
  return (
    <p ref={line} class="people-notice" role="status" tabIndex={-1}>
      {children}
    </p>
  );
}
