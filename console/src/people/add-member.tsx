import { useState } from 'preact/hooks';
import { api, type Member, type Page, type User } from '../api.js';
import { Failure, Loading, useLoad } from '../load.js';
import { type Role, RoleField } from './role-field.js';
import { useSubmit } from './submit.js';

/**
 * Adds a user to an organization. The API takes a user id; a cluster admin, who may list the users, picks
 * one by name, and anyone else types the id, which its owner reads with `keyward whoami`.
 */
export function AddMember({
  orgId,
  clusterAdmin,
  members,
  onAdded,
}: {
  orgId: string;
  clusterAdmin: boolean;
  members: Member[];
  onAdded: (member: Member) => void;
}) {
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<Role>('member');
  const submit = useSubmit();
  // Only a cluster admin may list users: for anyone else the list would only be refused.
  const [users] = useLoad(
    () => (clusterAdmin ? api<Page<User>>('GET', '/v1/users?limit=200') : Promise.resolve(null)),
    orgId,
  );
  // A picker only when every user fits in it; otherwise, or when the list fails, the id field.
  const already = new Set(members.map((m) => m.userId));
  const choices =
    users.state === 'done' && users.value !== null && users.value.nextCursor === null
      ? users.value.items.filter((u) => !already.has(u.id))
      : null;

  async function add(event: Event) {
    event.preventDefault();
    const added = await submit.run(async () => {
      onAdded(await api<Member>('POST', `/v1/organizations/${orgId}/members`, { userId, role }));
    });
    if (added) setUserId('');
  }

  if (clusterAdmin && users.state === 'loading') return <Loading what="the users" />;
  return (
    <section aria-labelledby="add-member">
      <h2 id="add-member">Add a member</h2>
      <form class="people-form" onSubmit={add}>
        {choices ? (
          <div class="people-field">
            <label for="member-user">User</label>
            <select
              id="member-user"
              required
              value={userId}
              onChange={(e) => setUserId(e.currentTarget.value)}
            >
              <option value="">Choose a user…</option>
              {choices.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.username}
                  {user.disabled ? ' (disabled)' : ''}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div class="people-field">
            <label for="member-user">User id</label>
            <input
              id="member-user"
              required
              aria-describedby="member-user-hint"
              pattern="usr_[0-9A-Za-z]{22}"
              autocomplete="off"
              value={userId}
              onInput={(e) => setUserId(e.currentTarget.value.trim())}
            />
            <p id="member-user-hint" class="people-hint">
              It starts with <code>usr_</code>. The person reads theirs with <code>keyward whoami</code>.
            </p>
          </div>
        )}
        <RoleField id="member-role" value={role} onChange={setRole} />
        {submit.error && <Failure error={submit.error} />}
        <div>
          <button type="submit" class="primary" disabled={submit.busy}>
            {submit.busy ? 'Adding…' : 'Add member'}
          </button>
        </div>
      </form>
    </section>
  );
}
