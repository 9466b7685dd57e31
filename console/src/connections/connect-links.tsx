import { useState } from 'preact/hooks';
import { type ApiError, api, type Organization, type Page } from '../api.js';
import { Confirm } from '../confirm.js';
import { ShowMore } from '../controls.js';
import { when } from '../format.js';
import { asApiError, Failure, Loading, useLoad } from '../load.js';
import { NewLink } from './new-link.js';
import type { ConnectLink, LinkStatus } from './types.js';

const TONE: Record<LinkStatus, string> = {
  open: 'status-active',
  used: 'status-rotated',
  expired: 'status-expired',
  refused: 'status-revoked',
};

/**
 * An organization's connect links: the form that makes one, and the list, open and ended, never with
 * their tokens (the server keeps only a digest). Only holders of `connections:write` see them: a member
 * is told so rather than shown a failure.
 */
export function ConnectLinks({ org }: { org: Organization }) {
  const [loaded, retry] = useLoad(
    () => api<Page<ConnectLink>>('GET', `/v1/organizations/${org.id}/connect-sessions?limit=100`),
    org.id,
  );
  return (
    <section aria-labelledby="connect-links" class="connect-links">
      <h2 id="connect-links">Connect links</h2>
      <p>
        A connect link lets someone without a Keyward account connect their own account of a provider to{' '}
        {org.name}, once, before it expires. The provider checks their credential first.
      </p>
      {loaded.state === 'loading' && <Loading what="the connect links" />}
      {loaded.state === 'failed' &&
        (loaded.error.status === 403 ? (
          <p class="note">Only the organization's admins make and see connect links.</p>
        ) : (
          <Failure error={loaded.error} retry={retry} />
        ))}
      {loaded.state === 'done' && <LinkList org={org} first={loaded.value} />}
    </section>
  );
}

function LinkList({ org, first }: { org: Organization; first: Page<ConnectLink> }) {
  const [links, setLinks] = useState(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [deleting, setDeleting] = useState<ConnectLink | null>(null);

  async function more() {
    if (cursor === null) return;
    setBusy(true);
    setError(null);
    try {
      const page = await api<Page<ConnectLink>>(
        'GET',
        `/v1/organizations/${org.id}/connect-sessions?limit=100&cursor=${encodeURIComponent(cursor)}`,
      );
      setLinks((shown) => [...shown, ...page.items]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  }

  async function remove(link: ConnectLink) {
    await api('DELETE', `/v1/connect-sessions/${link.id}`);
    setLinks((shown) => shown.filter((l) => l.id !== link.id));
    setDeleting(null);
  }

  return (
    <>
      <NewLink org={org} onMade={(link) => setLinks((shown) => [link, ...shown])} />
      <h3>Links made</h3>
      {links.length === 0 ? (
        <p class="note">No connect links yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Providers</th>
              <th scope="col">Status</th>
              <th scope="col">Expires</th>
              <th scope="col">Made</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {links.map((link) => (
              <tr key={link.id}>
                <td data-label="Providers">{link.providers.join(', ')}</td>
                <td data-label="Status">
                  <span class={`status ${TONE[link.status]}`}>{link.status}</span>
                  {link.usedAt && <span class="muted"> {when(link.usedAt, '')}</span>}
                </td>
                <td data-label="Expires">{when(link.expiresAt, '')}</td>
                <td data-label="Made">{when(link.createdAt, '')}</td>
                <td data-label="">
                  <button type="button" onClick={() => setDeleting(link)}>
                    Delete<span class="visually-hidden"> the link for {link.providers.join(', ')}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <Failure error={error} />}
      {cursor !== null && <ShowMore what="links" busy={busy} onClick={more} />}
      {deleting && (
        <Confirm
          title="Delete this connect link?"
          action="Delete the link"
          onDone={() => remove(deleting)}
          onCancel={() => setDeleting(null)}
        >
          <p>
            The link for <strong>{deleting.providers.join(', ')}</strong>, made {when(deleting.createdAt, '')}
            , stops working at once. A connection already made through it stays.
          </p>
        </Confirm>
      )}
    </>
  );
}
