import { useState } from 'preact/hooks';
import { api, type Organization, type Page, type ServiceUser } from '../api.js';
import { Confirm } from '../confirm.js';
import { RowButton, ShowMore } from '../controls.js';
import { when } from '../format.js';
import { Failure, Show, useLoad } from '../load.js';
import { EditServiceUser } from '../people/edit-service-user.js';
import { NewServiceUser } from '../people/new-service-user.js';
import { Notice } from '../people/notice.js';
import { usePaged } from '../people/paged.js';

/**
 * An organization's service users: the principals that are not people, such as an integration. Only the
 * organization's admins may read them, so whoever sees the list may also manage it.
 */
export function ServiceUsers({ org }: { org: Organization }) {
  const path = `/v1/organizations/${org.id}/service-users?limit=200`;
  const [loaded, retry] = useLoad(() => api<Page<ServiceUser>>('GET', path), org.id);
  return (
    <Show loaded={loaded} what="the service users" retry={retry}>
      {(first) => <ServiceUserList org={org} first={first} path={path} />}
    </Show>
  );
}

function ServiceUserList({
  org,
  first,
  path,
}: {
  org: Organization;
  first: Page<ServiceUser>;
  path: string;
}) {
  const { items, setItems, more, hasMore, loading } = usePaged(first, path);
  const [editing, setEditing] = useState<ServiceUser | null>(null);
  const [deleting, setDeleting] = useState<ServiceUser | null>(null);
  const [deleted, setDeleted] = useState<ServiceUser | null>(null);

  async function remove(serviceUser: ServiceUser) {
    await api('DELETE', `/v1/organizations/${org.id}/service-users/${serviceUser.id}`);
    setItems((shown) => shown.filter((s) => s.id !== serviceUser.id));
    setDeleting(null);
    setDeleted(serviceUser);
  }

  return (
    <>
      {items.length === 0 ? (
        <p class="note">This organization has no service users.</p>
      ) : (
        <table class="people-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col">Role</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((serviceUser) => (
              <tr key={serviceUser.id}>
                <td data-label="Name">{serviceUser.name}</td>
                <td data-label="Description">{serviceUser.description ?? <span class="muted">—</span>}</td>
                <td data-label="Role">{serviceUser.role}</td>
                <td data-label="Expires">{when(serviceUser.expiresAt, 'never')}</td>
                <td data-label="">
                  <div class="people-row-actions">
                    <RowButton name={serviceUser.name} onClick={() => setEditing(serviceUser)}>
                      Edit
                    </RowButton>
                    <RowButton name={serviceUser.name} onClick={() => setDeleting(serviceUser)}>
                      Delete
                    </RowButton>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {loading.error && <Failure error={loading.error} />}
      {deleted && (
        <Notice key={deleted.id} focus>
          {deleted.name} was deleted; its keys are revoked.
        </Notice>
      )}
      {hasMore && <ShowMore what="service users" busy={loading.busy} onClick={more} />}
      <NewServiceUser org={org} onCreated={(created) => setItems((shown) => [...shown, created])} />
      {editing && (
        <EditServiceUser
          serviceUser={editing}
          onSaved={(saved) => setItems((shown) => shown.map((s) => (s.id === saved.id ? saved : s)))}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && (
        <Confirm
          title={`Delete ${deleting.name}?`}
          action={`Delete ${deleting.name}`}
          onDone={() => remove(deleting)}
          onCancel={() => setDeleting(null)}
        >
          <p>
            The service user <strong>{deleting.name}</strong> is deleted, and every key it holds is revoked at
            once. This cannot be undone.
          </p>
        </Confirm>
      )}
    </>
  );
}
