import { useState } from 'preact/hooks';
import { type ApiError, api, type Organization } from '../api.js';
import { asApiError, Failure } from '../load.js';
import { LinkDialog } from './link-dialog.js';
import { ProviderPicker } from './provider-picker.js';
import type { ConnectLink, ProviderSummary } from './types.js';

/** How long a link may last, from the API's range (60 seconds to 7 days; 30 minutes by default). */
const LIFETIMES = [
  { seconds: 1800, label: '30 minutes' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 86_400, label: '1 day' },
  { seconds: 604_800, label: '7 days' },
] as const;

/** The form that makes a connect link: its providers, its lifetime, the connection's name. */
export function NewLink({ org, onMade }: { org: Organization; onMade: (link: ConnectLink) => void }) {
  const [providers, setProviders] = useState<ProviderSummary[]>([]);
  const [expiresIn, setExpiresIn] = useState(1800);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [made, setMade] = useState<{ link: ConnectLink; token: string } | null>(null);

  const add = (provider: ProviderSummary) =>
    setProviders((now) => (now.some((p) => p.name === provider.name) ? now : [...now, provider]));

  async function make(event: Event) {
    event.preventDefault();
    if (providers.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const { token, ...link } = await api<ConnectLink & { token: string }>(
        'POST',
        `/v1/organizations/${org.id}/connect-sessions`,
        {
          providers: providers.map((p) => p.name),
          expiresIn,
          ...(name.trim() === '' ? {} : { connectionName: name.trim() }),
        },
      );
      setMade({ link, token });
      onMade(link);
      setProviders([]);
      setName('');
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="new-link" onSubmit={make} aria-labelledby="new-link">
      <h3 id="new-link">Make a connect link</h3>
      <fieldset>
        <legend>Providers the link offers</legend>
        {providers.length === 0 ? (
          <p class="note">None yet: find one below and add it.</p>
        ) : (
          <ul class="conn-chosen">
            {providers.map((provider) => (
              <li key={provider.name}>
                {provider.displayName}{' '}
                <button
                  type="button"
                  onClick={() => setProviders((now) => now.filter((p) => p.name !== provider.name))}
                >
                  Remove<span class="visually-hidden"> {provider.displayName}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <ProviderPicker id="link-provider" verb="Add" onPick={add} />
      </fieldset>
      <div class="conn-field">
        <label for="link-lifetime">Expires after</label>
        <select
          id="link-lifetime"
          value={String(expiresIn)}
          onChange={(event) => setExpiresIn(Number(event.currentTarget.value))}
        >
          {LIFETIMES.map((lifetime) => (
            <option key={lifetime.seconds} value={String(lifetime.seconds)}>
              {lifetime.label}
            </option>
          ))}
        </select>
      </div>
      <div class="conn-field">
        <label for="link-name">
          Name of the connection <span class="muted">(optional)</span>
        </label>
        <input
          id="link-name"
          value={name}
          maxLength={200}
          onInput={(event) => setName(event.currentTarget.value)}
        />
      </div>
      {error && <Failure error={error} />}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || providers.length === 0}>
          {busy ? 'Making the link…' : 'Make the link'}
        </button>
      </div>
      {made && <LinkDialog org={org} link={made.link} token={made.token} onClose={() => setMade(null)} />}
    </form>
  );
}
