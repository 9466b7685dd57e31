import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type ServiceUser } from '../api.js';
import { Failure } from '../load.js';
import { draftOf, fieldsOf, ServiceUserFields } from './service-user-fields.js';
import { useSubmit } from './submit.js';

/**
 * A modal `<dialog>` that edits a service user. It sends only the fields that changed, since each change
 * of role or expiry is checked against what the editor holds.
 */
export function EditServiceUser({
  serviceUser,
  onSaved,
  onClose,
}: {
  serviceUser: ServiceUser;
  onSaved: (serviceUser: ServiceUser) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState(() => draftOf(serviceUser));
  const submit = useSubmit();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  async function save(event: Event) {
    event.preventDefault();
    const before = fieldsOf(draftOf(serviceUser));
    const after = fieldsOf(draft);
    const patch = Object.fromEntries(
      Object.entries(after).filter(([field, value]) => before[field as keyof typeof before] !== value),
    );
    if (Object.keys(patch).length === 0) {
      dialog.current?.close();
      return;
    }
    const saved = await submit.run(async () => {
      const path = `/v1/organizations/${serviceUser.orgId}/service-users/${serviceUser.id}`;
      onSaved(await api<ServiceUser>('PATCH', path, patch));
    });
    // Closing, rather than unmounting, gives the focus back to the button that opened the dialog.
    if (saved) dialog.current?.close();
  }

  return (
    <dialog ref={dialog} aria-labelledby="edit-service-user-title" onClose={onClose}>
      <h2 id="edit-service-user-title">Edit {serviceUser.name}</h2>
      <form class="people-form" onSubmit={save}>
        <ServiceUserFields prefix="edit-service-user" draft={draft} onChange={setDraft} />
        {submit.error && <Failure error={submit.error} />}
        <div class="actions">
          <button type="button" onClick={() => dialog.current?.close()} disabled={submit.busy}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={submit.busy}>
            {submit.busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
