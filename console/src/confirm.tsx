import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from './api.js';
import { asApiError, Failure } from './load.js';

/**
 * A modal question before an action that cannot be undone: the browser's own `<dialog>`, which keeps
 * the focus inside, closes on Escape, and gives the focus back to the button that opened it.
 */
export function Confirm({
  title,
  children,
  action,
  onDone,
  onCancel,
}: {
  title: string;
  children: ComponentChildren;
  /** The confirming button's label, which names what it does. */
  action: string;
  onDone: () => Promise<void>;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    // The browser gives the focus back when a dialog is closed, not when its page removes it: the
    // opener gets it back here, if it is still on the page once the action is done.
    const opener = document.activeElement;
    dialog.current?.showModal();
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onDone();
    } catch (failure) {
      setError(asApiError(failure));
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} aria-labelledby="confirm-title" onClose={onCancel}>
      <h2 id="confirm-title">{title}</h2>
      {children}
      {error && <Failure error={error} />}
      <div class="actions">
        <button type="button" onClick={() => dialog.current?.close()} disabled={busy}>
          Cancel
        </button>
        <button type="button" class="danger" onClick={confirm} disabled={busy}>
          {busy ? 'Working…' : action}
        </button>
      </div>
    </dialog>
  );
}
