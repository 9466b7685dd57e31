import { useState } from 'preact/hooks';
import type { AuditFilters } from './types.js';
import { NO_FILTERS } from './types.js';

/** The actions Keyward records, offered as suggestions; any other name is still accepted. */
const ACTIONS = [
  'apikey.created',
  'apikey.imported',
  'apikey.leaked',
  'apikey.revoked',
  'apikey.rotated',
  'apikey.updated',
  'auth.failed',
  'auth.logout',
  'auth.token',
  'connect_session.created',
  'connect_session.deleted',
  'connection.check_failed',
  'connection.checked',
  'connection.created',
  'connection.deleted',
  'connection.updated',
  'console.signin',
  'console.signout',
  'member.added',
  'member.removed',
  'member.updated',
  'organization.created',
  'organization.deleted',
  'organization.updated',
  'service_user.created',
  'service_user.deleted',
  'service_user.updated',
  'user.created',
  'user.deleted',
  'vault.rotated',
  'webhook.created',
  'webhook.deleted',
  'webhook.secret_rotated',
  'webhook.updated',
];

/**
 * The audit log's filters, as the API takes them (src/http/params.ts, AuditQuery). What is typed stays
 * here until "Apply", so that a half-typed id does not query; the browser checks the id shapes first.
 */
export function Filters({ applied, onApply }: { applied: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const [draft, setDraft] = useState(applied);
  const set = (name: keyof AuditFilters) => (event: Event) =>
    setDraft((now) => ({ ...now, [name]: (event.currentTarget as HTMLInputElement).value }));

  return (
    <form
      class="audit-filters"
      aria-label="Filter the audit log"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      <div class="conn-field">
        <label for="audit-action">Action</label>
        <input
          id="audit-action"
          list="audit-actions"
          value={draft.action}
          pattern="[a-z_.]{1,64}"
          title="An action such as apikey.revoked"
          onInput={set('action')}
        />
        <datalist id="audit-actions">
          {ACTIONS.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
      </div>
      <div class="conn-field">
        <label for="audit-actor">Actor id</label>
        <input
          id="audit-actor"
          value={draft.actorId}
          pattern="(usr|svc|cns)_[0-9A-Za-z]{22}"
          title="A user's, service user's or connect link's id: usr_…, svc_… or cns_…"
          placeholder="usr_…, svc_… or cns_…"
          onInput={set('actorId')}
        />
      </div>
      <div class="conn-field">
        <label for="audit-target">Target id</label>
        <input
          id="audit-target"
          value={draft.targetId}
          pattern="[a-z]{3}_[0-9A-Za-z]{22}"
          title="The id of what was acted on, such as key_… or con_…"
          placeholder="key_…, con_…"
          onInput={set('targetId')}
        />
      </div>
      <div class="conn-field">
        <label for="audit-since">From</label>
        <input id="audit-since" type="datetime-local" value={draft.since} onInput={set('since')} />
      </div>
      <div class="conn-field">
        <label for="audit-until">Until</label>
        <input id="audit-until" type="datetime-local" value={draft.until} onInput={set('until')} />
      </div>
      <div class="actions">
        <button
          type="button"
          onClick={() => {
            setDraft(NO_FILTERS);
            onApply(NO_FILTERS);
          }}
        >
          Clear
        </button>
        <button type="submit" class="primary">
          Apply
        </button>
      </div>
    </form>
  );
}

/** The query string for a page of entries under these filters; times go to the API as UTC. */
export function auditQuery(filters: AuditFilters, orgId: string | undefined, cursor: string | null): string {
  const query = new URLSearchParams({ limit: '50' });
  if (orgId) query.set('orgId', orgId);
  if (filters.action) query.set('action', filters.action);
  if (filters.actorId) query.set('actorId', filters.actorId);
  if (filters.targetId) query.set('targetId', filters.targetId);
  if (filters.since) query.set('since', new Date(filters.since).toISOString());
  if (filters.until) query.set('until', new Date(filters.until).toISOString());
  if (cursor) query.set('cursor', cursor);
  return query.toString();
}
