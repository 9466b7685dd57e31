import type { ComponentChildren } from 'preact';

/**
 * A button in a table row. It shows a short label ("Revoke") and is heard, and found by name, with the
 * row it acts on ("Revoke billing-service"): a screen reader's list of buttons makes sense on its own.
 */
export function RowButton({
  children,
  name,
  onClick,
  disabled = false,
}: {
  children: ComponentChildren;
  /** What the row is: the key's, user's or connection's name. */
  name: string;
  onClick: () => void;
  disabled?: boolean;
}) {
  return (
    <button type="button" onClick={onClick} disabled={disabled}>
      {children}
      <span class="visually-hidden"> {name}</span>
    </button>
  );
}

/** The button under a list that loads its next page: "Show more keys". */
export function ShowMore({ what, busy, onClick }: { what: string; busy: boolean; onClick: () => void }) {
  return (
    <button type="button" onClick={onClick} disabled={busy}>
      {busy ? 'Loading…' : `Show more ${what}`}
    </button>
  );
}
