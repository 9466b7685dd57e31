import { useEffect, useRef, useState } from 'preact/hooks';
import { type ApiError, api, type Organization } from '../api.js';
import { asApiError, Show, useLoad } from '../load.js';
import { BASE, navigate } from '../router.js';
import { ProviderForm } from './provider-form.js';
import { ProviderPicker } from './provider-picker.js';
import { Refusal } from './refusal.js';
import type { Connection, FieldValues, Provider, ProviderSummary } from './types.js';

/**
 * Adding a connection, at `…/connections/new`: a provider from the catalog, then its form. The server
 * checks the credential with the provider before it keeps it; a refusal leaves the form as it was typed.
 */
export function AddConnection({ org }: { org: Organization }) {
  const [picked, setPicked] = useState<ProviderSummary | null>(null);
  const list = `/organizations/${org.id}/connections`;
  // Reached by a link that is gone now: the focus starts from this page's heading.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="add-connection">
      <p>
        <a href={`${BASE}${list}`}>Back to the connections</a>
      </p>
      <h2 id="add-connection" class="conn-focus" ref={heading} tabIndex={-1}>
        Add a connection
      </h2>
      {picked === null ? (
        <ProviderPicker id="add-provider" verb="Choose" onPick={setPicked} />
      ) : (
        <>
          <p>
            <button type="button" onClick={() => setPicked(null)}>
              Choose another provider
            </button>
          </p>
          <ProviderLoader
            key={picked.name}
            name={picked.name}
            orgId={org.id}
            onSaved={() => navigate(list)}
          />
        </>
      )}
    </section>
  );
}

function ProviderLoader({ name, orgId, onSaved }: { name: string; orgId: string; onSaved: () => void }) {
  const [loaded, retry] = useLoad(() => api<Provider>('GET', `/v1/providers/${name}`), name);
  return (
    <Show loaded={loaded} what="the provider's form" retry={retry}>
      {(provider) => <NewConnectionForm provider={provider} orgId={orgId} onSaved={onSaved} />}
    </Show>
  );
}

function NewConnectionForm({
  provider,
  orgId,
  onSaved,
}: {
  provider: Provider;
  orgId: string;
  onSaved: () => void;
}) {
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function save(values: FieldValues) {
    setError(null);
    try {
      await api<Connection>('POST', `/v1/organizations/${orgId}/connections`, {
        provider: provider.name,
        ...(name.trim() === '' ? {} : { name: name.trim() }),
        ...values,
      });
      onSaved();
    } catch (failure) {
      setError(asApiError(failure));
    }
  }

  return (
    <>
      <h3 class="conn-focus" ref={heading} tabIndex={-1}>
        {provider.displayName}
      </h3>
      {provider.docsConnect && (
        <p>
          <a href={provider.docsConnect} target="_blank" rel="noopener noreferrer">
            How to connect {provider.displayName}
          </a>
        </p>
      )}
      {!provider.verifies && (
        <p class="note">
          Keyward has no way to check a {provider.displayName} credential: it is saved as given.
        </p>
      )}
      <ProviderForm
        provider={provider}
        action={`Connect ${provider.displayName}`}
        onSubmit={save}
        before={
          <div class="conn-field">
            <label for="connection-name">
              Name <span class="muted">(optional)</span>
            </label>
            <p class="conn-hint" id="connection-name-hint">
              How this organization calls it; {provider.displayName} unless you say.
            </p>
            <input
              id="connection-name"
              value={name}
              maxLength={200}
              aria-describedby="connection-name-hint"
              onInput={(event) => setName(event.currentTarget.value)}
            />
          </div>
        }
      >
        {error && <Refusal error={error} displayName={provider.displayName} />}
      </ProviderForm>
    </>
  );
}
