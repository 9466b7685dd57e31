import { useState } from 'preact/hooks';
import { type ApiError, api, type Page } from '../api.js';
import { asApiError, Failure } from '../load.js';
import type { ProviderSummary } from './types.js';

/**
 * A search of the catalog (`GET /v1/providers?search=`), some 400 providers, whose results are buttons:
 * the name, display name and categories match, in any case. `verb` says what a button does ("Choose",
 * "Add"), for those who hear the button rather than see the form around it.
 */
export function ProviderPicker({
  id,
  verb,
  onPick,
}: {
  id: string;
  verb: string;
  onPick: (provider: ProviderSummary) => void;
}) {
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Page<ProviderSummary> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function find(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const query = search.trim() === '' ? '' : `&search=${encodeURIComponent(search.trim())}`;
      setFound(await api<Page<ProviderSummary>>('GET', `/v1/providers?limit=50${query}`));
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="provider-picker">
      {/* Not a <form>: the picker may sit inside the form whose field it fills. */}
      <label for={`${id}-search`}>Find a provider</label>
      <div class="conn-search">
        <input
          id={`${id}-search`}
          type="search"
          value={search}
          maxLength={100}
          aria-describedby={`${id}-search-hint`}
          onInput={(event) => setSearch(event.currentTarget.value)}
          onKeyDown={(event) => event.key === 'Enter' && find(event)}
        />
        <button type="button" onClick={find} disabled={busy}>
          {busy ? 'Searching…' : 'Search'}
        </button>
      </div>
      <p class="conn-hint" id={`${id}-search-hint`}>
        By name or category, such as <code>sentinelone</code> or <code>ticketing</code>.
      </p>
      {error && <Failure error={error} />}
      <p class="visually-hidden" role="status">
        {found && `${found.items.length}${found.nextCursor === null ? '' : ' or more'} providers found`}
      </p>
      {found && (
        <div>
          {found.items.length === 0 ? (
            <p class="note">No provider matches “{search}”.</p>
          ) : (
            <ul class="provider-results" aria-label="Providers found">
              {found.items.map((provider) => (
                <li key={provider.name}>
                  <button type="button" onClick={() => onPick(provider)}>
                    <span class="visually-hidden">{verb} </span>
                    {provider.displayName}
                  </button>{' '}
                  <span class="muted">
                    {provider.name}
                    {provider.verifies ? '' : ' (saved without a check)'}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {found.nextCursor !== null && <p class="note">More providers match: narrow the search.</p>}
        </div>
      )}
    </div>
  );
}
