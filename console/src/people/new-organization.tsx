import { useState } from 'preact/hooks';
import { api, type Organization } from '../api.js';
import { Failure } from '../load.js';
import { navigate } from '../router.js';
import { useSubmit } from './submit.js';

/** Creates an organization (its creator becomes its admin) and opens it. */
export function NewOrganization() {
  const [name, setName] = useState('');
  const [keyPrefix, setKeyPrefix] = useState('');
  const submit = useSubmit();

  async function create(event: Event) {
    event.preventDefault();
    await submit.run(async () => {
      const body = keyPrefix === '' ? { name } : { name, keyPrefix };
      const org = await api<Organization>('POST', '/v1/organizations', body);
      navigate(`/organizations/${org.id}`);
    });
  }

  return (
    <section aria-labelledby="new-organization">
      <h2 id="new-organization">Create an organization</h2>
      <form class="people-form" onSubmit={create}>
        <div class="people-field">
          <label for="organization-name">Name</label>
          <input
            id="organization-name"
            required
            maxLength={200}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <div class="people-field">
          <label for="organization-prefix">Key prefix (optional)</label>
          <input
            id="organization-prefix"
            aria-describedby="organization-prefix-hint"
            pattern="[a-z0-9]{2,16}"
            placeholder="kw"
            autocomplete="off"
            value={keyPrefix}
            onInput={(e) => setKeyPrefix(e.currentTarget.value)}
          />
          <p id="organization-prefix-hint" class="people-hint">
            2 to 16 lower-case letters or digits that begin every key of this organization, so that a leaked
            key says where it came from. It cannot be changed later.
          </p>
        </div>
        {submit.error && <Failure error={submit.error} />}
        <div>
          <button type="submit" class="primary" disabled={submit.busy}>
            {submit.busy ? 'Creating…' : 'Create organization'}
          </button>
        </div>
      </form>
    </section>
  );
}
