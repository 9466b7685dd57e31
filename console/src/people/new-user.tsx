import { useRef, useState } from 'preact/hooks';
import { api, type User } from '../api.js';
import { Failure } from '../load.js';
import { useSubmit } from './submit.js';

/**
 * Creates a user. The password is read from its field at the moment of sending and the field is emptied
 * straight after, whatever the answer: it never enters the page's state, and is not kept once sent.
 */
export function NewUser({ onCreated }: { onCreated: (user: User) => void }) {
  const [username, setUsername] = useState('');
  const [clusterAdmin, setClusterAdmin] = useState(false);
  const password = useRef<HTMLInputElement>(null);
  const submit = useSubmit();

  async function create(event: Event) {
    event.preventDefault();
    const field = password.current;
    if (!field) return;
    const body = { username, password: field.value, clusterAdmin };
    field.value = '';
    const created = await submit.run(async () => onCreated(await api<User>('POST', '/v1/users', body)));
    if (created) {
      setUsername('');
      setClusterAdmin(false);
    }
  }

  return (
    <section aria-labelledby="new-user">
      <h2 id="new-user">Create a user</h2>
      <form class="people-form" onSubmit={create}>
        <div class="people-field">
          <label for="user-username">Username</label>
          <input
            id="user-username"
            required
            aria-describedby="user-username-hint"
            pattern="[a-z0-9][a-z0-9._\-]{1,63}"
            autocomplete="off"
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
          <p id="user-username-hint" class="people-hint">
            2 to 64 lower-case letters, digits, dots, underscores or hyphens.
          </p>
        </div>
        <div class="people-field">
          <label for="user-password">Password</label>
          <input
            id="user-password"
            ref={password}
            type="password"
            required
            minLength={8}
            maxLength={1024}
            autocomplete="new-password"
            aria-describedby="user-password-hint"
          />
          <p id="user-password-hint" class="people-hint">
            At least 8 characters. Hand it to the person yourself; Keyward does not show it again.
          </p>
        </div>
        <div class="people-check">
          <input
            id="user-cluster-admin"
            type="checkbox"
            checked={clusterAdmin}
            aria-describedby="user-cluster-admin-warning"
            onChange={(e) => setClusterAdmin(e.currentTarget.checked)}
          />
          <label for="user-cluster-admin">Cluster admin</label>
        </div>
        <p id="user-cluster-admin-warning" class="people-warning">
          A cluster admin can do everything, in every organization: create and delete users, and see, make and
          revoke every key. Give it to as few people as you can.
        </p>
        {submit.error && <Failure error={submit.error} />}
        <div>
          <button type="submit" class="primary" disabled={submit.busy}>
            {submit.busy ? 'Creating…' : 'Create user'}
          </button>
        </div>
      </form>
    </section>
  );
}
