import type { ServiceUser } from '../api.js';
import { fromLocalInput, toLocalInput } from './datetime.js';
import { type Role, RoleField } from './role-field.js';

/** A service user as its form holds it: text as typed, the expiry in local time ('' for none). */
export interface ServiceUserDraft {
  name: string;
  description: string;
  role: Role;
  expires: string;
}

export const EMPTY_DRAFT: ServiceUserDraft = { name: '', description: '', role: 'member', expires: '' };

export function draftOf(serviceUser: ServiceUser): ServiceUserDraft {
  return {
    name: serviceUser.name,
    description: serviceUser.description ?? '',
    role: serviceUser.role,
    expires: toLocalInput(serviceUser.expiresAt),
  };
}

/** The API's fields for a draft: an empty description or expiry is none at all. */
export function fieldsOf(draft: ServiceUserDraft) {
  return {
    name: draft.name,
    description: draft.description === '' ? null : draft.description,
    role: draft.role,
    expiresAt: fromLocalInput(draft.expires),
  };
}

/**
 * The fields of a service user, shared by the form that creates one and the dialog that edits it.
 * `prefix` keeps their ids apart when both are on the page.
 */
export function ServiceUserFields({
  prefix,
  draft,
  onChange,
}: {
  prefix: string;
  draft: ServiceUserDraft;
  onChange: (draft: ServiceUserDraft) => void;
}) {
  const set = (patch: Partial<ServiceUserDraft>) => onChange({ ...draft, ...patch });
  return (
    <>
      <div class="people-field">
        <label for={`${prefix}-name`}>Name</label>
        <input
          id={`${prefix}-name`}
          required
          maxLength={200}
          autocomplete="off"
          value={draft.name}
          onInput={(e) => set({ name: e.currentTarget.value })}
        />
      </div>
      <div class="people-field">
        <label for={`${prefix}-description`}>Description (optional)</label>
        <textarea
          id={`${prefix}-description`}
          maxLength={1000}
          rows={2}
          value={draft.description}
          onInput={(e) => set({ description: e.currentTarget.value })}
        />
      </div>
      <RoleField id={`${prefix}-role`} value={draft.role} onChange={(role) => set({ role })} />
      <div class="people-field">
        <label for={`${prefix}-expires`}>Expires (optional)</label>
        <input
          id={`${prefix}-expires`}
          type="datetime-local"
          aria-describedby={`${prefix}-expires-hint`}
          min={toLocalInput(new Date().toISOString())}
          value={draft.expires}
          onInput={(e) => set({ expires: e.currentTarget.value })}
        />
        <p id={`${prefix}-expires-hint`} class="people-hint">
          In your local time. Leave it empty for a service user that does not expire; its keys stop working
          when it does.
        </p>
      </div>
    </>
  );
}
