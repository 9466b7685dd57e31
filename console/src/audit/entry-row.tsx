import { when } from '../format.js';
import type { AuditEntry } from './types.js';

/** One entry: who did what to what, when, how it ended, and its details on demand. */
export function EntryRow({ entry }: { entry: AuditEntry }) {
  return (
    <tr>
      <td data-label="Time">
        <time dateTime={entry.at}>{when(entry.at, '')}</time>
        <div class="muted">#{entry.seq}</div>
      </td>
      <td data-label="Action">
        <code>{entry.action}</code>
      </td>
      <td data-label="Actor">
        <Id value={entry.actorId} />
      </td>
      <td data-label="Target">
        <Id value={entry.targetId} />
      </td>
      <td data-label="Outcome">
        <span class={`status ${entry.outcome === 'success' ? 'status-active' : 'status-revoked'}`}>
          {entry.outcome}
        </span>
      </td>
      <td data-label="Request">
        <Id value={entry.requestId} />
      </td>
      <td data-label="Details">
        <details>
          <summary>
            Details<span class="visually-hidden"> of entry {entry.seq}</span>
          </summary>
          <dl class="entry-details">
            <dt>Organization</dt>
            <dd>
              <Id value={entry.orgId} />
            </dd>
            <dt>Address</dt>
            <dd>{entry.ip ?? '—'}</dd>
            <dt>Entry id</dt>
            <dd>
              <code>{entry.id}</code>
            </dd>
            {entry.details && (
              <>
                <dt>Details</dt>
                <dd>
                  <pre>{JSON.stringify(entry.details, null, 2)}</pre>
                </dd>
              </>
            )}
            <dt>Hash</dt>
            <dd>
              <code class="audit-hash">{entry.hash}</code>
            </dd>
          </dl>
        </details>
      </td>
    </tr>
  );
}

function Id({ value }: { value: string | null }) {
  return value === null ? <span class="muted">—</span> : <code class="audit-id">{value}</code>;
}
