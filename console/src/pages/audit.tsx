import { useState } from 'preact/hooks';
import { type ApiError, api, type Page } from '../api.js';
import { ChainCheck } from '../audit/chain-check.js';
import { EntryRow } from '../audit/entry-row.js';
import { auditQuery, Filters } from '../audit/filters.js';
import { type AuditEntry, type AuditFilters, NO_FILTERS } from '../audit/types.js';
import { ShowMore } from '../controls.js';
import { asApiError, Failure, Show, useLoad } from '../load.js';
import { PageTitle } from '../page-title.js';

/**
 * The audit log, newest first: the whole cluster's at `/audit` (cluster admins), or an organization's in
 * its tab (`orgId`). The filters apply on "Apply"; the chain is checked on the whole log, or on the
 * organization's entries along its own chain.
 */
export function Audit({ orgId }: { orgId?: string }) {
  // `round` counts the "Apply"s, so that applying the same filters again still asks the server again.
  const [applied, setApplied] = useState({ filters: NO_FILTERS, round: 0 });
  const { filters } = applied;
  const key = JSON.stringify([orgId ?? null, applied]);
  const [loaded, retry] = useLoad(
    () => api<Page<AuditEntry>>('GET', `/v1/audit?${auditQuery(filters, orgId, null)}`),
    key,
  );
  return (
    <>
      {orgId === undefined && <PageTitle>Audit log</PageTitle>}
      <Filters
        applied={filters}
        onApply={(next) => setApplied((now) => ({ filters: next, round: now.round + 1 }))}
      />
      <Show loaded={loaded} what="the audit log" retry={retry}>
        {(page) => <Entries key={key} first={page} filters={filters} orgId={orgId} />}
      </Show>
      <ChainCheck orgId={orgId} />
    </>
  );
}

function Entries({
  first,
  filters,
  orgId,
}: {
  first: Page<AuditEntry>;
  filters: AuditFilters;
  orgId: string | undefined;
}) {
  const [entries, setEntries] = useState(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function more() {
    if (cursor === null) return;
    setBusy(true);
    setError(null);
    try {
      const page = await api<Page<AuditEntry>>('GET', `/v1/audit?${auditQuery(filters, orgId, cursor)}`);
      setEntries((shown) => [...shown, ...page.items]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(false);
    }
  }

  if (entries.length === 0) return <p class="note">No entries match.</p>;
  return (
    <>
      <table class="audit-table">
        <caption class="visually-hidden">Audit entries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Action</th>
            <th scope="col">Actor</th>
            <th scope="col">Target</th>
            <th scope="col">Outcome</th>
            <th scope="col">Request id</th>
            <th scope="col">
              <span class="visually-hidden">Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <EntryRow key={entry.seq} entry={entry} />
          ))}
        </tbody>
      </table>
      {error && <Failure error={error} />}
      {cursor !== null && <ShowMore what="entries" busy={busy} onClick={more} />}
    </>
  );
}
