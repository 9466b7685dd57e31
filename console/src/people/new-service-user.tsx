import { useState } from 'preact/hooks';
import { api, type Organization, type ServiceUser } from '../api.js';
import { Failure } from '../load.js';
import { BASE } from '../router.js';
import { EMPTY_DRAFT, fieldsOf, ServiceUserFields } from './service-user-fields.js';
import { useSubmit } from './submit.js';

/** Creates a service user, then offers the next step: a key for it. */
export function NewServiceUser({
  org,
  onCreated,
}: {
  org: Organization;
  onCreated: (serviceUser: ServiceUser) => void;
}) {
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const [created, setCreated] = useState<ServiceUser | null>(null);
  const submit = useSubmit();

  async function create(event: Event) {
    event.preventDefault();
    const { name, description, role, expiresAt } = fieldsOf(draft);
    await submit.run(async () => {
      // Creation takes no nulls: an absent field is the empty one.
      const body = {
        name,
        role,
        ...(description === null ? {} : { description }),
        ...(expiresAt === null ? {} : { expiresAt }),
      };
      const serviceUser = await api<ServiceUser>('POST', `/v1/organizations/${org.id}/service-users`, body);
      setCreated(serviceUser);
      setDraft(EMPTY_DRAFT);
      onCreated(serviceUser);
    });
  }

  return (
    <section aria-labelledby="new-service-user">
      <h2 id="new-service-user">Create a service user</h2>
      {created && <Created org={org} serviceUser={created} />}
      <form class="people-form" onSubmit={create}>
        <ServiceUserFields prefix="new-service-user" draft={draft} onChange={setDraft} />
        {submit.error && <Failure error={submit.error} />}
        <div>
          <button type="submit" class="primary" disabled={submit.busy}>
            {submit.busy ? 'Creating…' : 'Create service user'}
          </button>
        </div>
      </form>
    </section>
  );
}

function Created({ org, serviceUser }: { org: Organization; serviceUser: ServiceUser }) {
  return (
    <div class="people-done" role="status">
      <p>
        Service user <strong>{serviceUser.name}</strong> was created. It signs in only with API keys.
      </p>
      <a href={`${BASE}/organizations/${org.id}/keys/new?owner=${serviceUser.id}`}>
        Create a key for {serviceUser.name}
      </a>
    </div>
  );
}
