import { useEffect, useRef } from 'preact/hooks';
import { CopyButton } from '../copy-button.js';
import { BASE } from '../router.js';
import { KeyExamples } from './key-usage.js';

/**
 * The new key, the one time Keyward can show it: after creation and after rotation. The secret lives in
 * the state of whoever renders this dialog, and goes when the dialog closes: never in the URL, storage
 * or the log.
 */
export function ShowOnce({
  secret,
  name,
  keyId,
  orgId,
  onClose,
}: {
  secret: string;
  name: string;
  keyId: string;
  orgId: string;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
    field.current?.select();
  }, []);

  return (
    <dialog
      ref={dialog}
      class="show-once"
      aria-labelledby="show-once-title"
      aria-describedby="show-once-warning"
      onClose={onClose}
    >
      <h2 id="show-once-title">Copy your new key</h2>
      <p id="show-once-warning" class="once-warning">
        <strong>This key cannot be shown again.</strong> Keyward keeps only a hash of it. Copy it now and
        store it somewhere safe, such as a secret manager.
      </p>
      <label for="show-once-key">The key {name}</label>
      <div class="secret">
        <input
          id="show-once-key"
          ref={field}
          readOnly
          value={secret}
          spellcheck={false}
          autocomplete="off"
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton text={secret} what="the key" source={field} />
      </div>
      <details>
        <summary>How to use it</summary>
        <KeyExamples secret={secret} hint={null} />
      </details>
      <p>
        <a href={`${BASE}/organizations/${orgId}/keys/${keyId}/use`} target="_blank" rel="noopener">
          How to use this key (opens in a new tab)
        </a>
      </p>
      <div class="actions">
        <button type="button" class="primary" onClick={() => dialog.current?.close()}>
          I have saved it
        </button>
      </div>
    </dialog>
  );
}
