import { useEffect, useRef } from 'preact/hooks';
import type { Organization } from '../api.js';
import { CopyButton } from '../copy-button.js';
import { when } from '../format.js';
import type { ConnectLink } from './types.js';

/**
 * The new link, shown this once: the server keeps only its digest. The token goes in the fragment, which
 * browsers do not send to a server, and the Connect page takes it off the address bar when it opens.
 * Closing the dialog forgets it.
 */
export function LinkDialog({
  org,
  link,
  token,
  onClose,
}: {
  org: Organization;
  link: ConnectLink;
  token: string;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const url = `${location.origin}/console/connect#${token}`;
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  return (
    <dialog ref={dialog} aria-labelledby="link-title" onClose={onClose} class="link-dialog">
      <h2 id="link-title">The connect link</h2>
      <p>
        <strong>This link is shown once.</strong> Anyone who has it can connect {link.providers.join(' or ')}{' '}
        to {org.name}, once, until {when(link.expiresAt, '')}. Send it only to whoever is to connect.
      </p>
      <label for="link-url">Connect link</label>
      <textarea
        id="link-url"
        ref={field}
        class="link-url"
        readOnly
        rows={3}
        value={url}
        onFocus={() => field.current?.select()}
      />
      <CopyButton text={url} what="the link" source={field} />
      <div class="actions">
        <button type="button" class="primary" onClick={() => dialog.current?.close()}>
          Done
        </button>
      </div>
    </dialog>
  );
}
