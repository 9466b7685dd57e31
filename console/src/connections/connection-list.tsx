import { useState } from 'preact/hooks';
import { type ApiError, api, type Page } from '../api.js';
import { Confirm } from '../confirm.js';
import { RowButton, ShowMore } from '../controls.js';
import { when } from '../format.js';
import { asApiError, Failure } from '../load.js';
import { checkLabel, checkSentence } from './check-label.js';
import type { Connection } from './types.js';

/** An organization's connections, each with its last check, a Check button and a Delete behind a question. */
export function ConnectionList({ orgId, first }: { orgId: string; first: Page<Connection> }) {
  const [connections, setConnections] = useState(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [busy, setBusy] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [deleting, setDeleting] = useState<Connection | null>(null);

  const replace = (next: Connection) =>
    setConnections((shown) => shown.map((c) => (c.id === next.id ? next : c)));

  /** Runs one request at a time for the list, and shows its failure under it. */
  async function run(what: string, work: () => Promise<void>) {
    setBusy(what);
    setError(null);
    setSaid('');
    try {
      await work();
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(null);
    }
  }

  const check = (connection: Connection) =>
    run(connection.id, async () => {
      const checked = await api<Connection>('POST', `/v1/connections/${connection.id}/check`);
      replace(checked);
      if (checked.lastCheck) setSaid(checkSentence(checked.name, checked.lastCheck));
    });

  const more = () =>
    run('more', async () => {
      if (cursor === null) return;
      const page = await api<Page<Connection>>(
        'GET',
        `/v1/organizations/${orgId}/connections?limit=100&cursor=${encodeURIComponent(cursor)}`,
      );
      setConnections((shown) => [...shown, ...page.items]);
      setCursor(page.nextCursor);
    });

  async function remove(connection: Connection) {
    await api('DELETE', `/v1/connections/${connection.id}`);
    setConnections((shown) => shown.filter((c) => c.id !== connection.id));
    setDeleting(null);
    setSaid(`${connection.name} was deleted.`);
  }

  return (
    <>
      {connections.length === 0 ? (
        <p class="note">This organization has no connections yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Provider</th>
              <th scope="col">Last check</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {connections.map((connection) => (
              <tr key={connection.id}>
                <td data-label="Name">
                  {connection.name}
                  {connection.expiresAt && (
                    <div class={connection.expiresSoon ? 'status status-expired' : 'muted'}>
                      expires {when(connection.expiresAt, '')}
                    </div>
                  )}
                </td>
                <td data-label="Provider">
                  <code>{connection.provider}</code>
                </td>
                <td data-label="Last check">
                  <LastCheck connection={connection} />
                </td>
                <td data-label="Created">{when(connection.createdAt, '')}</td>
                <td data-label="" class="conn-row-actions">
                  <RowButton
                    name={connection.name}
                    onClick={() => check(connection)}
                    disabled={busy !== null}
                  >
                    {busy === connection.id ? 'Checking…' : 'Check'}
                  </RowButton>
                  <RowButton name={connection.name} onClick={() => setDeleting(connection)}>
                    Delete
                  </RowButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p role="status" class="conn-said">
        {said}
      </p>
      {error && <Failure error={error} />}
      {cursor !== null && <ShowMore what="connections" busy={busy === 'more'} onClick={more} />}
      {deleting && (
        <Confirm
          title={`Delete ${deleting.name}?`}
          action={`Delete ${deleting.name}`}
          onDone={() => remove(deleting)}
          onCancel={() => setDeleting(null)}
        >
          <p>
            Keyward destroys the stored credential of <strong>{deleting.name}</strong> (
            <code>{deleting.provider}</code>), and services that call the provider through it stop working at
            once. This cannot be undone.
          </p>
        </Confirm>
      )}
    </>
  );
}

function LastCheck({ connection }: { connection: Connection }) {
  const check = connection.lastCheck;
  if (check === null) return <span class="muted">not checked</span>;
  const label = checkLabel(check);
  return (
    <>
      <span class={`status status-${label.tone}`}>{label.text}</span>{' '}
      <span class="muted">{when(check.at, '')}</span>
    </>
  );
}
