import { useState } from 'preact/hooks';
import { type ApiError, type ApiKey, api, type Organization, type Page } from '../api.js';
import { Confirm } from '../confirm.js';
import { keyStatus, when } from '../format.js';
import { asApiError, Failure, Show, useLoad } from '../load.js';
import { PageTitle } from '../page-title.js';
import { BASE } from '../router.js';

interface Loaded {
  org: Organization;
  keys: Page<ApiKey>;
}

/** An organization's keys, as far as the signed-in user may see them (a member sees their own). */
export function OrganizationKeys({ orgId }: { orgId: string }) {
  const [loaded, retry] = useLoad(async (): Promise<Loaded> => {
    const [org, keys] = await Promise.all([
      api<Organization>('GET', `/v1/organizations/${orgId}`),
      api<Page<ApiKey>>('GET', `/v1/organizations/${orgId}/apikeys?limit=100`),
    ]);
    return { org, keys };
  }, orgId);
  return (
    <>
      <nav aria-label="Breadcrumb" class="crumbs">
        <a href={`${BASE}/`}>Organizations</a>
      </nav>
      <Show loaded={loaded} what="the organization" retry={retry}>
        {({ org, keys }) => (
          <>
            <PageTitle>{org.name}: API keys</PageTitle>
            <KeyList orgId={orgId} first={keys} />
          </>
        )}
      </Show>
    </>
  );
}

function KeyList({ orgId, first }: { orgId: string; first: Page<ApiKey> }) {
  const [keys, setKeys] = useState(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  /** Revokes a key, then shows its record as the server now has it. */
  async function revoke(key: ApiKey) {
    await api('DELETE', `/v1/apikeys/${key.id}`);
    const revoked = await api<ApiKey>('GET', `/v1/apikeys/${key.id}`);
    setKeys((shown) => shown.map((k) => (k.id === key.id ? revoked : k)));
    setRevoking(null);
  }

  async function more() {
    if (cursor === null) return;
    setBusy(true);
    setError(null);
    try {
      const page = await api<Page<ApiKey>>(
        'GET',
        `/v1/organizations/${orgId}/apikeys?limit=100&cursor=${encodeURIComponent(cursor)}`,
      );
      setKeys((shown) => [...shown, ...page.items]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  }

  if (keys.length === 0) return <p class="note">This organization has no keys that you can see.</p>;
  return (
    <>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const status = keyStatus(key);
            return (
              <tr key={key.id}>
                <td data-label="Name">{key.name}</td>
                <td data-label="Key">
                  <code>{key.hint}</code>
                </td>
                <td data-label="Role">{key.role}</td>
                <td data-label="Status">
                  <span class={`status status-${status}`}>{status}</span>
                </td>
                <td data-label="Expires">{when(key.expiresAt, 'never')}</td>
                <td data-label="Last used">{when(key.lastUsedAt, 'never')}</td>
                <td data-label="">
                  {status !== 'revoked' && (
                    <button type="button" onClick={() => setRevoking(key)}>
                      Revoke<span class="visually-hidden"> {key.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error && <Failure error={error} />}
      {revoking && (
        <Confirm
          title={`Revoke ${revoking.name}?`}
          action={`Revoke ${revoking.name}`}
          onDone={() => revoke(revoking)}
          onCancel={() => setRevoking(null)}
        >
          <p>
            The key <strong>{revoking.name}</strong> (<code>{revoking.hint}</code>) stops working at once, on
            every request. This cannot be undone.
          </p>
        </Confirm>
      )}
      {cursor !== null && (
        <button type="button" onClick={more} disabled={busy}>
          {busy ? 'Loading…' : 'Show more keys'}
        </button>
      )}
    </>
  );
}
