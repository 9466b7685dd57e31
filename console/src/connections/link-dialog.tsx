import { useEffect, useRef, useState } from 'preact/hooks';
import type { Organization } from '../api.js';
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
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const url = `${location.origin}/console/connect#${token}`;
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      // No clipboard (a page not in a secure context): select the link for the user to copy by hand.
      field.current?.select();
      setCopied('no');
    }
  }

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
      <p role="status" class="conn-said">
        {copied === 'yes' && 'Copied to the clipboard.'}
        {copied === 'no' && 'The browser did not allow copying: the link is selected, copy it by hand.'}
      </p>
      <div class="actions">
        <button type="button" onClick={copy}>
          Copy the link
        </button>
        <button type="button" class="primary" onClick={() => dialog.current?.close()}>
          Done
        </button>
      </div>
    </dialog>
  );
}
