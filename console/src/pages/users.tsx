import { useState } from 'preact/hooks';
import { api, currentSession, type Page, type Session, type User } from '../api.js';
import { Confirm } from '../confirm.js';
import { RowButton, ShowMore } from '../controls.js';
import { when } from '../format.js';
import { Failure, Show, useLoad } from '../load.js';
import { PageTitle } from '../page-title.js';
import { NewUser } from '../people/new-user.js';
import { Notice } from '../people/notice.js';
import { usePaged } from '../people/paged.js';
import { useSubmit } from '../people/submit.js';

const PATH = '/v1/users?limit=200';

/**
 * The cluster's users, which only cluster admins may list and manage (the main nav shows this page to
 * them alone). Anyone else who opens it sees the API's refusal.
 */
export function Users() {
  const [loaded, retry] = useLoad(async () => {
    const [session, users] = await Promise.all([currentSession(), api<Page<User>>('GET', PATH)]);
    return { session, users };
  }, '');
  return (
    <>
      <PageTitle>Users</PageTitle>
      <Show loaded={loaded} what="the users" retry={retry}>
        {({ session, users }) => <UserList session={session} first={users} />}
      </Show>
    </>
  );
}

function UserList({ session, first }: { session: Session; first: Page<User> }) {
  const { items, setItems, more, hasMore, loading } = usePaged(first, PATH);
  const [deleting, setDeleting] = useState<User | null>(null);
  const [notice, setNotice] = useState<{ text: string; focus: boolean; n: number } | null>(null);
  const action = useSubmit();

  function say(text: string, focus = false) {
    setNotice((last) => ({ text, focus, n: (last?.n ?? 0) + 1 }));
  }

  function toggle(user: User) {
    void action.run(async () => {
      const changed = await api<User>('PATCH', `/v1/users/${user.id}`, { disabled: !user.disabled });
      setItems((shown) => shown.map((u) => (u.id === changed.id ? changed : u)));
      say(
        changed.disabled
          ? `${changed.username} is disabled: they cannot sign in, and their keys do not work.`
          : `${changed.username} is enabled again.`,
      );
    });
  }

  async function remove(user: User) {
    await api('DELETE', `/v1/users/${user.id}`);
    setItems((shown) => shown.filter((u) => u.id !== user.id));
    setDeleting(null);
    say(`${user.username} was deleted; their keys are revoked.`, true);
  }

  return (
    <>
      <table class="people-table">
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Cluster admin</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((user) => {
            const self = user.id === session.user.id;
            return (
              <tr key={user.id}>
                <td data-label="Username">
                  {/* One flex item in the narrow layout's card, not two. */}
                  <span>
                    {user.username}
                    {self && <span class="muted"> (you)</span>}
                  </span>
                </td>
                <td data-label="Cluster admin">{user.clusterAdmin ? 'yes' : 'no'}</td>
                <td data-label="Status">
                  <span class={`status status-${user.disabled ? 'disabled' : 'active'}`}>
                    {user.disabled ? 'disabled' : 'enabled'}
                  </span>
                </td>
                <td data-label="Created">{when(user.createdAt, '—')}</td>
                <td data-label="">
                  {/* The API refuses both to a cluster admin about themselves. */}
                  {!self && (
                    <div class="people-row-actions">
                      <RowButton name={user.username} onClick={() => toggle(user)} disabled={action.busy}>
                        {user.disabled ? 'Enable' : 'Disable'}
                      </RowButton>
                      <RowButton name={user.username} onClick={() => setDeleting(user)}>
                        Delete
                      </RowButton>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {action.error && <Failure error={action.error} />}
      {loading.error && <Failure error={loading.error} />}
      {notice && (
        <Notice key={notice.n} focus={notice.focus}>
          {notice.text}
        </Notice>
      )}
      {hasMore && <ShowMore what="users" busy={loading.busy} onClick={more} />}
      <NewUser
        onCreated={(user) => {
          setItems((shown) => [...shown, user]);
          say(`${user.username} was created.`);
        }}
      />
      {deleting && (
        <Confirm
          title={`Delete ${deleting.username}?`}
          action={`Delete ${deleting.username}`}
          onDone={() => remove(deleting)}
          onCancel={() => setDeleting(null)}
        >
          <p>
            <strong>{deleting.username}</strong> can no longer sign in, leaves every organization, and every
            key they hold, in any organization, is revoked at once. This cannot be undone.
          </p>
        </Confirm>
      )}
    </>
  );
}
