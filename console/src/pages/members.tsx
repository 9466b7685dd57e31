import { useState } from 'preact/hooks';
import { api, currentSession, type Member, type Organization, type Page, type Session } from '../api.js';
import { Confirm } from '../confirm.js';
import { RowButton, ShowMore } from '../controls.js';
import { when } from '../format.js';
import { Failure, Show, useLoad } from '../load.js';
import { AddMember } from '../people/add-member.js';
import { Notice } from '../people/notice.js';
import { usePaged } from '../people/paged.js';
import { useSubmit } from '../people/submit.js';

/**
 * An organization's members. Everyone in it may read the list; its admins (and cluster admins) also see
 * the buttons that add, promote, demote and remove. Hiding them is a courtesy: the API decides.
 */
export function Members({ org }: { org: Organization }) {
  const path = `/v1/organizations/${org.id}/members?limit=200`;
  const [loaded, retry] = useLoad(async () => {
    const [session, members] = await Promise.all([currentSession(), api<Page<Member>>('GET', path)]);
    return { session, members };
  }, org.id);
  return (
    <Show loaded={loaded} what="the members" retry={retry}>
      {({ session, members }) => <MemberList org={org} session={session} first={members} path={path} />}
    </Show>
  );
}

function MemberList({
  org,
  session,
  first,
  path,
}: {
  org: Organization;
  session: Session;
  first: Page<Member>;
  path: string;
}) {
  const { items, setItems, more, hasMore, loading } = usePaged(first, path);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [notice, setNotice] = useState<{ text: string; focus: boolean; n: number } | null>(null);
  const action = useSubmit();
  const me = session.user;
  const manages = me.clusterAdmin || items.some((m) => m.userId === me.id && m.role === 'admin');
  const base = `/v1/organizations/${org.id}/members`;

  function say(text: string, focus = false) {
    setNotice((last) => ({ text, focus, n: (last?.n ?? 0) + 1 }));
  }

  function changeRole(member: Member) {
    const role = member.role === 'admin' ? 'member' : 'admin';
    void action.run(async () => {
      const changed = await api<Member>('PATCH', `${base}/${member.userId}`, { role });
      setItems((shown) => shown.map((m) => (m.userId === changed.userId ? changed : m)));
      say(`${changed.username} is now ${changed.role === 'admin' ? 'an admin' : 'a member'}.`);
    });
  }

  async function remove(member: Member) {
    await api('DELETE', `${base}/${member.userId}`);
    setItems((shown) => shown.filter((m) => m.userId !== member.userId));
    setRemoving(null);
    say(`${member.username} was removed from ${org.name}; their keys here are revoked.`, true);
  }

  return (
    <>
      {items.length === 0 ? (
        <p class="note">This organization has no members.</p>
      ) : (
        <table class="people-table">
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">Member since</th>
              {manages && (
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {items.map((member) => (
              <tr key={member.userId}>
                <td data-label="Username">
                  {/* One flex item in the narrow layout's card, not two. */}
                  <span>
                    {member.username}
                    {member.userId === me.id && <span class="muted"> (you)</span>}
                  </span>
                </td>
                <td data-label="Role">{member.role}</td>
                <td data-label="Since">{when(member.createdAt, '—')}</td>
                {manages && (
                  <td data-label="">
                    <div class="people-row-actions">
                      <RowButton
                        name={member.username}
                        onClick={() => changeRole(member)}
                        disabled={action.busy}
                      >
                        {member.role === 'admin' ? 'Make member' : 'Make admin'}
                      </RowButton>
                      <RowButton name={member.username} onClick={() => setRemoving(member)}>
                        Remove
                      </RowButton>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {action.error && <Failure error={action.error} />}
      {loading.error && <Failure error={loading.error} />}
      {notice && (
        <Notice key={notice.n} focus={notice.focus}>
          {notice.text}
        </Notice>
      )}
      {hasMore && <ShowMore what="members" busy={loading.busy} onClick={more} />}
      {manages && (
        <AddMember
          orgId={org.id}
          clusterAdmin={me.clusterAdmin}
          members={items}
          onAdded={(member) => {
            setItems((shown) => [...shown, member]);
            say(`${member.username} was added as ${member.role === 'admin' ? 'an admin' : 'a member'}.`);
          }}
        />
      )}
      {removing && (
        <Confirm
          title={`Remove ${removing.username} from ${org.name}?`}
          action={`Remove ${removing.username}`}
          onDone={() => remove(removing)}
          onCancel={() => setRemoving(null)}
        >
          <p>
            <strong>{removing.username}</strong> loses access to {org.name}, and every key they hold in it is
            revoked at once. Adding them again brings none of those keys back.
          </p>
        </Confirm>
      )}
    </>
  );
}
