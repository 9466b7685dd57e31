import { useState } from 'preact/hooks';
import { type ApiError, type ApiKey, api, type CreatedKey, type Page } from '../api.js';
import { Confirm } from '../confirm.js';
import { RowButton, ShowMore } from '../controls.js';
import { keyStatus, when } from '../format.js';
import { asApiError, Failure } from '../load.js';
import { BASE } from '../router.js';
import { RotateKey } from './rotate-key.js';
import { ShowOnce } from './show-once.js';

/** The record of a created key without its secret: what may stay in the list. */
function recordOf({ apiKey: _secret, ...record }: CreatedKey): ApiKey {
  return record;
}

/**
 * The keys, with what can be done to each. Every action's button names its key for assistive tech
 * ("Rotate billing-service"), since a row's buttons otherwise all read the same.
 */
export function KeyList({
  orgId,
  first,
  owners,
}: {
  orgId: string;
  first: Page<ApiKey>;
  owners: Map<string, string>;
}) {
  const [keys, setKeys] = useState(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [rotating, setRotating] = useState<ApiKey | null>(null);
  // A rotated key's new secret, held only while the show-once dialog is open.
  const [fresh, setFresh] = useState<CreatedKey | null>(null);

  const replace = (updated: ApiKey) =>
    setKeys((shown) => shown.map((k) => (k.id === updated.id ? updated : k)));

  /** Revokes a key, then shows its record as the server now has it. */
  async function revoke(key: ApiKey) {
    await api('DELETE', `/v1/apikeys/${key.id}`);
    replace(await api<ApiKey>('GET', `/v1/apikeys/${key.id}`));
    setRevoking(null);
  }

  async function rotated(old: ApiKey, successor: CreatedKey) {
    const before = await api<ApiKey>('GET', `/v1/apikeys/${old.id}`);
    setKeys((shown) => [recordOf(successor), ...shown.map((k) => (k.id === old.id ? before : k))]);
    setRotating(null);
    setFresh(successor);
  }

  /** Disables or enables a key; the server may refuse (a member cannot enable what an admin disabled). */
  async function toggle(key: ApiKey) {
    setError(null);
    try {
      replace(await api<ApiKey>('PATCH', `/v1/apikeys/${key.id}`, { enabled: !key.enabled }));
    } catch (failure) {
      setError(asApiError(failure));
    }
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

  return (
    <>
      {error && <Failure error={error} />}
      {keys.length === 0 ? (
        <p class="note">This organization has no keys that you can see.</p>
      ) : (
        <table class="keys">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Owner</th>
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
                  <td data-label="Owner">{owners.get(key.ownerId) ?? <code>{key.ownerId}</code>}</td>
                  <td data-label="Role">{key.role}</td>
                  <td data-label="Status">
                    <span class={`status status-${status}`}>{status}</span>
                  </td>
                  <td data-label="Expires">{when(key.expiresAt, 'never')}</td>
                  <td data-label="Last used">{when(key.lastUsedAt, 'never')}</td>
                  <td data-label="">
                    {status !== 'revoked' && (
                      <div class="key-actions">
                        <a href={`${BASE}/organizations/${orgId}/keys/${key.id}/use`}>
                          How to use<span class="visually-hidden"> {key.name}</span>
                        </a>
                        {status === 'active' && (
                          <RowButton name={key.name} onClick={() => setRotating(key)}>
                            Rotate
                          </RowButton>
                        )}
                        <RowButton name={key.name} onClick={() => toggle(key)}>
                          {key.enabled ? 'Disable' : 'Enable'}
                        </RowButton>
                        <RowButton name={key.name} onClick={() => setRevoking(key)}>
                          Revoke
                        </RowButton>
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
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
      {rotating && (
        <RotateKey
          apiKey={rotating}
          onRotated={(successor) => rotated(rotating, successor)}
          onCancel={() => setRotating(null)}
        />
      )}
      {fresh && (
        <ShowOnce
          secret={fresh.apiKey}
          name={fresh.name}
          keyId={fresh.id}
          orgId={orgId}
          onClose={() => setFresh(null)}
        />
      )}
      {cursor !== null && <ShowMore what="keys" busy={busy} onClick={more} />}
    </>
  );
}
